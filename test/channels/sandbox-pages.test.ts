import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ChannelAuthExpired, type ChannelSession } from "../../src/channels/adapter";
import { createSandboxAccount, issueSandboxCode } from "../../src/channels/local/sandbox-oauth";
import { findSandboxItem, type SandboxProduct, type SandboxVideo } from "../../src/channels/local/sandbox-store";
import { pkceChallenge, randomToken } from "../../src/lib/pkce";
import { testAppDeps } from "../support/helpers";
import { bytesUpload } from "../support/sandbox-helpers";
import { createTestUser, type TestUser } from "../support/user-helpers";

const BASE = "http://localhost:8787";
const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

function browser(path: string, cookies: string[], init: RequestInit = {}): Promise<Response> {
	const headers = new Headers(init.headers);
	headers.set("Cookie", cookies.join("; "));
	if (!headers.has("Accept")) headers.set("Accept", "text/html");
	return exports.default.fetch(new Request(new URL(path, BASE), { redirect: "manual", ...init, headers }));
}

const post = (who: TestUser, path: string, fields: Record<string, string> = {}) =>
	browser(path, [who.cookie], { method: "POST", headers: FORM, body: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString() });

/** A sandbox account with a live session of the local adapter, as a connected channel would hold it. */
async function sandboxSession(name: string) {
	const deps = await testAppDeps();
	const adapter = deps.channels.adapters.get("local");
	const account = await createSandboxAccount(deps.db, name, new Date());
	const verifier = randomToken();
	const redirectUri = `${BASE}/channels/callback/local`;
	const code = await issueSandboxCode(deps.db, { account, codeChallenge: await pkceChallenge(verifier), redirectUri }, new Date());
	const tokens = await adapter.exchangeCode({ code, codeVerifier: verifier, redirectUri, account: null });
	const session: ChannelSession = { channelId: "chn_sandbox_pages", externalId: account, accessToken: tokens.accessToken };
	return { deps, adapter, account, session };
}

