import { exports } from "cloudflare:workers";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ChannelAuthExpired } from "../../src/channels/adapter";
import { stateHashOf } from "../../src/channels/connect/oauth-states";
import { userOwner } from "../../src/channels/connect/owner";
import { startConnection } from "../../src/channels/connect/start";
import { revokeSandboxTokens } from "../../src/channels/local/sandbox-oauth";
import { channelAdapterRegistry } from "../../src/channels/registry";
import { openChannelTokens, withChannelSession } from "../../src/channels/tokens";
import { channelOauthStates, channels, sandboxTokens } from "../../src/db/channels-schema";
import { userPlans } from "../../src/db/video-schema";
import { AppError } from "../../src/lib/errors";
import { insertConnectedChannel } from "../support/channel-helpers";
import { api, type ErrorBody, testAppDeps } from "../support/helpers";
import { adminCookie } from "../support/portrait-result-helpers";
import { createTestUser, type TestUser } from "../support/user-helpers";

const BASE = "http://localhost:8787";
const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

/** A request as a browser holding `cookies` sends it (no redirects followed). */
function browser(path: string, cookies: string[], init: RequestInit = {}): Promise<Response> {
	const headers = new Headers(init.headers);
	headers.set("Cookie", cookies.filter(Boolean).join("; "));
	if (!headers.has("Accept")) headers.set("Accept", "text/html");
	return exports.default.fetch(new Request(new URL(path, BASE), { redirect: "manual", ...init, headers }));
}

const flowCookieOf = (res: Response) => {
	const value = /ef_channel_flow=([^;]+)/.exec(res.headers.get("Set-Cookie") ?? "")?.[1];
	if (!value) throw new Error(`no flow cookie (status ${res.status})`);
	return `ef_channel_flow=${value}`;
};

/** `POST /api/channels/connect` as the user: the provider's authorization URL and the browser's flow cookie. */
async function startFlow(who: TestUser, body: Record<string, unknown> = { provider: "local" }) {
	const res = await browser("/api/channels/connect", [who.cookie], {
		method: "POST",
		headers: { "Content-Type": "application/json", "X-CSRF-Token": who.csrf, Accept: "application/json" },
		body: JSON.stringify(body),
	});
	expect(res.status).toBe(200);
	const { authorize_url } = (await res.json()) as { authorize_url: string };
	return { authorizeUrl: new URL(authorize_url), flowCookie: flowCookieOf(res) };
}

/** The owner answers on the sandbox's consent page; answers where the sandbox sends the browser back. */
async function consent(sessionCookie: string, csrf: string, authorizeUrl: URL, decision: "approve" | "deny" = "approve", extra: Record<string, string> = {}) {
	const form = new URLSearchParams(authorizeUrl.searchParams);
	form.set("decision", decision);
	form.set("account_name", "내 샌드박스 채널");
	form.set("_csrf", csrf);
	for (const [name, value] of Object.entries(extra)) form.set(name, value);
	const res = await browser("/sandbox/authorize", [sessionCookie], { method: "POST", headers: FORM, body: form.toString() });
	expect(res.status).toBe(302);
	return new URL(res.headers.get("Location") ?? "");
}

/** The whole flow for a user, ending at the callback with the browser's cookie. */
async function connectLocal(who: TestUser, body: Record<string, unknown> = { provider: "local" }) {
	const { authorizeUrl, flowCookie } = await startFlow(who, body);
	const back = await consent(who.cookie, who.csrf, authorizeUrl);
	const done = await browser(back.pathname + back.search, [who.cookie, flowCookie]);
	return { done, back, flowCookie, authorizeUrl };
}

const ownedChannels = (ownerKey: string) => testAppDeps().then((deps) => deps.db.query.channels.findMany({ where: eq(channels.ownerKey, ownerKey) }));

async function statesOf(userId: string): Promise<number> {
	const deps = await testAppDeps();
	const [row] = await deps.db.select({ n: sql<number>`count(*)` }).from(channelOauthStates).where(eq(channelOauthStates.userId, userId));
	return Number(row?.n ?? 0);
}

