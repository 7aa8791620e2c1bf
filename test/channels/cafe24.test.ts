import { eq } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { ChannelAuthExpired, ChannelCallFailed, ChannelReauthRequired, type ChannelSession, type ShopListing, type TokenSet } from "../../src/channels/adapter";
import { cafe24Adapter } from "../../src/channels/cafe24/adapter";
import type { Cafe24Config } from "../../src/channels/cafe24/api";
import { kstToIso } from "../../src/channels/cafe24/oauth";
import type { ChannelDeps } from "../../src/channels/deps";
import { channelAdapterRegistry } from "../../src/channels/registry";
import { withChannelSession } from "../../src/channels/tokens";
import { channels } from "../../src/db/channels-schema";
import { AppError } from "../../src/lib/errors";
import { outsideHttp } from "../../src/lib/outside-http";
import { insertConnectedChannel } from "../support/channel-helpers";
import { testAppDeps } from "../support/helpers";

const apiBase = inject("cafe24ApiBase");
const fakeOrigin = new URL(apiBase.replace("{mall_id}", "x")).origin;
const redirectUri = "http://localhost:8787/channels/callback/cafe24";
const SCOPES = ["mall.read_product", "mall.write_product", "mall.read_order"];

type FakeProduct = {
	product_no: number;
	product_name: string;
	price: string;
	display: string;
	selling: string;
	description: string;
	custom_product_code: string;
	variants: { variant_code: string; use_inventory: string; quantity: number }[];
};
type FakeMall = { products: FakeProduct[]; requests: { method: string; path: string; status: number; apiVersion: string | null }[]; revoked: string[] };

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function control(path: string, body: unknown = {}): Promise<unknown> {
	const response = await fetch(`${fakeOrigin}/__control/${path}`, {
		method: "POST",
		headers: { "Content-Type": "application/json" },
		body: JSON.stringify(body),
	});
	expect(response.status).toBe(200);
	return response.json();
}

async function mallState(mallId: string): Promise<FakeMall> {
	const response = await fetch(`${fakeOrigin}/__control/malls/${mallId}`);
	return (await response.json()) as FakeMall;
}

/** A fresh app and mall of the fake, and the adapter over them; `slept` records the adapter's waits, which move the fake's bucket clock. */
async function setup(options: { callLimit?: number } = {}) {
	const mallId = `mall${unique()}`;
	const config: Cafe24Config = { clientId: `client${unique()}`, clientSecret: `secret-${unique()}`, scopes: SCOPES, apiBase };
	await control("apps", { clientId: config.clientId, clientSecret: config.clientSecret });
	await control("malls", { mallId, callLimit: options.callLimit });
	const slept: number[] = [];
	const sleep = async (ms: number) => {
		slept.push(ms);
		await control(`malls/${mallId}/advance`, { ms });
	};
	const clientSleeps: number[] = [];
	const http = outsideHttp({ sleep: async (ms) => void clientSleeps.push(ms) });
	const adapter = cafe24Adapter(config, { http, now: () => new Date() }, { sleep });
	return { mallId, config, adapter, slept, clientSleeps };
}

/** Runs the merchant's consent on the fake: the authorize URL answers a redirect with the code. */
async function consent(url: string): Promise<URL> {
	const response = await fetch(url, { redirect: "manual" });
	expect(response.status).toBe(302);
	return new URL(response.headers.get("Location") ?? "");
}

async function connect(ctx: Awaited<ReturnType<typeof setup>>): Promise<TokenSet> {
	const back = await consent(ctx.adapter.authorizeUrl({ state: "st", codeChallenge: null, redirectUri, account: ctx.mallId }));
	return ctx.adapter.exchangeCode({ code: back.searchParams.get("code") ?? "", codeVerifier: null, redirectUri, account: ctx.mallId });
}

async function session(ctx: Awaited<ReturnType<typeof setup>>): Promise<ChannelSession> {
	const tokens = await connect(ctx);
	return { channelId: "chn_test", externalId: ctx.mallId, accessToken: tokens.accessToken };
}

const listing = (overrides: Partial<ShopListing> = {}): ShopListing => ({
	productId: "prd_x",
	createKey: `ef-${unique()}`,
	name: "사워도우 키트",
	description: "<p>빵 굽기</p>",
	priceCents: 12900,
	currency: "krw",
	display: true,
	selling: true,
	stock: null,
	url: "http://localhost:8787/products/sourdough",
	...overrides,
});

async function channelDeps(adapter: ReturnType<typeof cafe24Adapter>): Promise<ChannelDeps> {
	const deps = await testAppDeps();
	return { ...deps.channels, adapters: channelAdapterRegistry([adapter]) };
}

