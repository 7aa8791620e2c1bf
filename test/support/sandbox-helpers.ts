import type { TokenSet, VideoUpload } from "../../src/channels/adapter";
import type { ChannelDeps } from "../../src/channels/deps";
import { createSandboxAccount, issueSandboxCode } from "../../src/channels/local/sandbox-oauth";
import { type channels, publishSchedules } from "../../src/db/channels-schema";
import { projects } from "../../src/db/video-schema";
import { newId } from "../../src/lib/ids";
import { pkceChallenge, randomToken } from "../../src/lib/pkce";
import type { ChannelKind } from "../../src/shared/channels";
import { insertConnectedChannel } from "./channel-helpers";

/** A channel on the `local` sandbox with the row, the sandbox account and its (plaintext) tokens. */
export type SandboxChannel = { channel: typeof channels.$inferSelect; account: string; tokens: TokenSet };

/**
 * A sandbox shop or video channel connected as the connect flow would leave it: a sandbox account,
 * a real authorization code redeemed through the local adapter (so its tokens are the sandbox's
 * own and every later call is checked against them), and the channel row with those tokens sealed.
 * Omit `userId` for an admin-owned shop.
 */
export async function connectSandboxChannel(deps: ChannelDeps, options: { kind: ChannelKind; userId?: string; displayName?: string }): Promise<SandboxChannel> {
	const displayName = options.displayName ?? `샌드박스 ${options.kind}`;
	const account = await createSandboxAccount(deps.db, displayName, deps.now());
	const redirectUri = `${deps.config.baseUrl}/channels/callback/local`;
	const verifier = randomToken();
	const code = await issueSandboxCode(deps.db, { account, codeChallenge: await pkceChallenge(verifier), redirectUri }, deps.now());
	const tokens = await deps.adapters.get("local").exchangeCode({ code, codeVerifier: verifier, redirectUri, account: null });
	const channel = await insertConnectedChannel(deps, {
		provider: "local",
		kind: options.kind,
		userId: options.userId,
		externalId: account,
		displayName,
		tokens,
	});
	return { channel, account, tokens };
}

/** A `VideoUpload` of bytes in memory, as the publisher would hand the adapter a video read from R2. */
export function bytesUpload(
	bytes: Uint8Array,
	fields: Partial<Pick<VideoUpload, "title" | "description" | "tags" | "visibility" | "thumbnail">> = {},
): VideoUpload {
	return {
		title: "Test video",
		description: "",
		tags: [],
		visibility: "public",
		thumbnail: null,
		...fields,
		size: bytes.length,
		contentType: "video/mp4",
		read: async (start, end) => bytes.slice(start, end),
		resumeSession: null,
		onSession: async () => {},
	};
}

/**
 * A video uploaded to a user's sandbox channel and recorded as the published schedule of a new
 * project of theirs, as the publisher leaves it: what the analytics read back.
 */
export async function publishToSandbox(deps: ChannelDeps, sandbox: SandboxChannel, userId: string, title: string) {
	const video = deps.adapters.get("local").video;
	if (!video) throw new Error("the sandbox has no video capability");
	const session = { channelId: sandbox.channel.id, externalId: sandbox.account, accessToken: sandbox.tokens.accessToken };
	const uploaded = await video.uploadVideo(session, bytesUpload(new Uint8Array([0, 1, 2, 3]), { title }));
	const projectId = newId("proj");
	const at = deps.now().toISOString();
	await deps.db.insert(projects).values({ id: projectId, userId, title });
	await deps.db.insert(publishSchedules).values({
		id: newId("sch"),
		userId,
		projectId,
		channelId: sandbox.channel.id,
		scheduledAt: at,
		timeZone: "Asia/Seoul",
		title,
		status: "published",
		externalId: uploaded.externalId,
		externalUrl: uploaded.url,
		publishedAt: at,
	});
	return { projectId, externalId: uploaded.externalId, title };
}