describe("connecting a video channel (local sandbox provider)", () => {
	it("runs the whole flow: connect → consent → callback with the cookie → 302 /video/channels, tokens sealed, none shown", async () => {
		const who = await createTestUser();
		const { authorizeUrl, flowCookie } = await startFlow(who);
		expect(authorizeUrl.pathname).toBe("/sandbox/authorize");
		expect(authorizeUrl.searchParams.get("redirect_uri")).toBe(`${BASE}/channels/callback/local`);
		expect(authorizeUrl.searchParams.get("code_challenge_method")).toBe("S256");
		const state = authorizeUrl.searchParams.get("state") ?? "";

		const consentPage = await browser(authorizeUrl.pathname + authorizeUrl.search, [who.cookie]);
		expect(consentPage.status).toBe(200);
		expect(await consentPage.text()).toContain("Approve");

		const back = await consent(who.cookie, who.csrf, authorizeUrl);
		expect(back.pathname).toBe("/channels/callback/local");
		expect(back.searchParams.get("state")).toBe(state);
		expect(await ownedChannels(who.user.id)).toEqual([]);

		const done = await browser(back.pathname + back.search, [who.cookie, flowCookie], { headers: { Accept: "text/html", "Accept-Language": "ko" } });
		expect(done.status).toBe(302);
		expect(done.headers.get("Location")).toBe("/video/channels?notice=connected");
		// The flow's cookie is cleared.
		expect(done.headers.get("Set-Cookie") ?? "").toMatch(/ef_channel_flow=;/);

		const [row] = await ownedChannels(who.user.id);
		expect(row).toMatchObject({
			provider: "local",
			kind: "video",
			status: "connected",
			userId: who.user.id,
			displayName: "내 샌드박스 채널",
			timeZone: "Asia/Seoul",
		});
		if (!row) throw new Error("no channel");
		const deps = await testAppDeps();
		const tokens = await openChannelTokens(deps.channels, row);
		expect(tokens?.accessToken).toMatch(/^sbxa_/);
		expect(tokens?.refreshToken).toMatch(/^sbxr_/);
		expect(row.tokenKid).toBe("k2");

		// No plaintext token, state or code anywhere in D1's rows of this flow.
		const stateRow = await deps.db.query.channelOauthStates.findFirst({ where: eq(channelOauthStates.stateHash, await stateHashOf(state)) });
		expect(stateRow?.usedAt).not.toBeNull();
		const raw = JSON.stringify([row, stateRow]);
		for (const secret of [tokens?.accessToken, tokens?.refreshToken, state, back.searchParams.get("code")]) expect(raw).not.toContain(secret);

		// The list API and the page never show them.
		const listed = await browser("/api/channels", [who.cookie], { headers: { Accept: "application/json" } });
		const body = (await listed.json()) as { channels: Record<string, unknown>[] };
		expect(body.channels).toHaveLength(1);
		expect(Object.keys(body.channels[0] ?? {}).sort()).toEqual(
			["connected_at", "display_name", "external_id", "id", "kind", "last_error", "needs_reauth", "provider", "status", "time_zone", "token_expires_at"].sort(),
		);
		const page = await (await browser("/video/channels?notice=connected&lang=ko", [who.cookie])).text();
		expect(page).toContain("채널이 연결되었습니다.");
		expect(page).toContain('data-channel-status="connected"');
		expect(page).toContain('data-channel-count="1"');
		for (const secret of [tokens?.accessToken ?? "", tokens?.refreshToken ?? ""]) {
			expect(page).not.toContain(secret);
			expect(JSON.stringify(body)).not.toContain(secret);
		}
	});

	it("binds the state to the browser: no cookie or another browser's cookie → 400 OAUTH_STATE_INVALID, nothing stored; replay refused", async () => {
		const who = await createTestUser();
		const { authorizeUrl, flowCookie } = await startFlow(who);
		const other = await startFlow(await createTestUser());
		const back = await consent(who.cookie, who.csrf, authorizeUrl);
		const callback = back.pathname + back.search;

		const none = await browser(callback, [who.cookie], { headers: { Accept: "application/json" } });
		expect(none.status).toBe(400);
		expect(((await none.json()) as ErrorBody).error.code).toBe("OAUTH_STATE_INVALID");
		const wrong = await browser(callback, [who.cookie, other.flowCookie]);
		expect(wrong.status).toBe(400);
		expect(await wrong.text()).toContain("OAUTH_STATE_INVALID");
		expect(await ownedChannels(who.user.id)).toEqual([]);

		const done = await browser(callback, [who.cookie, flowCookie]);
		expect(done.status).toBe(302);
		const replay = await browser(callback, [who.cookie, flowCookie], { headers: { Accept: "application/json" } });
		expect(replay.status).toBe(400);
		expect(((await replay.json()) as ErrorBody).error.code).toBe("OAUTH_STATE_INVALID");
		expect(await ownedChannels(who.user.id)).toHaveLength(1);
	});

	it("refuses an expired state", async () => {
		const who = await createTestUser();
		const { authorizeUrl, flowCookie } = await startFlow(who);
		const deps = await testAppDeps();
		const stateHash = await stateHashOf(authorizeUrl.searchParams.get("state") ?? "");
		await deps.db
			.update(channelOauthStates)
			.set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
			.where(eq(channelOauthStates.stateHash, stateHash));
		const back = await consent(who.cookie, who.csrf, authorizeUrl);
		const res = await browser(back.pathname + back.search, [who.cookie, flowCookie], { headers: { Accept: "application/json" } });
		expect(res.status).toBe(400);
		expect(((await res.json()) as ErrorBody).error.code).toBe("OAUTH_STATE_INVALID");
		expect(await ownedChannels(who.user.id)).toEqual([]);
	});

	it("the sandbox checks the redirect URI exactly and issues no code for another", async () => {
		const who = await createTestUser();
		const { authorizeUrl } = await startFlow(who);
		const evil = new URL(authorizeUrl);
		evil.searchParams.set("redirect_uri", `${BASE}/channels/callback/local/../../evil`);
		const page = await browser(evil.pathname + evil.search, [who.cookie]);
		expect(page.status).toBe(400);
		const deps = await testAppDeps();
		const codes = async () => Number((await deps.db.select({ n: sql<number>`count(*)` }).from(sandboxTokens).where(eq(sandboxTokens.kind, "code")))[0]?.n ?? 0);
		const before = await codes();
		const form = new URLSearchParams(evil.searchParams);
		form.set("decision", "approve");
		form.set("_csrf", who.csrf);
		const post = await browser("/sandbox/authorize", [who.cookie], { method: "POST", headers: FORM, body: form.toString() });
		expect(post.status).toBe(400);
		expect(post.headers.get("Location")).toBeNull();
		expect(await codes()).toBe(before);
		// Without the session's CSRF token the consent form is refused.
		form.set("redirect_uri", `${BASE}/channels/callback/local`);
		form.set("_csrf", "forged");
		expect((await browser("/sandbox/authorize", [who.cookie], { method: "POST", headers: FORM, body: form.toString() })).status).toBe(403);
	});

	it("the owner's refusal at the provider is told and stores nothing", async () => {
		const who = await createTestUser();
		const { authorizeUrl, flowCookie } = await startFlow(who);
		const back = await consent(who.cookie, who.csrf, authorizeUrl, "deny");
		expect(back.searchParams.get("error")).toBe("access_denied");
		const res = await browser(back.pathname + back.search, [who.cookie, flowCookie]);
		expect(res.status).toBe(302);
		expect(res.headers.get("Location")).toBe("/video/channels?notice=denied");
		expect(await ownedChannels(who.user.id)).toEqual([]);
		const page = await (await browser("/video/channels?notice=denied", [who.cookie])).text();
		expect(page).toContain('data-notice="denied"');
	});

	it("holds the plan's channel limit: the free plan's 2nd video channel → 402 PLAN_LIMIT_REACHED before any state is stored", async () => {
		const who = await createTestUser();
		expect((await connectLocal(who)).done.status).toBe(302);
		const states = await statesOf(who.user.id);
		const res = await browser("/api/channels/connect", [who.cookie], {
			method: "POST",
			headers: { "Content-Type": "application/json", "X-CSRF-Token": who.csrf, Accept: "application/json" },
			body: JSON.stringify({ provider: "local" }),
		});
		expect(res.status).toBe(402);
		const body = (await res.json()) as ErrorBody;
		expect(body.error.code).toBe("PLAN_LIMIT_REACHED");
		expect(body.error.message).toMatch(/channel/i);
		// The error names the limit it hit (its message in every language says which).
		const deps0 = await testAppDeps();
		const refused = await startConnection(deps0.channels, {
			provider: "local",
			kind: "video",
			owner: userOwner(who.user.id),
			account: null,
			returnTo: "/video/channels",
		}).catch((err: unknown) => err);
		expect(refused).toBeInstanceOf(AppError);
		expect((refused as AppError).details).toEqual({ limit: "channels" });
		expect(res.headers.get("Set-Cookie")).toBeNull();
		expect(await statesOf(who.user.id)).toBe(states);
		const page = await (await browser("/video/channels", [who.cookie])).text();
		expect(page).toContain('data-channel-limit="1"');
		expect(page).toContain('data-error-code="PLAN_LIMIT_REACHED"');
		// A bigger plan has room.
		const deps = await testAppDeps();
		await deps.db.insert(userPlans).values({ userId: who.user.id, plan: "basic", source: "admin", periodStart: new Date().toISOString(), expiresAt: null });
		expect((await connectLocal(who)).done.status).toBe(302);
		expect(await ownedChannels(who.user.id)).toHaveLength(2);
	});

	it("refuses a user connecting a shop (403), an unknown provider, and a signed-out caller", async () => {
		const who = await createTestUser();
		const post = (body: unknown) =>
			browser("/api/channels/connect", [who.cookie], {
				method: "POST",
				headers: { "Content-Type": "application/json", "X-CSRF-Token": who.csrf, Accept: "application/json" },
				body: JSON.stringify(body),
			});
		const shop = await post({ provider: "local", kind: "shop" });
		expect(shop.status).toBe(403);
		expect(((await shop.json()) as ErrorBody).error.code).toBe("FORBIDDEN");
		const unknown = await post({ provider: "myspace" });
		expect(unknown.status).toBe(400);
		expect((await browser("/api/channels", [], { headers: { Accept: "application/json" } })).status).toBe(401);
		// No CSRF header: refused.
		const noCsrf = await browser("/api/channels/connect", [who.cookie], {
			method: "POST",
			headers: { "Content-Type": "application/json", Accept: "application/json" },
			body: JSON.stringify({ provider: "local" }),
		});
		expect(noCsrf.status).toBe(403);
		expect(await statesOf(who.user.id)).toBe(0);
		const providers = (await (await browser("/api/channels/providers", [who.cookie], { headers: { Accept: "application/json" } })).json()) as {
			providers: { video: { provider: string }[] };
		};
		expect(providers.providers.video.map((p) => p.provider)).toContain("local");
	});

	it("disconnect revokes at the provider and deletes the tokens here; another user's channel is 404", async () => {
		const who = await createTestUser();
		await connectLocal(who);
		const [row] = await ownedChannels(who.user.id);
		if (!row) throw new Error("no channel");
		const deps = await testAppDeps();
		const tokens = await openChannelTokens(deps.channels, row);
		if (!tokens) throw new Error("tokens do not open");

		const stranger = await createTestUser();
		const refused = await browser(`/api/channels/${row.id}`, [stranger.cookie], {
			method: "DELETE",
			headers: { "X-CSRF-Token": stranger.csrf, Accept: "application/json" },
		});
		expect(refused.status).toBe(404);

		const res = await browser(`/api/channels/${row.id}`, [who.cookie], { method: "DELETE", headers: { "X-CSRF-Token": who.csrf, Accept: "application/json" } });
		expect(res.status).toBe(200);
		expect(((await res.json()) as { channel: { status: string; token_expires_at: null } }).channel).toMatchObject({
			status: "disconnected",
			token_expires_at: null,
		});
		const after = await deps.db.query.channels.findFirst({ where: eq(channels.id, row.id) });
		expect(after).toMatchObject({
			status: "disconnected",
			tokenKid: null,
			accessTokenEnc: null,
			refreshTokenEnc: null,
			accessExpiresAt: null,
			refreshExpiresAt: null,
		});
		const adapter = deps.channels.adapters.get("local");
		await expect(adapter.describe({ accessToken: tokens.accessToken, externalId: row.externalId })).rejects.toBeInstanceOf(ChannelAuthExpired);
		// Gone from the list; the plan slot is free again.
		expect(
			((await (await browser("/api/channels", [who.cookie], { headers: { Accept: "application/json" } })).json()) as { channels: unknown[] }).channels,
		).toEqual([]);

		// Connecting the same sandbox account again revives the row.
		const { authorizeUrl, flowCookie } = await startFlow(who);
		const back = await consent(who.cookie, who.csrf, authorizeUrl, "approve", { account: row.externalId });
		expect((await browser(back.pathname + back.search, [who.cookie, flowCookie])).status).toBe(302);
		const revived = await ownedChannels(who.user.id);
		expect(revived.map((r) => [r.id, r.status])).toEqual([[row.id, "connected"]]);
	});

	it("disconnects from the page form (CSRF field), with the notice", async () => {
		const who = await createTestUser();
		await connectLocal(who);
		const [row] = await ownedChannels(who.user.id);
		if (!row) throw new Error("no channel");
		const forged = await browser(`/video/channels/${row.id}/disconnect`, [who.cookie], { method: "POST", headers: FORM, body: "_csrf=nope" });
		expect(forged.status).toBe(403);
		const res = await browser(`/video/channels/${row.id}/disconnect`, [who.cookie], {
			method: "POST",
			headers: FORM,
			body: `_csrf=${encodeURIComponent(who.csrf)}`,
		});
		expect(res.status).toBe(303);
		expect(res.headers.get("Location")).toBe("/video/channels?notice=disconnected");
		expect((await ownedChannels(who.user.id))[0]?.status).toBe("disconnected");
	});

	it("rotates keys lazily: a row sealed under k1 opens and is sealed again under k2 on use", async () => {
		const who = await createTestUser();
		const deps = await testAppDeps();
		const [k2, k1] = deps.channels.tokenKeys;
		expect(k2.kid).toBe("k2");
		if (!k1) throw new Error("the test keyring has a previous key");
		const row = await insertConnectedChannel({ ...deps.channels, tokenKeys: [k1] }, { provider: "local", kind: "video", userId: who.user.id });
		expect(row.tokenKid).toBe("k1");
		const seen = await withChannelSession(deps.channels, row.id, async (session) => session.accessToken);
		expect(seen).toBe(`access-${row.id}`);
		const after = await deps.db.query.channels.findFirst({ where: eq(channels.id, row.id) });
		expect(after?.tokenKid).toBe("k2");
		expect(after?.accessTokenEnc).not.toBe(row.accessTokenEnc);
		expect((await openChannelTokens(deps.channels, after ?? row))?.refreshToken).toBe(`refresh-${row.id}`);
		// Under the new key only, k1 is no longer needed.
		expect((await openChannelTokens({ tokenKeys: [k2] }, after ?? row))?.accessToken).toBe(`access-${row.id}`);
	});

	it("shows needs_reauth after a refused refresh, and lets the user reconnect it at the plan's limit", async () => {
		const who = await createTestUser();
		await connectLocal(who);
		const [row] = await ownedChannels(who.user.id);
		if (!row) throw new Error("no channel");
		const deps = await testAppDeps();
		// Revoked at the sandbox: the access token is refused, then the refresh too.
		await revokeSandboxTokens(deps.db, row.externalId, new Date());
		await expect(withChannelSession(deps.channels, row.id, (session, adapter) => adapter.describe(session))).rejects.toThrow();
		const after = await deps.db.query.channels.findFirst({ where: eq(channels.id, row.id) });
		expect(after?.status).toBe("needs_reauth");

		const page = await (await browser("/video/channels", [who.cookie])).text();
		expect(page).toContain(`data-needs-reauth="${row.id}"`);
		expect(page).toContain(`data-reconnect="${row.id}"`);
		expect(page).toContain('data-channel-status="needs_reauth"');
		const ko = await (await browser("/video/channels?lang=ko", [who.cookie])).text();
		expect(ko).toContain("다시 연결 필요");

		// At the free plan's limit a new channel is refused, the same one may come back.
		const refused = await browser("/video/channels/connect", [who.cookie], {
			method: "POST",
			headers: FORM,
			body: new URLSearchParams({ _csrf: who.csrf, provider: "local" }).toString(),
		});
		expect(refused.status).toBe(402);
		const again = await browser("/video/channels/connect", [who.cookie], {
			method: "POST",
			headers: FORM,
			body: new URLSearchParams({ _csrf: who.csrf, provider: "local", reconnect: row.id }).toString(),
		});
		expect(again.status).toBe(303);
		const authorizeUrl = new URL(again.headers.get("Location") ?? "");
		const back = await consent(who.cookie, who.csrf, authorizeUrl, "approve", { account: row.externalId });
		expect((await browser(back.pathname + back.search, [who.cookie, flowCookieOf(again)])).status).toBe(302);
		const revived = await deps.db.query.channels.findFirst({ where: eq(channels.id, row.id) });
		expect(revived).toMatchObject({ status: "connected", lastError: null });
	});

	it("pages speak Korean and English", async () => {
		const who = await createTestUser();
		const en = await (await browser("/video/channels?lang=en", [who.cookie])).text();
		expect(en).toContain("Connect Sandbox");
		expect(en).toContain("No channel is connected yet.");
		const ko = await (await browser("/video/channels?lang=ko", [who.cookie])).text();
		expect(ko).toContain("샌드박스 연결");
		expect(ko).toContain("아직 연결된 채널이 없습니다.");
		// Signed out: sent to sign in.
		expect((await browser("/video/channels", [])).status).toBe(302);
	});
});