describe("the Cafe24 adapter: OAuth per mall", () => {
	it("builds the authorize URL on the mall's host with the app's client id, state, redirect URI and scopes", async () => {
		const ctx = await setup();
		const url = new URL(ctx.adapter.authorizeUrl({ state: "state-1", codeChallenge: null, redirectUri, account: ctx.mallId }));
		expect(`${url.origin}${url.pathname}`).toBe(`${apiBase.replace("{mall_id}", ctx.mallId)}/api/v2/oauth/authorize`);
		expect(Object.fromEntries(url.searchParams)).toEqual({
			response_type: "code",
			client_id: ctx.config.clientId,
			state: "state-1",
			redirect_uri: redirectUri,
			scope: "mall.read_product,mall.write_product,mall.read_order",
		});
		expect(ctx.adapter).toMatchObject({ provider: "cafe24", kinds: ["shop"], pkce: false, needsAccount: true });
		// A mall id names a host: anything but lowercase letters and digits is refused before a URL is built.
		expect(() => ctx.adapter.authorizeUrl({ state: "s", codeChallenge: null, redirectUri, account: "evil.com/x" })).toThrow(ChannelCallFailed);
		expect(() => ctx.adapter.authorizeUrl({ state: "s", codeChallenge: null, redirectUri, account: null })).toThrow(ChannelCallFailed);
	});

	it("exchanges the code once, for the exact redirect URI, with expiry times converted from KST to UTC", async () => {
		const ctx = await setup();
		const back = await consent(ctx.adapter.authorizeUrl({ state: "st", codeChallenge: null, redirectUri, account: ctx.mallId }));
		expect(back.searchParams.get("state")).toBe("st");
		const code = back.searchParams.get("code") ?? "";
		const mismatch = ctx.adapter.exchangeCode({ code, codeVerifier: null, redirectUri: `${redirectUri}/other`, account: ctx.mallId });
		await expect(mismatch).rejects.toThrow(ChannelCallFailed);
		await expect(mismatch).rejects.toThrow(/redirect_uri/);
		const before = Date.now();
		const tokens = await ctx.adapter.exchangeCode({ code, codeVerifier: null, redirectUri, account: ctx.mallId });
		expect(tokens.scopes).toEqual(SCOPES);
		expect(tokens.refreshToken).toEqual(expect.any(String));
		// Cafe24 says "2 hours" in KST without a zone; read as UTC it would be 9 hours off.
		const accessIn = Date.parse(tokens.accessExpiresAt ?? "") - before;
		expect(accessIn).toBeGreaterThan(2 * 3_600_000 - 60_000);
		expect(accessIn).toBeLessThanOrEqual(2 * 3_600_000 + 1_000);
		const refreshIn = Date.parse(tokens.refreshExpiresAt ?? "") - before;
		expect(Math.round(refreshIn / 86_400_000)).toBe(14);
		// One use only.
		await expect(ctx.adapter.exchangeCode({ code, codeVerifier: null, redirectUri, account: ctx.mallId })).rejects.toThrow(/invalid_grant/);
		expect(await ctx.adapter.describe({ accessToken: tokens.accessToken, externalId: ctx.mallId })).toEqual({
			externalId: ctx.mallId,
			displayName: ctx.mallId,
		});
	});

	it("reads Cafe24's zone-less times as Korea Standard Time", () => {
		expect(kstToIso("2026-01-08T19:15:21.981")).toBe("2026-01-08T10:15:21.981Z");
		expect(kstToIso("2026-01-08T00:30:00.000")).toBe("2026-01-07T15:30:00.000Z");
		expect(kstToIso("2026-01-08T09:00:00+09:00")).toBe("2026-01-08T00:00:00.000Z");
	});

	it("refuses a wrong client secret at the token endpoint", async () => {
		const ctx = await setup();
		const back = await consent(ctx.adapter.authorizeUrl({ state: "st", codeChallenge: null, redirectUri, account: ctx.mallId }));
		const wrong = cafe24Adapter({ ...ctx.config, clientSecret: "not-the-secret-0123" }, { http: outsideHttp(), now: () => new Date() });
		await expect(wrong.exchangeCode({ code: back.searchParams.get("code") ?? "", codeVerifier: null, redirectUri, account: ctx.mallId })).rejects.toThrow(
			/invalid_client/,
		);
	});
});

