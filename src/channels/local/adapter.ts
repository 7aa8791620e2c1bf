import type { Db } from "../../db/client";
import { concatBytes } from "../../lib/bytes";
import { type AdapterContext, type ChannelAdapter, ChannelCallFailed, type ChannelSession } from "../adapter";
import { redeemSandboxCode, refreshSandboxToken, revokeSandboxTokens, sandboxAccountName, sandboxAccountOf } from "./sandbox-oauth";
import { createSandboxProduct, insertSandboxVideo, listSandboxItems, type SandboxProduct, updateSandboxProduct } from "./sandbox-store";

/** What the sandbox keeps: its rows in D1 and uploaded videos in R2, under this prefix. */
export type SandboxHome = { db: Db; files: R2Bucket; baseUrl: string };

export const SANDBOX_R2_PREFIX = "sandbox/";
/** Uploads are read from R2 in pieces of this size, as an outside upload would send them. */
const READ_CHUNK = 1024 * 1024;

/**
 * The `local` provider: an in-app sandbox shop and video channel, the offline default (docs/
 * channels.md). It is an adapter like the outside ones: the connect flow goes through its
 * consent page (/sandbox/authorize) with state and PKCE, its tokens expire and refresh, a call
 * with a refused token raises `ChannelAuthExpired`, and what it receives is shown on its own
 * pages (/sandbox/shops/:account, /sandbox/channels/:account).
 */
export function localAdapter(home: SandboxHome, context: AdapterContext): ChannelAdapter {
	const { db } = home;
	const accountOf = (session: Pick<ChannelSession, "accessToken">) => sandboxAccountOf(db, session.accessToken, context.now());
	const owned = async (session: ChannelSession) => {
		const account = await accountOf(session);
		if (account !== session.externalId) throw new ChannelCallFailed("the sandbox token belongs to another account", false, 403);
		return account;
	};
	return {
		provider: "local",
		kinds: ["shop", "video"],
		scopes: ["sandbox.shop", "sandbox.video"],
		pkce: true,
		needsAccount: false,
		authorizeUrl: ({ state, codeChallenge, redirectUri }) => {
			const url = new URL(`${home.baseUrl}/sandbox/authorize`);
			url.search = new URLSearchParams({
				response_type: "code",
				client_id: "edge-factory",
				redirect_uri: redirectUri,
				state,
				code_challenge: codeChallenge ?? "",
				code_challenge_method: "S256",
				scope: "sandbox.shop sandbox.video",
			}).toString();
			return url.toString();
		},
		exchangeCode: (input) => redeemSandboxCode(db, input, context.now()),
		refresh: (_account, refreshToken) => refreshSandboxToken(db, refreshToken, context.now()),
		describe: async (session) => {
			const account = await accountOf(session);
			return { externalId: account, displayName: (await sandboxAccountName(db, account)) ?? account };
		},
		revoke: async (account) => {
			await revokeSandboxTokens(db, account.externalId, context.now());
			return "revoked";
		},
		shop: {
			pushProduct: async (session, listing, externalId) => {
				const account = await owned(session);
				if (externalId === null) return { externalId: await createSandboxProduct(db, account, listing, context.now()) };
				const { createKey: _key, ...fields } = listing;
				await updateSandboxProduct(db, account, externalId, fields, context.now());
				return { externalId };
			},
			updatePrice: async (session, externalId, priceCents, currency) => {
				await updateSandboxProduct(db, await owned(session), externalId, { priceCents, currency }, context.now());
			},
			updateStock: async (session, externalId, stock) => {
				await updateSandboxProduct(db, await owned(session), externalId, { stock }, context.now());
			},
			hide: async (session, externalId) => {
				await updateSandboxProduct(db, await owned(session), externalId, { display: false, selling: false }, context.now());
			},
			readOrders: async (session, since) => {
				const products = await listSandboxItems<SandboxProduct>(db, await owned(session), "product");
				return products.flatMap((product) => product.data.orders.filter((line) => line.orderedAt >= since));
			},
		},
		video: {
			uploadVideo: async (session, upload) => {
				const account = await owned(session);
				const parts: Uint8Array[] = [];
				for (let start = 0; start < upload.size; start += READ_CHUNK) parts.push(await upload.read(start, Math.min(upload.size, start + READ_CHUNK)));
				const key = `${SANDBOX_R2_PREFIX}${account}/${crypto.randomUUID()}`;
				await home.files.put(`${key}.mp4`, concatBytes(parts), { httpMetadata: { contentType: upload.contentType } });
				if (upload.thumbnail) await home.files.put(`${key}.jpg`, upload.thumbnail, { httpMetadata: { contentType: "image/jpeg" } });
				const id = await insertSandboxVideo(
					db,
					account,
					{
						title: upload.title,
						description: upload.description,
						tags: upload.tags,
						visibility: upload.visibility,
						size: upload.size,
						thumbnailR2Key: upload.thumbnail ? `${key}.jpg` : null,
					},
					`${key}.mp4`,
					context.now(),
				);
				return { externalId: id, url: `${home.baseUrl}/sandbox/channels/${account}/videos/${id}` };
			},
			readStats: async (session, externalIds) => {
				const videos = await listSandboxItems(db, await owned(session), "video");
				const sum = (key: "views" | "likes" | "comments") => videos.reduce((total, video) => total + video[key], 0);
				return {
					channel: { views: sum("views"), likes: sum("likes"), comments: sum("comments") },
					items: videos
						.filter((video) => externalIds.includes(video.id))
						.map((video) => ({ externalId: video.id, views: video.views, likes: video.likes, comments: video.comments })),
				};
			},
		},
	};
}
