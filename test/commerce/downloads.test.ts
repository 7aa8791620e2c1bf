import { env } from "cloudflare:workers";
import { SignJWT, UnsecuredJWT } from "jose";
import { describe, expect, it } from "vitest";
import { signToken } from "../../src/commerce/tokens";
import { AppError } from "../../src/lib/errors";
import { sha256Hex } from "../../src/lib/hash";
import { enforceRateLimit } from "../../src/lib/rate-limit";
import { buyerOrder, orderState, paidOrder, pathOf, publishedProduct, redeem } from "../support/commerce-helpers";
import { api, type ErrorBody, testAppDeps } from "../support/helpers";
import { inOneRateWindow } from "../support/rate-window";

async function errorCode(res: Response) {
	return ((await res.json()) as ErrorBody).error.code;
}

/** A paid order of a fresh product and its download link path. */
async function linkFor(topic: string, options: Parameters<typeof publishedProduct>[1] = {}) {
	const { product, pkg } = await publishedProduct(topic, options);
	const bought = await paidOrder(product.id);
	const view = await buyerOrder(bought.orderId, bought.key);
	const grantId = view.items[0]?.grant?.id ?? "";
	return { product, pkg, bought, grantId, link: pathOf(view.items[0]?.download_url ?? "") };
}

/** D1 rows and Durable Object state that a refused request must not change. */
async function snapshot(orderId: string) {
	const objects = await env.FILES.list({ prefix: "products/" });
	return { ...(await orderState(orderId)), objects: objects.objects.length };
}

describe("download tokens", () => {
	it("refuses tampered, unsigned, wrongly keyed, wrong-purpose and expired tokens, changing nothing", async () => {
		const { bought, grantId, link } = await linkFor("token matrix topic");
		const token = link.split("/download/")[1] ?? "";
		const keyring = (await testAppDeps()).keys.links;
		const [header = "", payload = "", signature = ""] = token.split(".");
		const now = new Date();
		const past = new Date(now.getTime() - 3_600_000);
		const forged = JSON.parse(atob(payload.replaceAll("-", "+").replaceAll("_", "/"))) as Record<string, unknown>;
		const cases: [string, string, number, string][] = [
			["tampered payload", `${header}.${btoa(JSON.stringify({ ...forged, gid: "grt_other" })).replace(/=+$/, "")}.${signature}`, 401, "TOKEN_INVALID"],
			["tampered signature", `${header}.${payload}.${signature.slice(0, -2)}AA`, 401, "TOKEN_INVALID"],
			["alg none", new UnsecuredJWT({ pur: "download", gid: grantId }).setIssuer("edge-factory").setExpirationTime("1h").encode(), 401, "TOKEN_INVALID"],
			[
				"wrong key",
				await new SignJWT({ pur: "download", gid: grantId })
					.setProtectedHeader({ alg: "HS256", kid: keyring[0]?.kid ?? "" })
					.setIssuer("edge-factory")
					.setExpirationTime("1h")
					.sign(new TextEncoder().encode("another-secret-of-enough-length-0123456789")),
				401,
				"TOKEN_INVALID",
			],
			["wrong purpose", await signToken(keyring, { purpose: "file", grantId, sessionId: "s" }, now, new Date(now.getTime() + 60_000)), 401, "TOKEN_INVALID"],
			["expired", await signToken(keyring, { purpose: "download", grantId }, past, new Date(past.getTime() + 60_000)), 410, "TOKEN_EXPIRED"],
			["garbage", "not.a.token-at-all", 401, "TOKEN_INVALID"],
		];
		const before = await snapshot(bought.orderId);
		for (const [name, bad, status, code] of cases) {
			const res = await redeem(`/download/${bad}`, `192.0.2.${cases.findIndex((c) => c[0] === name) + 1}`);
			expect(res.status, name).toBe(status);
			expect(await errorCode(res), name).toBe(code);
			const landing = await api(`/download/${bad}`, { auth: null, headers: { Accept: "text/html" } });
			expect(landing.status, `${name} landing`).toBe(status);
			expect(await landing.text()).toContain(code === "TOKEN_EXPIRED" ? "expired" : "not valid");
		}
		// A download token is no file session either.
		expect((await api(`/files/${token}`, { auth: null })).status).toBe(401);
		expect(await snapshot(bought.orderId)).toEqual(before);
		expect(before.usage[0]).toBeNull();
	});
});