describe("the Cafe24 adapter: tokens through the channel core", () => {
	it("refreshes once when Cafe24 refuses an expired token, calls again, and stores the rotated tokens sealed", async () => {
		const ctx = await setup();
		const tokens = await connect(ctx);
		const deps = await channelDeps(ctx.adapter);
		const row = await insertConnectedChannel(deps, { provider: "cafe24", kind: "shop", externalId: ctx.mallId, tokens });
		const created = await withChannelSession(
			deps,
			row.id,
			(s, adapter) => adapter.shop?.pushProduct(s, listing(), null) ?? Promise.reject(new Error("no shop")),
		);
		await control(`malls/${ctx.mallId}/expire-tokens`);
		const calls: string[] = [];
		await withChannelSession(deps, row.id, async (s, adapter) => {
			calls.push(s.accessToken);
			await adapter.shop?.updatePrice(s, created.externalId, 15000, "krw");
		});
		expect(calls).toHaveLength(2);
		expect(calls[0]).toBe(tokens.accessToken);
		expect(calls[1]).not.toBe(tokens.accessToken);
		const mall = await mallState(ctx.mallId);
		expect(mall.products[0]?.price).toBe("15000");
		expect(mall.requests.filter((r) => r.status === 401)).toHaveLength(1);
		const after = await deps.db.query.channels.findFirst({ where: eq(channels.id, row.id) });
		expect(after?.status).toBe("connected");
		expect(after?.accessTokenEnc).not.toBe(row.accessTokenEnc);
		expect(after?.refreshTokenEnc).not.toBe(row.refreshTokenEnc);
		// Sealed at rest: no plaintext token anywhere in the row.
		const stored = JSON.stringify(after);
		for (const secret of [tokens.accessToken, tokens.refreshToken ?? "", calls[1] ?? ""]) expect(stored).not.toContain(secret);
		// The old refresh token was rotated out.
		await expect(ctx.adapter.refresh({ externalId: ctx.mallId }, tokens.refreshToken ?? "")).rejects.toThrow(ChannelReauthRequired);
	});

	it("marks the channel needs_reauth when Cafe24 refuses the refresh token", async () => {
		const ctx = await setup();
		const deps = await channelDeps(ctx.adapter);
		const row = await insertConnectedChannel(deps, {
			provider: "cafe24",
			kind: "shop",
			externalId: ctx.mallId,
			tokens: { accessToken: "unknown-access", refreshToken: "unknown-refresh", accessExpiresAt: new Date(Date.now() - 60_000).toISOString() },
		});
		await expect(withChannelSession(deps, row.id, async () => "called")).rejects.toThrow(ChannelReauthRequired);
		const after = await deps.db.query.channels.findFirst({ where: eq(channels.id, row.id) });
		expect(after?.status).toBe("needs_reauth");
		expect(after?.lastError).toMatch(/invalid_grant/);
		const again = withChannelSession(deps, row.id, async () => "called");
		await expect(again).rejects.toBeInstanceOf(AppError);
		await expect(again).rejects.toMatchObject({ code: "CHANNEL_NOT_CONNECTED" });
	});

	it("maps a refused access token to ChannelAuthExpired", async () => {
		const ctx = await setup();
		const s = await session(ctx);
		await expect(ctx.adapter.shop?.pushProduct({ ...s, accessToken: "forged" }, listing(), null)).rejects.toBeInstanceOf(ChannelAuthExpired);
	});
});