describe("the sandbox's pages", () => {
	it("the shop page shows what was pushed (price formatted, display/selling, stock, outside id); buy one records a sale", async () => {
		const who = await createTestUser();
		const { deps, adapter, account, session } = await sandboxSession("샘플 상점");
		const listing = {
			name: "Sourdough kit",
			description: "Bake",
			priceCents: 1900,
			currency: "usd",
			display: true,
			selling: true,
			stock: null,
			url: `${BASE}/products/x`,
		};
		const pushed = await adapter.shop?.pushProduct(session, { productId: "prd_a", createKey: `k-${account}-a`, ...listing }, null);
		const hidden = await adapter.shop?.pushProduct(
			session,
			{ productId: "prd_b", createKey: `k-${account}-b`, ...listing, name: "Hidden kit", priceCents: 990000, currency: "krw", stock: 3 },
			null,
		);
		await adapter.shop?.hide(session, hidden?.externalId ?? "");

		const en = await browser(`/sandbox/shops/${account}?lang=en`, [who.cookie]);
		expect(en.status).toBe(200);
		const html = await en.text();
		expect(html).toContain("Sandbox shop: 샘플 상점");
		expect(html).toContain("$19.00");
		expect(html).toContain("Unlimited");
		expect(html).toContain(pushed?.externalId);
		expect(html).toContain(`data-product="${hidden?.externalId}"`);
		const ko = await (await browser(`/sandbox/shops/${account}?lang=ko`, [who.cookie])).text();
		expect(ko).toContain("샌드박스 쇼핑몰: 샘플 상점");
		expect(ko).toContain("₩990,000");
		expect(ko).toContain("1개 구매");

		const bought = await post(who, `/sandbox/shops/${account}/products/${pushed?.externalId}/buy`);
		expect(bought.status).toBe(303);
		expect(bought.headers.get("Location")).toBe(`/sandbox/shops/${account}?notice=bought`);
		const item = await findSandboxItem<SandboxProduct>(deps.db, account, "product", pushed?.externalId ?? "");
		expect(item?.data.orders).toHaveLength(1);
		expect(item?.data.orders[0]).toMatchObject({ quantity: 1, amountCents: 1900, currency: "usd" });
		// The adapter reads the sale back, as the analytics snapshot does.
		expect(await adapter.shop?.readOrders(session, "1970-01-01T00:00:00Z")).toHaveLength(1);
		// A hidden product is not for sale.
		const refused = await post(who, `/sandbox/shops/${account}/products/${hidden?.externalId}/buy`);
		expect(refused.headers.get("Location")).toBe(`/sandbox/shops/${account}?notice=not_for_sale`);
		expect((await findSandboxItem<SandboxProduct>(deps.db, account, "product", hidden?.externalId ?? ""))?.data.orders).toEqual([]);
		// Without the session's CSRF token nothing is sold.
		const forged = await browser(`/sandbox/shops/${account}/products/${pushed?.externalId}/buy`, [who.cookie], {
			method: "POST",
			headers: FORM,
			body: "_csrf=forged",
		});
		expect(forged.status).toBe(403);
		expect((await findSandboxItem<SandboxProduct>(deps.db, account, "product", pushed?.externalId ?? ""))?.data.orders).toHaveLength(1);
	});

	it("the channel page lists uploaded videos; a video's page counts a view per load, streams its bytes with Range, and takes likes", async () => {
		const who = await createTestUser();
		const { deps, adapter, account, session } = await sandboxSession("My sandbox channel");
		const bytes = new Uint8Array(1000).map((_, i) => i % 251);
		const uploaded = await adapter.video?.uploadVideo(
			session,
			bytesUpload(bytes, { title: "첫 번째 쇼츠", description: "설명입니다", tags: ["bread", "kit"], visibility: "unlisted" }),
		);
		const id = uploaded?.externalId ?? "";

		const list = await (await browser(`/sandbox/channels/${account}?lang=ko`, [who.cookie])).text();
		expect(list).toContain("샌드박스 채널: My sandbox channel");
		expect(list).toContain("첫 번째 쇼츠");
		expect(list).toContain("일부 공개");
		expect(list).toContain("#bread #kit");

		const page = await browser(`/sandbox/channels/${account}/videos/${id}?lang=en`, [who.cookie]);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain(`src="/sandbox/channels/${account}/videos/${id}/file"`);
		expect(html).toContain("1 views");
		await browser(`/sandbox/channels/${account}/videos/${id}`, [who.cookie]);
		expect((await findSandboxItem<SandboxVideo>(deps.db, account, "video", id))?.views).toBe(2);

		const whole = await browser(`/sandbox/channels/${account}/videos/${id}/file`, [who.cookie], { headers: { Accept: "*/*" } });
		expect(whole.status).toBe(200);
		expect(whole.headers.get("Content-Type")).toBe("video/mp4");
		expect(new Uint8Array(await whole.arrayBuffer())).toEqual(bytes);
		const part = await browser(`/sandbox/channels/${account}/videos/${id}/file`, [who.cookie], { headers: { Range: "bytes=10-19", Accept: "*/*" } });
		expect(part.status).toBe(206);
		expect(part.headers.get("Content-Range")).toBe("bytes 10-19/1000");
		expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.slice(10, 20));
		const beyond = await browser(`/sandbox/channels/${account}/videos/${id}/file`, [who.cookie], { headers: { Range: "bytes=5000-", Accept: "*/*" } });
		expect(beyond.status).toBe(416);

		const liked = await post(who, `/sandbox/channels/${account}/videos/${id}/like`);
		expect(liked.status).toBe(303);
		const back = liked.headers.get("Location") ?? "";
		expect(back).toBe(`/sandbox/channels/${account}/videos/${id}?notice=liked`);
		// Coming back from the like is the same visit: no second view.
		expect(await (await browser(back, [who.cookie])).text()).toContain("Your like was counted.");
		const after = await findSandboxItem<SandboxVideo>(deps.db, account, "video", id);
		expect(after).toMatchObject({ views: 2, likes: 1 });
		const stats = await adapter.video?.readStats(session, [id]);
		expect(stats?.items).toEqual([{ externalId: id, views: 2, likes: 1, comments: 0 }]);
		expect((await browser(`/sandbox/channels/${account}/videos/sbv_missing`, [who.cookie])).status).toBe(404);
	});

	it("expire my tokens now: the next call with the access token is refused, so the app's refresh path runs", async () => {
		const who = await createTestUser();
		const { adapter, account, session } = await sandboxSession("Expiring");
		expect((await adapter.describe({ accessToken: session.accessToken, externalId: account })).externalId).toBe(account);
		const res = await post(who, `/sandbox/accounts/${account}/expire-tokens`, { back: "channel" });
		expect(res.status).toBe(303);
		expect(res.headers.get("Location")).toBe(`/sandbox/channels/${account}?notice=expired`);
		await expect(adapter.describe({ accessToken: session.accessToken, externalId: account })).rejects.toBeInstanceOf(ChannelAuthExpired);
		const page = await (await browser(`/sandbox/channels/${account}?notice=expired&lang=ko`, [who.cookie])).text();
		expect(page).toContain("액세스 토큰이 만료되었습니다");
		expect((await post(who, "/sandbox/accounts/sbx_missing/expire-tokens", { back: "shop" })).status).toBe(404);
	});

	it("is for signed-in users or admins only; unknown accounts are 404", async () => {
		const { account } = await sandboxSession("Private");
		const anonymous = await browser(`/sandbox/shops/${account}`, []);
		expect(anonymous.status).toBe(401);
		const who = await createTestUser();
		expect((await browser("/sandbox/shops/sbx_nobody", [who.cookie])).status).toBe(404);
		expect((await browser("/sandbox/channels/sbx_nobody", [who.cookie])).status).toBe(404);
		// The consent page refuses requests that are not the local client's (wrong client, no PKCE).
		const authorize = new URLSearchParams({
			response_type: "code",
			client_id: "someone-else",
			redirect_uri: `${BASE}/channels/callback/local`,
			state: "s",
			code_challenge: "a".repeat(43),
			code_challenge_method: "S256",
		});
		expect((await browser(`/sandbox/authorize?${authorize}`, [who.cookie])).status).toBe(400);
		authorize.set("client_id", "edge-factory");
		authorize.set("code_challenge_method", "plain");
		expect((await browser(`/sandbox/authorize?${authorize}`, [who.cookie])).status).toBe(400);
		authorize.set("code_challenge_method", "S256");
		const ok = await browser(`/sandbox/authorize?${authorize}&lang=ko`, [who.cookie]);
		expect(ok.status).toBe(200);
		const html = await ok.text();
		expect(html).toContain("샌드박스 계정 접근 허용");
		expect(html).toContain("허용");
		expect(html).toContain("거부");
	});
});
