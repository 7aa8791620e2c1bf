import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ChannelAuthExpired, ChannelReauthRequired, type ShopListing } from "../../src/channels/adapter";
import { localAdapter } from "../../src/channels/local/adapter";
import { createSandboxAccount, expireSandboxAccessTokens, issueSandboxCode } from "../../src/channels/local/sandbox-oauth";
import { findSandboxItem, type SandboxProduct } from "../../src/channels/local/sandbox-store";
import { sandboxTokens } from "../../src/db/channels-schema";
import { getDb } from "../../src/db/client";
import { outsideHttp } from "../../src/lib/outside-http";
import { pkceChallenge, randomToken } from "../../src/lib/pkce";

const db = getDb(env.DB);
const now = () => new Date();
const adapter = localAdapter({ db, files: env.FILES, baseUrl: "http://localhost:8787" }, { http: outsideHttp(), now });
const redirectUri = "http://localhost:8787/channels/callback/local";

async function connected() {
	const account = await createSandboxAccount(db, "테스트 샌드박스", now());
	const verifier = randomToken();
	const code = await issueSandboxCode(db, { account, codeChallenge: await pkceChallenge(verifier), redirectUri }, now());
	const tokens = await adapter.exchangeCode({ code, codeVerifier: verifier, redirectUri, account: null });
	return { account, tokens, session: { channelId: "chn_test", externalId: account, accessToken: tokens.accessToken } };
}

const listing = (createKey: string): ShopListing => ({
	productId: "prd_x",
	createKey,
	name: "Sourdough kit",
	description: "Bake bread",
	priceCents: 1900,
	currency: "usd",
	display: true,
	selling: true,
	stock: null,
	url: "http://localhost:8787/products/sourdough",
});

describe("the local (sandbox) adapter", () => {
	it("speaks the authorization-code flow: PKCE, exact redirect URI, one-use codes; stores only hashes", async () => {
		const account = await createSandboxAccount(db, "Shop", now());
		const verifier = randomToken();
		const code = await issueSandboxCode(db, { account, codeChallenge: await pkceChallenge(verifier), redirectUri }, now());
		await expect(adapter.exchangeCode({ code, codeVerifier: "wrong", redirectUri, account: null })).rejects.toThrow(/code_verifier/);
		await expect(adapter.exchangeCode({ code, codeVerifier: verifier, redirectUri: `${redirectUri}/x`, account: null })).rejects.toThrow(/redirect_uri/);
		const tokens = await adapter.exchangeCode({ code, codeVerifier: verifier, redirectUri, account: null });
		expect(tokens.accessToken).toMatch(/^sbxa_/);
		await expect(adapter.exchangeCode({ code, codeVerifier: verifier, redirectUri, account: null })).rejects.toThrow(/already used/);
		const rows = await db.query.sandboxTokens.findMany({ where: eq(sandboxTokens.account, account) });
		expect(rows.map((row) => row.kind).sort()).toEqual(["access", "code", "refresh"]);
		expect(JSON.stringify(rows)).not.toContain(tokens.accessToken);
		expect(JSON.stringify(rows)).not.toContain(code);
		expect(await adapter.describe({ accessToken: tokens.accessToken, externalId: null })).toEqual({ externalId: account, displayName: "Shop" });
	});

	it("refuses an expired access token as a provider's 401 would, rotates refresh tokens, and revokes", async () => {
		const { account, tokens, session } = await connected();
		await expireSandboxAccessTokens(db, account, now());
		await expect(adapter.shop?.pushProduct(session, listing(`k-${account}`), null)).rejects.toBeInstanceOf(ChannelAuthExpired);
		const fresh = await adapter.refresh({ externalId: account }, tokens.refreshToken ?? "");
		await expect(adapter.refresh({ externalId: account }, tokens.refreshToken ?? "")).rejects.toBeInstanceOf(ChannelReauthRequired);
		const pushed = await adapter.shop?.pushProduct({ ...session, accessToken: fresh.accessToken }, listing(`k-${account}`), null);
		expect(pushed?.externalId).toMatch(/^sbp_/);
		expect(await adapter.revoke({ externalId: account }, { accessToken: fresh.accessToken, refreshToken: fresh.refreshToken })).toBe("revoked");
		await expect(adapter.describe({ accessToken: fresh.accessToken, externalId: account })).rejects.toBeInstanceOf(ChannelAuthExpired);
		await expect(adapter.refresh({ externalId: account }, fresh.refreshToken ?? "")).rejects.toBeInstanceOf(ChannelReauthRequired);
	});

	it("creates a product once per create key, updates, hides, and reads its sales", async () => {
		const { account, session } = await connected();
		const shop = adapter.shop;
		if (!shop) throw new Error("no shop capability");
		const first = await shop.pushProduct(session, listing("code-1"), null);
		// A create whose answer was lost is sent again without the id: the same product comes back.
		const again = await shop.pushProduct(session, listing("code-1"), null);
		expect(again.externalId).toBe(first.externalId);
		await shop.updatePrice(session, first.externalId, 2500, "usd");
		await shop.updateStock(session, first.externalId, 7);
		let item = await findSandboxItem<SandboxProduct>(db, account, "product", first.externalId);
		expect(item?.data).toMatchObject({ priceCents: 2500, stock: 7, display: true, selling: true });
		await shop.hide(session, first.externalId);
		item = await findSandboxItem<SandboxProduct>(db, account, "product", first.externalId);
		expect(item?.data).toMatchObject({ display: false, selling: false });
		await expect(shop.updatePrice(session, "sbp_missing", 1, "usd")).rejects.toThrow(/no product/);
		expect(await shop.readOrders(session, "1970-01-01T00:00:00Z")).toEqual([]);
	});

	it("uploads a video's bytes to R2 and reads its numbers", async () => {
		const { session } = await connected();
		const bytes = new Uint8Array(2_500_000).map((_, i) => i % 251);
		const sessions: string[] = [];
		const uploaded = await adapter.video?.uploadVideo(session, {
			title: "첫 영상",
			description: "설명",
			tags: ["a"],
			visibility: "unlisted",
			size: bytes.length,
			contentType: "video/mp4",
			read: async (start, end) => bytes.slice(start, end),
			thumbnail: new Uint8Array([0xff, 0xd8, 0xff]),
			resumeSession: null,
			onSession: async (s) => {
				sessions.push(s);
			},
		});
		expect(uploaded?.url).toContain(`/sandbox/channels/${session.externalId}/videos/`);
		const stored = await env.FILES.list({ prefix: `sandbox/${session.externalId}/` });
		expect(stored.objects.map((o) => o.size).sort((a, b) => a - b)).toEqual([3, bytes.length]);
		const stats = await adapter.video?.readStats(session, [uploaded?.externalId ?? ""]);
		expect(stats?.items).toEqual([{ externalId: uploaded?.externalId, views: 0, likes: 0, comments: 0 }]);
	});
});