describe("the Cafe24 adapter: the call limit", () => {
	it("slows down before the mall's bucket fills, so a burst never meets a 429", async () => {
		const ctx = await setup({ callLimit: 10 });
		const s = await session(ctx);
		const { externalId } = (await ctx.adapter.shop?.pushProduct(s, listing(), null)) ?? { externalId: "" };
		for (let i = 0; i < 20; i++) await ctx.adapter.shop?.updatePrice(s, externalId, 10000 + i, "krw");
		const mall = await mallState(ctx.mallId);
		expect(mall.requests).toHaveLength(22);
		expect(mall.requests.filter((r) => r.status === 429)).toHaveLength(0);
		expect(mall.products[0]?.price).toBe("10019");
		// It waited, and only once the bucket neared its top (not before every call).
		expect(ctx.slept.length).toBeGreaterThan(0);
		expect(ctx.slept.length).toBeLessThan(20);
		expect(ctx.slept.every((ms) => ms > 0 && ms <= 2_000)).toBe(true);
		expect(ctx.clientSleeps).toHaveLength(0);
		expect(mall.requests.every((r) => r.apiVersion !== null)).toBe(true);
	});

	it("lets the client retry a 429, and reports a bucket still full as a retryable failure", async () => {
		// A sleep that does not move the fake's clock: the bucket stays full, as for a worker that ignored the header.
		const ctx = await setup({ callLimit: 3 });
		const blind = cafe24Adapter(
			ctx.config,
			{ http: outsideHttp({ sleep: async (ms) => void ctx.clientSleeps.push(ms) }), now: () => new Date() },
			{ sleep: async () => {} },
		);
		const s = await session(ctx);
		const { externalId } = (await blind.shop?.pushProduct(s, listing(), null)) ?? { externalId: "" };
		await blind.shop?.updatePrice(s, externalId, 11000, "krw");
		const limited = blind.shop?.updatePrice(s, externalId, 12000, "krw");
		await expect(limited).rejects.toBeInstanceOf(ChannelCallFailed);
		await expect(limited).rejects.toMatchObject({ retryable: true, status: 429 });
		const mall = await mallState(ctx.mallId);
		expect(mall.requests.filter((r) => r.status === 429)).toHaveLength(4);
		expect(ctx.clientSleeps).toHaveLength(3);
		expect(mall.products[0]?.price).toBe("11000");
	});

	it("retries a 5xx of a repeatable call, and reports a failed create as retryable", async () => {
		const ctx = await setup();
		const s = await session(ctx);
		const { externalId } = (await ctx.adapter.shop?.pushProduct(s, listing(), null)) ?? { externalId: "" };
		await control(`malls/${ctx.mallId}/fail-next`, { status: 503 });
		await ctx.adapter.shop?.hide(s, externalId);
		expect((await mallState(ctx.mallId)).products[0]).toMatchObject({ display: "F", selling: "F" });
		expect(ctx.clientSleeps).toHaveLength(1);
		// A create is a POST with no idempotency key: never repeated by the client, a retryable failure for the queue.
		await control(`malls/${ctx.mallId}/fail-next`, { status: 502, method: "POST" });
		const failed = ctx.adapter.shop?.pushProduct(s, listing(), null);
		await expect(failed).rejects.toBeInstanceOf(ChannelCallFailed);
		await expect(failed).rejects.toMatchObject({ retryable: true, status: 502 });
	});
});

describe("the Cafe24 adapter: products", () => {
	it("finds a create whose answer was lost by its custom product code, and updates it instead of creating another", async () => {
		for (const mode of ["500", "close", "cut"] as const) {
			const ctx = await setup();
			const s = await session(ctx);
			const item = listing();
			await control(`malls/${ctx.mallId}/lose-next-create`, { mode });
			const lost = ctx.adapter.shop?.pushProduct(s, item, null);
			await expect(lost).rejects.toBeInstanceOf(ChannelCallFailed);
			await expect(lost).rejects.toMatchObject({ retryable: true });
			expect((await mallState(ctx.mallId)).products).toHaveLength(1);
			const retried = await ctx.adapter.shop?.pushProduct(s, { ...item, name: "사워도우 키트 v2" }, null);
			const mall = await mallState(ctx.mallId);
			expect(mall.products).toHaveLength(1);
			expect(retried?.externalId).toBe(String(mall.products[0]?.product_no));
			expect(mall.products[0]).toMatchObject({ product_name: "사워도우 키트 v2", custom_product_code: item.createKey });
			expect(mall.requests.filter((r) => r.method === "POST")).toHaveLength(1);
		}
	});

	it("creates with Cafe24's fields, then updates price, display and selling, and hides without deleting", async () => {
		const ctx = await setup();
		const s = await session(ctx);
		const item = listing({ display: false, selling: true });
		const { externalId } = (await ctx.adapter.shop?.pushProduct(s, item, null)) ?? { externalId: "" };
		let product = (await mallState(ctx.mallId)).products[0];
		expect(product).toMatchObject({
			product_no: Number(externalId),
			product_name: item.name,
			price: "12900",
			display: "F",
			selling: "T",
			description: item.description,
			custom_product_code: item.createKey,
		});
		await ctx.adapter.shop?.pushProduct(s, { ...item, display: true, selling: false, priceCents: 9900 }, externalId);
		product = (await mallState(ctx.mallId)).products[0];
		expect(product).toMatchObject({ price: "9900", display: "T", selling: "F" });
		await ctx.adapter.shop?.updatePrice(s, externalId, 20000, "KRW");
		expect((await mallState(ctx.mallId)).products[0]?.price).toBe("20000");
		await ctx.adapter.shop?.hide(s, externalId);
		const mall = await mallState(ctx.mallId);
		expect(mall.products).toHaveLength(1);
		expect(mall.products[0]).toMatchObject({ display: "F", selling: "F", price: "20000" });
		// A price in another currency is refused, not sent as won.
		const usd = ctx.adapter.shop?.updatePrice(s, externalId, 1900, "usd");
		await expect(usd).rejects.toMatchObject({ retryable: false });
		await expect(ctx.adapter.shop?.updatePrice(s, "999999", 100, "krw")).rejects.toMatchObject({ retryable: false, status: 404 });
	});

	it("sets stock on every variant, numbered or unlimited", async () => {
		const ctx = await setup();
		const s = await session(ctx);
		const { externalId } = (await ctx.adapter.shop?.pushProduct(s, listing(), null)) ?? { externalId: "" };
		await control(`malls/${ctx.mallId}/products/${externalId}/variants`, { count: 2 });
		await ctx.adapter.shop?.updateStock(s, externalId, 7);
		let variants = (await mallState(ctx.mallId)).products[0]?.variants ?? [];
		expect(variants).toHaveLength(3);
		expect(variants.every((v) => v.use_inventory === "T" && v.quantity === 7)).toBe(true);
		await ctx.adapter.shop?.updateStock(s, externalId, null);
		variants = (await mallState(ctx.mallId)).products[0]?.variants ?? [];
		expect(variants.every((v) => v.use_inventory === "F")).toBe(true);
		await expect(ctx.adapter.shop?.updateStock(s, externalId, -1)).rejects.toMatchObject({ retryable: false });
	});
});

