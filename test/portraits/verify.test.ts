import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../src/db/client";
import { portraitJobs } from "../../src/db/schema";
import { mintResultSession, resultCookieName } from "../../src/portraits/verify";
import { api, type ErrorBody, testAppDeps } from "../support/helpers";
import { randomIp, sessionCookie, storeCompletedJob, verify } from "../support/portrait-result-helpers";
import { inOneRateWindow } from "../support/rate-window";

const db = () => getDb(env.DB);

async function errorCode(res: Response): Promise<string> {
	return ((await res.json()) as ErrorBody).error.code;
}

function retryAfter(res: Response): number {
	return Number(res.headers.get("Retry-After"));
}

describe("POST /api/portraits/:id/verify", () => {
	it("gives a signed session cookie for this job only (HttpOnly, SameSite=Lax, scoped to the job's paths, one hour) for the right number in any usual form", async () => {
		const job = await storeCompletedJob({ phone: "010-2222-3333" });
		const res = await verify(job.id, "+82 10 2222 3333", randomIp());
		expect(res.status).toBe(200);
		const body = (await res.json()) as { job: { id: string; status: string; expires_at: string }; result_url: string; session_expires_at: string };
		expect(body.job).toMatchObject({ id: job.id, status: "completed" });
		expect(body.job.expires_at).toMatch(/\+09:00$/);
		expect(body.session_expires_at).toMatch(/\+09:00$/);
		expect(body.result_url).toBe(`/result/${job.id}`);
		expect(JSON.stringify(body)).not.toContain("2222");
		const cookies = res.headers.getSetCookie();
		expect(cookies).toHaveLength(2);
		const paths = cookies.map((cookie) => /Path=([^;]+)/.exec(cookie)?.[1]);
		expect(paths.sort()).toEqual([`/api/portraits/${job.id}`, `/result/${job.id}`]);
		for (const cookie of cookies) {
			expect(cookie.startsWith(`${resultCookieName(job.id)}=`)).toBe(true);
			expect(resultCookieName(job.id)).toContain(job.id);
			expect(cookie).toContain("HttpOnly");
			expect(cookie).toContain("SameSite=Lax");
			expect(cookie).toContain("Max-Age=3600");
			// Plain http in the tests; over https it is Secure.
			expect(cookie).not.toContain("Secure");
			// Signed: an expiry and an HMAC, nothing of the number.
			expect(cookie).toMatch(/=\d{13}\.[0-9a-f]{64};/);
		}
		const result = await api(`/api/portraits/${job.id}/result`, { auth: null, headers: { Cookie: sessionCookie(res) } });
		expect(result.status).toBe(200);
	});

	it("sets a Secure cookie over https", async () => {
		const job = await storeCompletedJob();
		const { exports } = await import("cloudflare:workers");
		const res = await exports.default.fetch(
			new Request(`https://localhost:8787/api/portraits/${job.id}/verify`, {
				method: "POST",
				headers: { "Content-Type": "application/json", "CF-Connecting-IP": randomIp() },
				body: JSON.stringify({ phone: job.phone }),
			}),
		);
		expect(res.status).toBe(200);
		for (const cookie of res.headers.getSetCookie()) expect(cookie).toContain("; Secure");
	});

	it("refuses a wrong number with 403 PHONE_MISMATCH and no cookie", async () => {
		const job = await storeCompletedJob();
		const res = await verify(job.id, "010-9999-0000", randomIp());
		expect(res.status).toBe(403);
		expect(await errorCode(res)).toBe("PHONE_MISMATCH");
		expect(res.headers.getSetCookie()).toEqual([]);
	});

	it("blocks a client for the rest of the hour after 3 wrong numbers (429 TOO_MANY_ATTEMPTS with Retry-After, even for the right number); another client still gets in", async () => {
		await inOneRateWindow(async () => {
			const job = await storeCompletedJob();
			const ip = randomIp();
			for (let i = 0; i < 3; i++) {
				const res = await verify(job.id, `010-9999-000${i}`, ip);
				expect(res.status).toBe(403);
				expect(await errorCode(res)).toBe("PHONE_MISMATCH");
			}
			const blocked = await verify(job.id, job.phone, ip);
			expect(blocked.status).toBe(429);
			expect(await errorCode(blocked)).toBe("TOO_MANY_ATTEMPTS");
			expect(retryAfter(blocked)).toBeGreaterThan(0);
			expect(retryAfter(blocked)).toBeLessThanOrEqual(3600);
			expect(blocked.headers.getSetCookie()).toEqual([]);
			// The block is per client and counts across jobs: the same client is blocked on another job too.
			const other = await storeCompletedJob();
			expect((await verify(other.id, other.phone, ip)).status).toBe(429);
			// Another client, the right number.
			const fresh = await verify(job.id, job.phone, randomIp());
			expect(fresh.status).toBe(200);
		});
	});

	it("counts an IPv6 /64 as one client", async () => {
		await inOneRateWindow(async () => {
			const job = await storeCompletedJob();
			const prefix = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:7`;
			for (const host of ["::a", "::b", ":1:2:3:4"]) expect((await verify(job.id, "010-9999-0001", `${prefix}${host}`)).status).toBe(403);
			const sameNetwork = await verify(job.id, job.phone, `${prefix}::ffff:1`);
			expect(sameNetwork.status).toBe(429);
			expect(retryAfter(sameNetwork)).toBeGreaterThan(0);
			// The next /64 is another client.
			const nextNetwork = await verify(job.id, job.phone, `${prefix.replace(/:7$/, ":8")}::a`);
			expect(nextNetwork.status).toBe(200);
		});
	});

	it("locks a job for the rest of the hour after 10 wrong numbers from any clients; other jobs stay open", async () => {
		await inOneRateWindow(async () => {
			const job = await storeCompletedJob();
			for (let i = 0; i < 10; i++) expect((await verify(job.id, "010-9999-0002", randomIp())).status).toBe(403);
			const locked = await verify(job.id, job.phone, randomIp());
			expect(locked.status).toBe(429);
			expect(await errorCode(locked)).toBe("TOO_MANY_ATTEMPTS");
			expect(retryAfter(locked)).toBeGreaterThan(0);
			expect(retryAfter(locked)).toBeLessThanOrEqual(3600);
			const other = await storeCompletedJob();
			expect((await verify(other.id, other.phone, randomIp())).status).toBe(200);
		});
	});

	it("does not count a malformed number (422 INVALID_PHONE): it is no guess", async () => {
		await inOneRateWindow(async () => {
			const job = await storeCompletedJob();
			const ip = randomIp();
			for (let i = 0; i < 4; i++) {
				const res = await verify(job.id, "12345", ip);
				expect(res.status).toBe(422);
				expect(await errorCode(res)).toBe("INVALID_PHONE");
			}
			expect((await verify(job.id, job.phone, ip)).status).toBe(200);
		});
	});

	it("opens only a completed job (409 INVALID_STATE), answers 404 for an unknown job and 410 GONE for a deleted one", async () => {
		const job = await storeCompletedJob();
		await db().update(portraitJobs).set({ status: "processing" }).where(eq(portraitJobs.id, job.id));
		const processing = await verify(job.id, job.phone, randomIp());
		expect(processing.status).toBe(409);
		expect(await errorCode(processing)).toBe("INVALID_STATE");
		expect(processing.headers.getSetCookie()).toEqual([]);

		const unknown = await verify(`ptj_${"0".repeat(32)}`, job.phone, randomIp());
		expect(unknown.status).toBe(404);

		await db().update(portraitJobs).set({ status: "completed", deletedAt: new Date().toISOString() }).where(eq(portraitJobs.id, job.id));
		const gone = await verify(job.id, job.phone, randomIp());
		expect(gone.status).toBe(410);
		expect(await errorCode(gone)).toBe("GONE");
	});

	it("validates the body (400) and stores nothing", async () => {
		const job = await storeCompletedJob();
		const res = await api(`/api/portraits/${job.id}/verify`, { method: "POST", auth: null, json: { phone: job.phone, extra: 1 } });
		expect(res.status).toBe(400);
		expect(res.headers.getSetCookie()).toEqual([]);
	});
});

describe("the result session", () => {
	it("of job A does not open job B, neither under A's name nor copied under B's", async () => {
		const a = await storeCompletedJob();
		const b = await storeCompletedJob();
		const res = await verify(a.id, a.phone, randomIp());
		const cookieA = sessionCookie(res);
		expect((await api(`/api/portraits/${a.id}/result`, { auth: null, headers: { Cookie: cookieA } })).status).toBe(200);

		const asIs = await api(`/api/portraits/${b.id}/result`, { auth: null, headers: { Cookie: cookieA } });
		expect(asIs.status).toBe(401);
		expect(await errorCode(asIs)).toBe("UNAUTHORIZED");
		const value = cookieA.split("=")[1];
		const copied = await api(`/api/portraits/${b.id}/result`, { auth: null, headers: { Cookie: `${resultCookieName(b.id)}=${value}` } });
		expect(copied.status).toBe(401);
		const survey = await api(`/api/portraits/${b.id}/survey`, {
			method: "POST",
			auth: null,
			headers: { Cookie: `${resultCookieName(b.id)}=${value}` },
			json: { rating: 1 },
		});
		expect(survey.status).toBe(401);
	});

	it("ends after an hour, and a forged signature is refused", async () => {
		const job = await storeCompletedJob();
		const deps = (await testAppDeps()).portraits;
		const expired = await mintResultSession(deps, job.id, Date.now() - 1000);
		expect((await api(`/api/portraits/${job.id}/result`, { auth: null, headers: { Cookie: `${resultCookieName(job.id)}=${expired}` } })).status).toBe(401);
		const valid = await mintResultSession(deps, job.id, Date.now() + 60_000);
		const forged = `${valid.slice(0, -4)}${valid.endsWith("0000") ? "1111" : "0000"}`;
		expect((await api(`/api/portraits/${job.id}/result`, { auth: null, headers: { Cookie: `${resultCookieName(job.id)}=${forged}` } })).status).toBe(401);
		expect((await api(`/api/portraits/${job.id}/result`, { auth: null, headers: { Cookie: `${resultCookieName(job.id)}=${valid}` } })).status).toBe(200);
	});
});

describe("GET and POST /result/:id (the SMS link)", () => {
	it("asks for the number; a wrong one shows the form again with 403, three block the client (429, Retry-After), the right one from another client sets the cookie and opens the result", async () => {
		await inOneRateWindow(async () => {
			const job = await storeCompletedJob({ phone: "010-3333-4444" });
			const page = await api(`/result/${job.id}`, { auth: null, headers: { Accept: "text/html", Cookie: "lang=ko" } });
			expect(page.status).toBe(200);
			const form = await page.text();
			expect(form).toContain('name="phone"');
			expect(form).toContain("휴대폰 번호");
			expect(form).toContain("KST");
			expect(form).not.toContain("/result/images/");

			const ip = randomIp();
			const post = (phone: string, from = ip) =>
				api(`/result/${job.id}`, {
					method: "POST",
					auth: null,
					headers: { Accept: "text/html", Cookie: "lang=ko", "CF-Connecting-IP": from, "Content-Type": "application/x-www-form-urlencoded" },
					body: new URLSearchParams({ phone }).toString(),
				});
			for (let i = 0; i < 3; i++) {
				const wrong = await post("010-0000-1111");
				expect(wrong.status).toBe(403);
				expect(await wrong.text()).toContain('data-error="mismatch"');
			}
			const blocked = await post(job.phone);
			expect(blocked.status).toBe(429);
			expect(retryAfter(blocked)).toBeGreaterThan(0);
			expect(await blocked.text()).toContain('data-error="blocked"');
			expect(blocked.headers.getSetCookie()).toEqual([]);

			const right = await post(job.phone, randomIp());
			expect(right.status).toBe(303);
			expect(right.headers.get("Location")).toBe(`/result/${job.id}`);
			const cookie = sessionCookie(right);
			const result = await api(`/result/${job.id}`, { auth: null, headers: { Accept: "text/html", Cookie: `lang=ko; ${cookie}` } });
			expect(result.status).toBe(200);
			expect(result.headers.get("Cache-Control")).toContain("no-store");
			const html = await result.text();
			expect(html.match(/<img src="http:\/\/localhost:8787\/result\/images\//g)).toHaveLength(3);
			expect(html).not.toContain("3333-4444");
		});
	});
});