describe("connecting the shop's shops (admins)", () => {
	it("an admin connects the sandbox shop from the dashboard and sees it listed; the API lists and disconnects it", async () => {
		const admin = await adminCookie();
		const page = await browser("/admin/channels", [admin]);
		expect(page.status).toBe(200);
		const html = await page.text();
		const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
		expect(html).toContain('data-connect="local"');

		const start = await browser("/admin/channels/connect", [admin], {
			method: "POST",
			headers: FORM,
			body: new URLSearchParams({ _csrf: csrf, provider: "local" }).toString(),
		});
		expect(start.status).toBe(303);
		const authorizeUrl = new URL(start.headers.get("Location") ?? "");
		const back = await consent(admin, csrf, authorizeUrl, "approve", { account_name: "Admin sandbox shop" });
		const done = await browser(back.pathname + back.search, [admin, flowCookieOf(start)]);
		expect(done.status).toBe(302);
		expect(done.headers.get("Location")).toBe("/admin/channels?notice=connected");

		const listed = (await (await api("/api/channels/shops")).json()) as { channels: { id: string; kind: string; display_name: string }[] };
		const shop = listed.channels.find((c) => c.display_name === "Admin sandbox shop");
		expect(shop?.kind).toBe("shop");
		const deps = await testAppDeps();
		const row = await deps.db.query.channels.findFirst({ where: and(eq(channels.ownerKey, "admin"), eq(channels.id, shop?.id ?? "")) });
		expect(row?.userId).toBeNull();
		const ko = await (await browser("/admin/channels?lang=ko", [admin])).text();
		expect(ko).toContain("연결된 쇼핑몰");
		expect(ko).toContain("Admin sandbox shop");

		// A user cannot disconnect the shop's shop; the admin API can.
		const who = await createTestUser();
		expect(
			(await browser(`/api/channels/${shop?.id}`, [who.cookie], { method: "DELETE", headers: { "X-CSRF-Token": who.csrf, Accept: "application/json" } }))
				.status,
		).toBe(404);
		const res = await api(`/api/channels/shops/${shop?.id}`, { method: "DELETE" });
		expect(res.status).toBe(200);
		expect((await deps.db.query.channels.findFirst({ where: eq(channels.id, shop?.id ?? "") }))?.status).toBe("disconnected");
	});

	it("the admin API starts a shop flow with the browser cookie; users and signed-out callers may not", async () => {
		const res = await api("/api/channels/shops/connect", { method: "POST", json: { provider: "local" } });
		expect(res.status).toBe(200);
		expect(res.headers.get("Set-Cookie") ?? "").toMatch(/ef_channel_flow=.+HttpOnly/i);
		const who = await createTestUser();
		const asUser = await browser("/api/channels/shops/connect", [who.cookie], {
			method: "POST",
			headers: { "Content-Type": "application/json", "X-CSRF-Token": who.csrf, Accept: "application/json" },
			body: JSON.stringify({ provider: "local" }),
		});
		expect(asUser.status).toBe(401);
		expect((await api("/api/channels/shops", { auth: null })).status).toBe(401);
	});
});