describe("spending uses", () => {
	it("lets exactly one of 100 concurrent clients win a single-use grant", async () => {
		const { bought, grantId, link } = await linkFor("single use race topic", { downloadLimit: 1 });
		const results = await Promise.all(Array.from({ length: 100 }, (_, i) => redeem(link, `10.1.${Math.floor(i / 250)}.${i % 250}`, `racer-${i}`)));
		const statuses = results.map((r) => r.status);
		expect(statuses.filter((s) => s === 303)).toHaveLength(1);
		expect(statuses.filter((s) => s === 410)).toHaveLength(99);
		for (const res of results.filter((r) => r.status === 410)) expect(await errorCode(res)).toBe("DOWNLOAD_LIMIT_REACHED");
		expect(await env.DOWNLOAD_GRANTS.getByName(grantId).usage()).toEqual({ used: 1, max: 1 });
		const state = await orderState(bought.orderId);
		expect(state.grants[0]).toMatchObject({ downloadsUsed: 1, status: "EXHAUSTED" });
		const landing = await api(link, { auth: null, headers: { Accept: "text/html" } });
		expect(landing.status).toBe(410);
		expect(await landing.text()).toMatch(/limit/i);
	});

	it("counts a double click from one client once, and its file session survives the exhausted grant", async () => {
		const { grantId, link, pkg } = await linkFor("double click topic", { downloadLimit: 1 });
		const first = await redeem(link, "203.0.113.50", "same-browser");
		const second = await redeem(link, "203.0.113.50", "same-browser");
		expect([first.status, second.status]).toEqual([303, 303]);
		expect(await env.DOWNLOAD_GRANTS.getByName(grantId).usage()).toEqual({ used: 1, max: 1 });
		const file = await api(second.headers.get("Location") ?? "", { auth: null });
		expect(file.status).toBe(200);
		expect(await sha256Hex(new Uint8Array(await file.arrayBuffer()))).toBe(pkg.sha256);
		// Another client gets nothing: the one use is spent.
		expect((await redeem(link, "203.0.113.51", "other-browser")).status).toBe(410);
	});

	it("resumes with Range without spending a use, and answers 416 past the end", async () => {
		const { grantId, link, pkg } = await linkFor("range resume topic");
		const session = (await redeem(link)).headers.get("Location") ?? "";
		const full = new Uint8Array(await (await api(session, { auth: null })).arrayBuffer());
		const partial = await api(session, { auth: null, headers: { Range: "bytes=100-" } });
		expect(partial.status).toBe(206);
		expect(partial.headers.get("Content-Range")).toBe(`bytes 100-${pkg.size - 1}/${pkg.size}`);
		expect(new Uint8Array(await partial.arrayBuffer())).toEqual(full.slice(100));
		const middle = await api(session, { auth: null, headers: { Range: "bytes=10-19" } });
		expect(new Uint8Array(await middle.arrayBuffer())).toEqual(full.slice(10, 20));
		const suffix = await api(session, { auth: null, headers: { Range: "bytes=-5" } });
		expect(new Uint8Array(await suffix.arrayBuffer())).toEqual(full.slice(-5));
		const beyond = await api(session, { auth: null, headers: { Range: `bytes=${pkg.size}-` } });
		expect(beyond.status).toBe(416);
		expect(beyond.headers.get("Content-Range")).toBe(`bytes */${pkg.size}`);
		expect(await errorCode(beyond)).toBe("RANGE_NOT_SATISFIABLE");
		const stale = await api(session, { auth: null, headers: { Range: "bytes=100-", "If-Range": '"other-etag"' } });
		expect(stale.status).toBe(200);
		const head = await api(session, { auth: null, method: "HEAD" });
		expect(head.headers.get("Content-Length")).toBe(String(pkg.size));
		expect(await env.DOWNLOAD_GRANTS.getByName(grantId).usage()).toEqual({ used: 1, max: 5 });
	});

	it("round-trips a non-ASCII file name per RFC 8187", async () => {
		const { link, product } = await linkFor("crème brûlée à la maison");
		const file = await api((await redeem(link)).headers.get("Location") ?? "", { auth: null });
		const disposition = file.headers.get("Content-Disposition") ?? "";
		const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? "";
		expect(decodeURIComponent(encoded)).toBe(`${product.title} v1.zip`);
		expect(product.title).toContain("Crème Brûlée");
		expect(/filename="([^"]*)"/.exec(disposition)?.[1]).toMatch(/^[\x20-\x7e]+$/);
	});

	it("ends downloads when the grant's access period is over", async () => {
		const { bought, grantId, link } = await linkFor("access period topic", { accessDays: 1 });
		await env.DB.prepare("UPDATE grants SET expires_at = ? WHERE id = ?")
			.bind(new Date(Date.now() - 1000).toISOString(), grantId)
			.run();
		const res = await redeem(link);
		expect(res.status).toBe(410);
		expect(await errorCode(res)).toBe("TOKEN_EXPIRED");
		expect((await buyerOrder(bought.orderId, bought.key)).items[0]?.download_url).toBeNull();
	});
});

