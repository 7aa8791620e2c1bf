import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/lib/hash";
import { buyerOrder, paidOrder, pathOf, publishedProduct, redeem } from "../support/commerce-helpers";
import { downloadLogOf, fileAs, objectRows, refusalTallies } from "../support/download-helpers";
import { api, countRows, type ErrorBody } from "../support/helpers";
import { inOneRateWindow } from "../support/rate-window";

const MIB = 1024 * 1024;

async function errorCode(res: Response) {
	return ((await res.json()) as ErrorBody).error.code;
}

/** A paid order of a fresh product, redeemed once by `ip`: its file session's path. */
async function openSession(topic: string, ip: string) {
	const { product, pkg } = await publishedProduct(topic);
	const bought = await paidOrder(product.id);
	const view = await buyerOrder(bought.orderId, bought.key);
	const grantId = view.items[0]?.grant?.id ?? "";
	const link = pathOf(view.items[0]?.download_url ?? "");
	const redeemed = await redeem(link, ip);
	expect(redeemed.status).toBe(303);
	const session = redeemed.headers.get("Location") ?? "";
	const sessionId = JSON.parse(atob((session.split(".")[1] ?? "").replaceAll("-", "+").replaceAll("_", "/"))).sid as string;
	return { orderId: bought.orderId, grantId, link, session, sessionId, pkg };
}

/** What the grant's Durable Object holds about one session: its client networks and bytes served. */
async function sessionState(grantId: string, sessionId: string) {
	const stub = env.DOWNLOAD_GRANTS.getByName(grantId);
	const clients = await objectRows<{ n: number }>(stub, "SELECT COUNT(*) AS n FROM session_clients WHERE session_id = ?", sessionId);
	const usage = await objectRows<{ served: number }>(stub, "SELECT served FROM session_usage WHERE session_id = ?", sessionId);
	return { clients: clients[0]?.n ?? 0, served: usage[0]?.served ?? 0 };
}

/** Replaces the grant's package with `bytes` (a larger file than the generated kits). */
async function swapPackage(grantId: string, bytes: Uint8Array) {
	const key = `test-packages/${grantId}.zip`;
	await env.FILES.put(key, bytes);
	await env.DB.prepare("UPDATE grants SET package_key = ?, package_size = ?, package_sha256 = ? WHERE id = ?")
		.bind(key, bytes.length, await sha256Hex(bytes), grantId)
		.run();
}

/** Reads at most `want` bytes of a response body, then hangs up, as a download manager closes a segment's connection. */
async function readSome(res: Response, want: number): Promise<Uint8Array> {
	const reader = res.body?.getReader();
	if (!reader) return new Uint8Array();
	const parts: Uint8Array[] = [];
	let got = 0;
	while (got < want) {
		const { done, value } = await reader.read();
		if (done) break;
		parts.push(value);
		got += value.length;
	}
	await reader.cancel();
	const out = new Uint8Array(got);
	let at = 0;
	for (const part of parts) {
		out.set(part, at);
		at += part.length;
	}
	return out.slice(0, want);
}

describe("download route limits", () => {
	it("limits the landing page per client (twice the redeem limit), without a row per refusal", () =>
		inOneRateWindow(async () => {
			const { orderId, link } = await openSession("landing limit topic", "203.0.113.170");
			const scanner = "192.0.2.171";
			const before = (await downloadLogOf(orderId)).length;
			// A mail scanner may open the link many times: it spends nothing and is only throttled.
			for (let i = 0; i < 40; i++) expect((await api(link, { auth: null, headers: { "CF-Connecting-IP": scanner } })).status).toBe(200);
			const limited = await api(link, { auth: null, headers: { "CF-Connecting-IP": scanner } });
			expect(limited.status).toBe(429);
			expect(await errorCode(limited)).toBe("RATE_LIMITED");
			expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
			expect((await api(link, { auth: null, headers: { "CF-Connecting-IP": "192.0.2.172" } })).status).toBe(200);
			expect((await downloadLogOf(orderId)).length).toBe(before + 41);
			expect(await refusalTallies(scanner)).toEqual({ "download-refusals:landing:RATE_LIMITED": 1 });
		}));

	it("limits file requests per client (ten times the redeem limit), enough for a download manager", () =>
		inOneRateWindow(async () => {
			const ip = "203.0.113.173";
			const { session, pkg } = await openSession("file limit topic", ip);
			const whole = await fileAs(session, ip);
			expect(whole.headers.get("Content-Length")).toBe(String(pkg.size));
			const full = new Uint8Array(await whole.arrayBuffer());
			// 16 parallel Range connections, as a download manager opens them.
			const segment = Math.ceil(pkg.size / 16);
			const parts = await Promise.all(
				Array.from({ length: 16 }, (_, i) => fileAs(session, ip, { range: `bytes=${i * segment}-${Math.min(pkg.size, (i + 1) * segment) - 1}` })),
			);
			expect(parts.map((res) => res.status)).toEqual(Array(16).fill(206));
			const joined = new Uint8Array(pkg.size);
			for (const [i, res] of parts.entries()) joined.set(new Uint8Array(await res.arrayBuffer()), i * segment);
			expect(joined).toEqual(full);
			const rows = await countRows("download_log");
			let allowed = 17;
			while (allowed < 200) {
				expect((await fileAs(session, ip, { method: "HEAD" })).status).toBe(200);
				allowed++;
			}
			const limited = await fileAs(session, ip, { method: "HEAD" });
			expect(limited.status).toBe(429);
			expect(limited.headers.get("Retry-After")).not.toBeNull();
			expect(await countRows("download_log")).toBe(rows + 200 - 17);
			expect(await refusalTallies(ip)).toEqual({ "download-refusals:file:RATE_LIMITED": 1 });
		}));
});