describe("startConnection for a provider that needs the account named (Cafe24's mall_id)", () => {
	it("checks the mall_id, stores it with the flow, and hands it to the provider's authorization URL", async () => {
		const deps = await testAppDeps();
		const local = deps.channels.adapters.get("local");
		// The sandbox's flow under Cafe24's rules: shops only, the mall named first.
		const mallFirst = { ...local, provider: "cafe24" as const, kinds: ["shop" as const], needsAccount: true };
		const channelsDeps = { ...deps.channels, adapters: channelAdapterRegistry([mallFirst]) };
		const start = (account: string | null) =>
			startConnection(channelsDeps, { provider: "cafe24", kind: "shop", owner: { ownerKey: "admin", userId: null }, account, returnTo: "/admin/channels" });
		for (const bad of [null, "Bad Mall", "-x", "a".repeat(51)]) {
			await expect(start(bad)).rejects.toMatchObject({ status: 400, code: "VALIDATION_FAILED" });
		}
		const { authorizeUrl } = await start("my-mall_1");
		const state = new URL(authorizeUrl).searchParams.get("state") ?? "";
		const row = await deps.db.query.channelOauthStates.findFirst({ where: eq(channelOauthStates.stateHash, await stateHashOf(state)) });
		expect(row).toMatchObject({
			provider: "cafe24",
			account: "my-mall_1",
			ownerKey: "admin",
			redirectUri: `${BASE}/channels/callback/cafe24`,
			returnTo: "/admin/channels",
		});
		// The PKCE verifier is sealed, bound to the state.
		expect(row?.codeVerifierEnc).toBeTruthy();
		expect(row?.tokenKid).toBe("k2");
		// A user cannot start a shop flow; a video flow with a shop-only provider is not offered.
		await expect(
			startConnection(channelsDeps, { provider: "cafe24", kind: "shop", owner: userOwner("usr_x"), account: "my-mall", returnTo: "/video/channels" }),
		).rejects.toMatchObject({ status: 403, code: "FORBIDDEN" });
		await expect(
			startConnection(channelsDeps, { provider: "cafe24", kind: "video", owner: userOwner("usr_x"), account: "my-mall", returnTo: "/video/channels" }),
		).rejects.toMatchObject({ status: 404, code: "CHANNEL_PROVIDER_UNAVAILABLE" });
	});
});