describe("rate limits and the download log", () => {
	it("answers 429 with Retry-After past the per-IP limit, other clients unaffected, then recovers", () =>
		inOneRateWindow(async () => {
			const { link } = await linkFor("rate limit topic", { downloadLimit: 100 });
			const statuses: number[] = [];
			for (let i = 0; i < 21; i++) statuses.push((await redeem(link, "198.18.0.1", "burst")).status);
			expect(statuses.slice(0, 20).every((s) => s === 303)).toBe(true);
			const limited = await redeem(link, "198.18.0.1", "burst");
			expect(limited.status).toBe(429);
			expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
			expect(await errorCode(limited)).toBe("RATE_LIMITED");
			expect((await redeem(link, "198.18.0.2", "other")).status).toBe(303);

			// The limiter's windows, with a clock a minute ahead: the key may go again.
			const now = Date.now();
			const rule = { name: "probe", limit: 2, windowMs: 60_000 };
			await enforceRateLimit(env.RATE_LIMITER, "ip:recovery", rule, now);
			await enforceRateLimit(env.RATE_LIMITER, "ip:recovery", rule, now);
			await expect(enforceRateLimit(env.RATE_LIMITER, "ip:recovery", rule, now)).rejects.toBeInstanceOf(AppError);
			await expect(enforceRateLimit(env.RATE_LIMITER, "ip:recovery", rule, now + 60_000)).resolves.toBeUndefined();
		}));

	it("counts every address of one IPv6 /64 as one client, and another /64 apart", () =>
		inOneRateWindow(async () => {
			const { link } = await linkFor("ipv6 rotation topic", { downloadLimit: 100 });
			// Rotating the interface identifier inside one /64, in every spelling, spends one budget.
			const statuses: number[] = [];
			for (let i = 0; i < 20; i++)
				statuses.push((await redeem(link, i % 2 ? `2001:db8:aa:1::${(i + 1).toString(16)}` : `2001:0DB8:00AA:0001:${i}::1`, `rot-${i}`)).status);
			expect(statuses.every((s) => s === 303)).toBe(true);
			const limited = await redeem(link, "2001:db8:aa:1:ffff:ffff:ffff:fffe", "rot-last");
			expect(limited.status).toBe(429);
			expect(await errorCode(limited)).toBe("RATE_LIMITED");
			expect((await redeem(link, "2001:db8:aa:2::1", "next-net")).status).toBe(303);
			// An IPv4-mapped address is its IPv4 address: the same client as the plain form.
			for (let i = 0; i < 20; i++) expect((await redeem(link, i % 2 ? "::ffff:198.51.100.77" : "198.51.100.77", `v4-${i}`)).status).toBe(303);
			expect((await redeem(link, "::ffff:c633:644d", "v4-hex")).status).toBe(429);
		}));

	it("logs every attempt, allowed or denied, with the reason and a hashed IP", async () => {
		const { bought, link } = await linkFor("download log topic", { downloadLimit: 1 });
		await api(link, { auth: null, headers: { "CF-Connecting-IP": "203.0.113.99" } });
		const session = (await redeem(link, "203.0.113.99")).headers.get("Location") ?? "";
		await api(session, { auth: null, headers: { "CF-Connecting-IP": "203.0.113.99", Range: "bytes=0-9" } });
		await redeem(link, "203.0.113.100");
		const res = await api(`/api/downloads?order_id=${bought.orderId}`);
		expect(res.status).toBe(200);
		const { downloads } = (await res.json()) as { downloads: { action: string; outcome: string; reason: string; status: number; ip_hash: string }[] };
		const lines = downloads.map((d) => `${d.action}:${d.outcome}:${d.reason}:${d.status}`).reverse();
		expect(lines).toEqual([
			"landing:allowed:landing_page:200",
			"redeem:allowed:new_session:303",
			"file:allowed:range:206",
			"redeem:denied:DOWNLOAD_LIMIT_REACHED:410",
		]);
		expect(JSON.stringify(downloads)).not.toContain("203.0.113");
		expect(new Set(downloads.map((d) => d.ip_hash)).size).toBe(2);
		expect((await api(`/api/downloads?order_id=${bought.orderId}`, { auth: null })).status).toBe(401);
	});
});
