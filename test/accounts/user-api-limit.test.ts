import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import type { ErrorBody } from "../support/helpers";
import { inOneRateWindow } from "../support/rate-window";
import { createTestUser, type TestUser, userApi } from "../support/user-helpers";

/** `count` requests to the user's JSON API, 20 at a time; their statuses. */
async function burst(who: TestUser, count: number): Promise<number[]> {
	const statuses: number[] = [];
	for (let sent = 0; sent < count; sent += 20) {
		const batch = Array.from({ length: Math.min(20, count - sent) }, () => userApi(who, "/api/me"));
		for (const res of await Promise.all(batch)) {
			statuses.push(res.status);
			await res.body?.cancel();
		}
	}
	return statuses;
}

async function statusOf(userId: string) {
	return env.DB.prepare("SELECT status FROM users WHERE id = ?").bind(userId).first<string>("status");
}

describe("the per-user API limit (USER_API_RATE_LIMIT_PER_MINUTE, 100)", () => {
	it("answers the 101st request of a minute 429 RATE_LIMITED with Retry-After and runs nothing; others are unaffected; the next minute starts afresh", () =>
		inOneRateWindow(async () => {
			const who = await createTestUser();
			const bystander = await createTestUser();
			expect(new Set(await burst(who, 100))).toEqual(new Set([200]));

			// The 101st is a state-changing one: refused before its handler, so the account stays active.
			const refused = await userApi(who, "/api/me/deactivate", { method: "POST" });
			expect(refused.status).toBe(429);
			expect(((await refused.json()) as ErrorBody).error.code).toBe("RATE_LIMITED");
			const retryAfter = Number(refused.headers.get("Retry-After"));
			expect(retryAfter).toBeGreaterThanOrEqual(1);
			expect(retryAfter).toBeLessThanOrEqual(60);
			expect(await statusOf(who.user.id)).toBe("active");
			expect((await userApi(who, "/api/credits")).status).toBe(429);

			// Another user has a limit of their own; pages are not JSON routes and are not counted.
			expect((await userApi(bystander, "/api/me")).status).toBe(200);
			expect((await userApi(who, "/account", { headers: { Accept: "text/html" } })).status).toBe(200);

			// A minute later the window has reset.
			vi.setSystemTime(Date.now() + 60_000);
			expect((await userApi(who, "/api/me")).status).toBe(200);
		}));
});
