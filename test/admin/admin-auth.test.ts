import { describe, expect, it } from "vitest";
import { isAdminKey } from "../../src/admin/admin-auth";
import { problemsWith } from "../support/config";
import { limiterOf, objectRows } from "../support/download-helpers";
import { ADMIN_KEY, api, countRows, type ErrorBody } from "../support/helpers";
import { inOneRateWindow } from "../support/rate-window";

/** A client address no other test uses. */
function uniqueIp(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(3));
	return `10.${bytes[0]}.${bytes[1]}.${bytes[2]}`;
}

/** An admin API call from `ip` with `key` as its bearer. */
function asClient(ip: string, key: string, path = "/api/overview") {
	return api(path, { auth: key, headers: { "CF-Connecting-IP": ip } });
}

/** The failed-key counts the RATE_LIMITER object of `ip`'s network holds, per window. */
async function failedKeyCounts(ip: string): Promise<number[]> {
	const rows = await objectRows<{ count: number }>(await limiterOf(ip), "SELECT count FROM windows WHERE name = 'admin-auth-failures'");
	return rows.map((row) => row.count);
}

describe("admin API key guessing", () => {
	it("locks a client out after 10 wrong keys, right key included, and leaves other clients alone", () =>
		inOneRateWindow(async () => {
			const ip = uniqueIp();
			const before = await countRows("products");
			for (let i = 0; i < 10; i++) {
				const res = await asClient(ip, `wrong-key-${i}-0123456789abcdefghijklmnop`);
				expect(res.status).toBe(401);
				expect(((await res.json()) as ErrorBody).error.code).toBe("UNAUTHORIZED");
			}
			expect(await failedKeyCounts(ip)).toEqual([10]);
			const locked = await asClient(ip, "wrong-key-10-0123456789abcdefghijklmnop");
			expect(locked.status).toBe(429);
			expect(((await locked.json()) as ErrorBody).error.code).toBe("RATE_LIMITED");
			expect(Number(locked.headers.get("Retry-After"))).toBeGreaterThan(0);
			// Once locked out, even the right key is refused: a 200 would confirm a guess.
			expect((await asClient(ip, ADMIN_KEY)).status).toBe(429);
			const create = await api("/api/products", { method: "POST", json: { topic: "locked out topic" }, headers: { "CF-Connecting-IP": ip } });
			expect(create.status).toBe(429);
			expect(await countRows("products")).toBe(before);
			// Another client is not affected.
			expect((await asClient(uniqueIp(), ADMIN_KEY)).status).toBe(200);
			expect(await failedKeyCounts(ip)).toEqual([10]);
		}));

	it("counts one IPv6 /64 as one client", () =>
		inOneRateWindow(async () => {
			const prefix = `2001:db8:${crypto.getRandomValues(new Uint16Array(1))[0]?.toString(16)}:7`;
			for (let i = 1; i <= 10; i++) expect((await asClient(`${prefix}::${i.toString(16)}`, "not-the-admin-key-0123456789abcdefghij")).status).toBe(401);
			expect((await asClient(`${prefix}:ffff::1`, "not-the-admin-key-0123456789abcdefghij")).status).toBe(429);
			expect(await failedKeyCounts(`${prefix}::1`)).toEqual([10]);
		}));

	it("does not count right keys, malformed headers count as wrong ones", async () => {
		const ip = uniqueIp();
		for (let i = 0; i < 15; i++) expect((await asClient(ip, ADMIN_KEY)).status).toBe(200);
		expect(await failedKeyCounts(ip)).toEqual([]);
		const malformed = await api("/api/overview", { auth: null, headers: { "CF-Connecting-IP": ip, Authorization: "Basic dGVzdDp0ZXN0" } });
		expect(malformed.status).toBe(401);
		expect(await failedKeyCounts(ip)).toEqual([1]);
		// No credentials at all is not a guess: a signed-out browser is sent to sign in, not throttled.
		for (let i = 0; i < 12; i++) expect((await api("/api/overview", { auth: null, headers: { "CF-Connecting-IP": ip } })).status).toBe(401);
		expect(await failedKeyCounts(ip)).toEqual([1]);
	});
});

describe("a script using the right key", () => {
	it("is never locked out by its own concurrent requests", async () => {
		const ip = uniqueIp();
		const answers = await Promise.all(Array.from({ length: 30 }, () => asClient(ip, ADMIN_KEY)));
		expect(answers.map((res) => res.status)).toEqual(Array(30).fill(200));
		expect(await failedKeyCounts(ip)).toEqual([]);
	});
});

describe("isAdminKey", () => {
	it("compares the keys' hashes: any length, never an empty key", async () => {
		expect(await isAdminKey(ADMIN_KEY, ADMIN_KEY)).toBe(true);
		expect(await isAdminKey(ADMIN_KEY, `${ADMIN_KEY.slice(0, -1)}X`)).toBe(false);
		expect(await isAdminKey(ADMIN_KEY, ADMIN_KEY.slice(0, -1))).toBe(false);
		expect(await isAdminKey(ADMIN_KEY, `${ADMIN_KEY}x`)).toBe(false);
		expect(await isAdminKey(ADMIN_KEY, "")).toBe(false);
		expect(await isAdminKey("", "")).toBe(false);
	});
});

describe("ADMIN_API_KEY", () => {
	it("must be at least 32 characters", () => {
		expect(problemsWith({ ADMIN_API_KEY: "k".repeat(31) }).map((p) => p.variable)).toEqual(["ADMIN_API_KEY"]);
		expect(problemsWith({ ADMIN_API_KEY: "k".repeat(32) })).toEqual([]);
	});
});