describe("the Cafe24 adapter: orders and disconnecting", () => {
	it("reads order lines since a time, in won, with KST order dates converted", async () => {
		const ctx = await setup();
		const s = await session(ctx);
		const kstDay = (daysAgo: number) => new Date(Date.now() + 9 * 3_600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);
		await control(`malls/${ctx.mallId}/orders`, {
			orders: [
				{
					order_id: "20260101-0000001",
					order_date: `${kstDay(40)}T10:00:00+09:00`,
					currency: "KRW",
					items: [{ product_no: 11, quantity: 1, product_price: "12900.00", option_price: "0.00" }],
				},
				{
					order_id: "20260101-0000002",
					order_date: `${kstDay(1)}T10:00:00+09:00`,
					currency: "KRW",
					items: [
						{ product_no: 11, quantity: 2, product_price: "12900.00", option_price: "1000.00" },
						{ product_no: 12, quantity: 1, product_price: "5000.00", option_price: "0.00" },
					],
				},
			],
		});
		const since = new Date(Date.now() - 45 * 86_400_000).toISOString();
		const lines = (await ctx.adapter.shop?.readOrders(s, since)) ?? [];
		expect(lines).toHaveLength(3);
		expect(lines[0]).toEqual({
			externalProductId: "11",
			quantity: 1,
			amountCents: 12900,
			currency: "krw",
			orderedAt: new Date(`${kstDay(40)}T01:00:00Z`).toISOString(),
		});
		expect(lines[1]).toMatchObject({ externalProductId: "11", quantity: 2, amountCents: 27800 });
		expect(lines[2]).toMatchObject({ externalProductId: "12", quantity: 1, amountCents: 5000 });
		// 45 days are read in two windows, each within Cafe24's search period.
		const searches = (await mallState(ctx.mallId)).requests.filter((r) => r.path.startsWith("/api/v2/admin/orders"));
		expect(searches).toHaveLength(2);
		expect(searches.every((r) => r.status === 200)).toBe(true);
		const recent = (await ctx.adapter.shop?.readOrders(s, new Date(Date.now() - 5 * 86_400_000).toISOString())) ?? [];
		expect(recent).toHaveLength(2);
	});

	it("revokes the grant on disconnect: the fake records it and the tokens stop working", async () => {
		const ctx = await setup();
		const tokens = await connect(ctx);
		const s: ChannelSession = { channelId: "chn_test", externalId: ctx.mallId, accessToken: tokens.accessToken };
		await ctx.adapter.shop?.pushProduct(s, listing(), null);
		expect(await ctx.adapter.revoke({ externalId: ctx.mallId }, { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken })).toBe("revoked");
		const mall = await mallState(ctx.mallId);
		expect(mall.revoked).toContain(tokens.refreshToken);
		await expect(ctx.adapter.shop?.pushProduct(s, listing(), null)).rejects.toBeInstanceOf(ChannelAuthExpired);
		await expect(ctx.adapter.refresh({ externalId: ctx.mallId }, tokens.refreshToken ?? "")).rejects.toBeInstanceOf(ChannelReauthRequired);
	});
});