describe("what one file session serves", () => {
	it("serves at most 3 client networks: a phone changing networks keeps going, a 4th network gets 410, logged", async () => {
		const home = "203.0.113.180";
		const { orderId, grantId, session, sessionId } = await openSession("session clients topic", home);
		expect((await fileAs(session, home)).status).toBe(200);
		// The phone moves to mobile data (an IPv6 /64 whose addresses rotate), then to a café's Wi-Fi.
		expect((await fileAs(session, "2001:db8:180:1::a", { range: "bytes=10-" })).status).toBe(206);
		expect((await fileAs(session, "2001:db8:180:1:ffff::b", { range: "bytes=20-" })).status).toBe(206);
		expect((await fileAs(session, "198.51.100.181", { range: "bytes=30-" })).status).toBe(206);
		expect(await sessionState(grantId, sessionId)).toMatchObject({ clients: 3 });
		const fourth = await fileAs(session, "192.0.2.182");
		expect(fourth.status).toBe(410);
		expect(await errorCode(fourth)).toBe("DOWNLOAD_LIMIT_REACHED");
		expect((await fileAs(session, "192.0.2.182", { method: "HEAD" })).status).toBe(410);
		expect(await sessionState(grantId, sessionId)).toMatchObject({ clients: 3 });
		// The three it knows go on.
		expect((await fileAs(session, home, { range: "bytes=0-9" })).status).toBe(206);
		expect((await fileAs(session, "2001:db8:180:1::c", { method: "HEAD" })).status).toBe(200);
		const refused = (await downloadLogOf(orderId)).filter((row) => row.outcome === "denied");
		expect(refused.map((row) => `${row.action}:${row.reason}:${row.status}:${row.session_id}`)).toEqual([
			`file:DOWNLOAD_LIMIT_REACHED:410:${sessionId}`,
			`file:DOWNLOAD_LIMIT_REACHED:410:${sessionId}`,
		]);
	});

	it("stops a session after five copies of the package in bytes, logged", async () => {
		const ip = "203.0.113.183";
		const { orderId, grantId, session, sessionId, pkg } = await openSession("session bytes topic", ip);
		let copies = 0;
		let cut = 0;
		for (;;) {
			const res = await fileAs(session, ip);
			if (res.status !== 200) {
				expect(res.status).toBe(410);
				expect(await errorCode(res)).toBe("DOWNLOAD_LIMIT_REACHED");
				break;
			}
			// The copy during which the budget runs out is cut where it ran out.
			const got = await res.arrayBuffer().then(
				(body) => body.byteLength,
				() => -1,
			);
			if (got === pkg.size) copies++;
			else cut++;
			expect(copies + cut).toBeLessThan(100);
		}
		const { served } = await sessionState(grantId, sessionId);
		expect(copies).toBeGreaterThanOrEqual(5);
		expect(cut).toBeLessThanOrEqual(1);
		// Five copies, plus an allowance of a slice (at least 64 KB) on each of 16 parallel connections: never more.
		const budget = 5 * pkg.size + 16 * Math.max(64 * 1024, Math.ceil(pkg.size / 64));
		expect(served).toBeGreaterThanOrEqual(budget);
		expect(served).toBeLessThanOrEqual(budget + 64 * 1024);
		expect((await fileAs(session, ip, { range: "bytes=0-0" })).status).toBe(410);
		const refused = (await downloadLogOf(orderId)).filter((row) => row.outcome === "denied");
		expect(refused.map((row) => `${row.action}:${row.reason}:${row.status}`)).toEqual(["file:DOWNLOAD_LIMIT_REACHED:410", "file:DOWNLOAD_LIMIT_REACHED:410"]);
	});

	it("counts bytes sent, not bytes asked for: 16 open-ended Range connections closed at the next segment cost about one copy", async () => {
		const ip = "203.0.113.184";
		const { grantId, session, sessionId } = await openSession("download manager topic", ip);
		const bytes = new Uint8Array(4 * MIB);
		for (let at = 0; at < bytes.length; at += 65_536) crypto.getRandomValues(bytes.subarray(at, at + 65_536));
		await swapPackage(grantId, bytes);
		const segment = bytes.length / 16;
		// Each connection asks for everything from its start (as IDM does) and hangs up once it has its segment.
		const parts = await Promise.all(
			Array.from({ length: 16 }, async (_, i) => {
				const res = await fileAs(session, ip, { range: `bytes=${i * segment}-` });
				expect(res.status).toBe(206);
				return readSome(res, segment);
			}),
		);
		// Compared by hash: a deep equality of megabytes takes vitest far too long.
		for (const [i, part] of parts.entries()) expect(await sha256Hex(part)).toBe(await sha256Hex(bytes.slice(i * segment, (i + 1) * segment)));
		const { served } = await sessionState(grantId, sessionId);
		// Asked for: 8.5 copies. Sent: one copy, plus at most a slice in flight per connection.
		expect(served).toBeGreaterThanOrEqual(bytes.length);
		expect(served).toBeLessThan(2 * bytes.length);
		// So the buyer can still fetch it whole, more than once.
		const whole = await sha256Hex(bytes);
		for (let i = 0; i < 3; i++) expect(await sha256Hex(new Uint8Array(await (await fileAs(session, ip)).arrayBuffer()))).toBe(whole);
	});
});
