import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../../src/app-env";
import { getDb } from "../../src/db/client";
import { portraitJobs } from "../../src/db/schema";
import { toAppError } from "../../src/lib/errors";
import { i18nMiddleware } from "../../src/routes/locale";
import { portraitPages } from "../../src/routes/portrait-pages";
import type { PortraitStatus } from "../../src/shared/portraits";
import { api, testAppDeps } from "../support/helpers";
import { inOneRateWindow } from "../support/rate-window";

const ORIGIN = "http://localhost:8787";
/** A fixed deletion time, so the KST rendering is checked to the second: 09:00 UTC is 18:00 KST. */
const EXPIRES_AT = "2026-12-05T09:00:00.000Z";

function page(path: string, lang: "ko" | "en" = "ko", init: RequestInit = {}) {
	const headers = new Headers(init.headers);
	headers.set("Accept", "text/html");
	headers.set("Cookie", `lang=${lang}`);
	return api(path, { auth: null, ...init, headers });
}

/** Starts a job through the landing page's call to action, as a browser does: a form post, then the checkout. */
async function startJob(lang: "ko" | "en" = "ko"): Promise<{ id: string; key: string; checkout: string }> {
	const res = await page("/portraits", lang, {
		method: "POST",
		headers: { Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded" },
		body: "",
	});
	expect(res.status).toBe(303);
	const checkout = res.headers.get("Location") ?? "";
	expect(checkout).toMatch(/\/local-pay\//);
	// The checkout's success URL is the job's page with its key.
	const sessionId = /\/local-pay\/([^/?]+)/.exec(checkout)?.[1] ?? "";
	const session = await getDb(env.DB).query.localCheckoutSessions.findFirst({ where: (t, { eq }) => eq(t.id, sessionId) });
	const success = new URL(session?.successUrl ?? "http://x.invalid/");
	const id = /^\/portraits\/(ptj_[0-9a-f]{32})$/.exec(success.pathname)?.[1] ?? "";
	const key = success.searchParams.get("key") ?? "";
	expect(id).not.toBe("");
	expect(key).not.toBe("");
	return { id, key, checkout };
}

/** Puts the job at a step directly (the steps themselves are tested in the flow API's tests); the deletion time fixed. */
async function setJob(id: string, values: Partial<typeof portraitJobs.$inferInsert> & { status: PortraitStatus }) {
	await getDb(env.DB)
		.update(portraitJobs)
		.set({ expiresAt: EXPIRES_AT, ...values })
		.where(eq(portraitJobs.id, id));
}

async function jobRow(id: string) {
	return getDb(env.DB).query.portraitJobs.findFirst({ where: eq(portraitJobs.id, id) });
}

describe("portrait landing page", () => {
	it("in Korean: the call to action, the price formatted for a Korean reader, the deletion promise, and a form that starts a job", async () => {
		const res = await page("/portraits", "ko");
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('<html lang="ko"');
		expect(html).toContain("지금 바로 나의 리즈 알아보기");
		expect(html).toContain(new Intl.NumberFormat("ko-KR", { style: "currency", currency: "KRW" }).format(9900));
		expect(html).toContain("₩9,900");
		expect(html).toContain("24시간 뒤 모두 삭제됩니다");
		expect(html).toMatch(/<form method="post" action="\/portraits"/);
	});

	it("in English through the language switch", async () => {
		const res = await api("/portraits?lang=en", { auth: null, headers: { Accept: "text/html" } });
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('<html lang="en"');
		expect(html).toContain("Find my rizz now");
		expect(html).toContain("₩9,900");
		expect(html).toContain("deleted 24 hours after you start");
		expect(html).not.toContain("지금 바로 나의 리즈 알아보기");
	});

	it("the call to action creates one job in pending_payment and sends the browser to the checkout", async () => {
		const { id } = await startJob("ko");
		const row = await jobRow(id);
		expect(row?.status).toBe("pending_payment");
		expect(row?.priceCents).toBe(9900);
		expect(row?.currency).toBe("krw");
		expect(row?.locale).toBe("ko");
		expect(row?.checkoutSessionId).not.toBeNull();
	});

	it("refuses a start posted from another site and creates nothing", async () => {
		const before = (await getDb(env.DB).select({ id: portraitJobs.id }).from(portraitJobs)).length;
		const res = await page("/portraits", "ko", {
			method: "POST",
			headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
			body: "",
		});
		expect(res.status).toBe(403);
		expect((await getDb(env.DB).select({ id: portraitJobs.id }).from(portraitJobs)).length).toBe(before);
	});
});

describe("portrait landing page rate limit", () => {
	it("counts the call to action per client network like POST /api/portraits: past the limit 429, and no job", async () => {
		const deps = await testAppDeps();
		const commerce = {
			...deps.commerce,
			config: { ...deps.commerce.config, checkoutLimit: { name: `portrait-page-test-${crypto.randomUUID()}`, limit: 2, windowMs: 60_000 } },
		};
		const app = new Hono<AppEnv>()
			.use(async (c, next) => {
				c.set("deps", { ...deps, commerce });
				await next();
			})
			.use(i18nMiddleware)
			.route("/portraits", portraitPages);
		app.onError((err, c) => {
			const error = toAppError(err);
			return c.json({ error: { code: error.code } }, error.status as 429);
		});
		const count = async () => (await getDb(env.DB).select({ id: portraitJobs.id }).from(portraitJobs)).length;
		const post = (ip: string) =>
			app.request(
				"/portraits",
				{ method: "POST", headers: { "CF-Connecting-IP": ip, Origin: "http://localhost", "Content-Type": "application/x-www-form-urlencoded" }, body: "" },
				env,
			);
		const before = await count();
		const statuses = await inOneRateWindow(async () => {
			const seen: number[] = [];
			for (const ip of ["203.0.113.77", "203.0.113.77", "203.0.113.77"]) seen.push((await post(ip)).status);
			seen.push((await post("203.0.113.78")).status);
			return seen;
		});
		expect(statuses).toEqual([303, 303, 429, 303]);
		expect(await count()).toBe(before + 3);
	});
});

describe("portrait job page", () => {
	it("needs the key: 404 without it, with a wrong one, and on the upload page alike", async () => {
		const { id, key } = await startJob();
		for (const path of [`/portraits/${id}`, `/portraits/${id}?key=${"0".repeat(40)}`, `/portraits/${id}/upload`, `/portraits/${id}/upload?key=wrong`]) {
			const res = await page(path);
			expect(res.status, path).toBe(404);
			expect(await res.text(), path).not.toContain("data-portrait-status");
		}
		expect((await page(`/portraits/${id}?key=${key}`)).status).toBe(200);
		expect((await page(`/portraits/ptj_${"0".repeat(32)}?key=${key}`)).status).toBe(404);
	});

	it("pending_payment: the status by name, the deletion time in KST to the second, and a page that checks again", async () => {
		const { id, key } = await startJob();
		await setJob(id, { status: "pending_payment" });
		const res = await page(`/portraits/${id}?key=${key}`, "ko");
		expect(res.status).toBe(200);
		expect(res.headers.get("Cache-Control")).toContain("no-store");
		expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
		const html = await res.text();
		expect(html).toContain(">pending_payment</code>");
		expect(html).toContain("결제 대기");
		expect(html).toContain('datetime="2026-12-05T18:00:00.000+09:00"');
		expect(html).toContain("2026년 12월 5일 오후 6:00:00 KST");
		expect(html).toContain("결제 확인을 기다리고 있습니다");
		expect(html).toMatch(/<meta http-equiv="refresh" content="5; url=\/portraits\/ptj_[0-9a-f]{32}\?key=[0-9a-f]{40}&amp;poll=1"/);

		const english = await (await page(`/portraits/${id}?key=${key}`, "en")).text();
		expect(english).toContain(">pending_payment</code>");
		expect(english).toContain("December 5, 2026 at 6:00:00 PM KST");
		expect(english).toContain("Waiting for the payment confirmation");
	});

	it("pending_phone: the phone form; a valid number moves the job to pending_upload, a bad one is refused on the form and stores nothing", async () => {
		const { id, key } = await startJob();
		await setJob(id, { status: "pending_phone" });
		const html = await (await page(`/portraits/${id}?key=${key}`)).text();
		expect(html).toContain(">pending_phone</code>");
		expect(html).toContain(`action="/portraits/${id}/phone?key=${key}"`);
		expect(html).toContain('name="phone"');
		expect(html).not.toContain('http-equiv="refresh"');

		const bad = await page(`/portraits/${id}/phone?key=${key}`, "ko", {
			method: "POST",
			headers: { Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded" },
			body: new URLSearchParams({ phone: "02-123-4567" }).toString(),
		});
		expect(bad.status).toBe(422);
		expect(await bad.text()).toContain("010-1234-5678처럼 한국 휴대폰 번호를 입력해 주세요.");
		const unchanged = await jobRow(id);
		expect(unchanged?.status).toBe("pending_phone");
		expect(unchanged?.phoneHash).toBeNull();
		expect(unchanged?.phoneCiphertext).toBeNull();

		const noKey = await page(`/portraits/${id}/phone`, "ko", {
			method: "POST",
			headers: { Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded" },
			body: new URLSearchParams({ phone: "010-1234-5678" }).toString(),
		});
		expect(noKey.status).toBe(404);
		expect((await jobRow(id))?.status).toBe("pending_phone");

		const good = await page(`/portraits/${id}/phone?key=${key}`, "ko", {
			method: "POST",
			headers: { Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded" },
			body: new URLSearchParams({ phone: "010-1234-5678" }).toString(),
		});
		expect(good.status).toBe(303);
		expect(good.headers.get("Location")).toBe(`/portraits/${id}?key=${key}`);
		const moved = await jobRow(id);
		expect(moved?.status).toBe("pending_upload");
		expect(moved?.phoneHash).not.toBeNull();
		expect(moved?.phoneLast4).toBe("5678");

		// Sent again: the step is closed; the browser is shown where the job is now.
		const again = await page(`/portraits/${id}/phone?key=${key}`, "ko", {
			method: "POST",
			headers: { Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded" },
			body: new URLSearchParams({ phone: "010-9999-8888" }).toString(),
		});
		expect(again.status).toBe(303);
		expect((await jobRow(id))?.phoneLast4).toBe("5678");
	});

	it("pending_upload: a link to the upload page, which has the photo guide and the 3:4 crop", async () => {
		const { id, key } = await startJob();
		await setJob(id, { status: "pending_upload" });
		const html = await (await page(`/portraits/${id}?key=${key}`)).text();
		expect(html).toContain(">pending_upload</code>");
		expect(html).toContain(`href="/portraits/${id}/upload?key=${key}"`);

		const upload = await page(`/portraits/${id}/upload?key=${key}`, "ko");
		expect(upload.status).toBe(200);
		const form = await upload.text();
		expect(form).toContain(">pending_upload</code>");
		expect(form).toContain("2026년 12월 5일 오후 6:00:00 KST");
		for (const guide of ["정면을 보고", "밝고 고른 빛", "필터, 보정 앱", "본인 한 사람만"]) expect(form).toContain(guide);
		expect(form).toContain(`data-upload-url="/api/portraits/${id}/photo"`);
		expect(form).toContain('width="480" height="640"');
		expect(form).toContain('<script src="/js/portrait-crop.js" defer="">');
		// The refusals the crop shows, in Korean, by code.
		expect(form).toContain("사진을 먼저 3:4 세로 비율로 잘라 주세요.");
		// No inline script: the page policy allows scripts from our origin only.
		expect(form).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
		expect(upload.headers.get("Content-Security-Policy")).toContain("script-src 'self'");
	});

	it("the upload page says the step is closed once the photo is in", async () => {
		const { id, key } = await startJob();
		await setJob(id, { status: "processing" });
		const html = await (await page(`/portraits/${id}/upload?key=${key}`, "en")).text();
		expect(html).toContain(">processing</code>");
		expect(html).toContain("This step can&#39;t be taken in the job&#39;s current state.");
		expect(html).not.toContain("data-upload-url");
	});

	it("processing: live progress through the job progress socket with a token, polling the status as the fallback", async () => {
		const { id, key } = await startJob();
		await setJob(id, { status: "processing", progressPercent: 35, progressStep: "portraits" });
		const html = await (await page(`/portraits/${id}?key=${key}`)).text();
		expect(html).toContain(">processing</code>");
		expect(html).toContain(`data-status-url="/api/portraits/${id}/status"`);
		expect(html).toContain('value="35"');
		expect(html).toContain("사진 세 장을 만드는 중 · 35%");
		expect(html).toContain('<script src="/js/live-progress.js" defer="">');
		const token = /data-progress-token="([^"]+)"/.exec(html)?.[1] ?? "";
		expect(token.split(".")).toHaveLength(3);
		// The token opens this job's progress (the polling endpoint answers with it), and nobody else's.
		const progress = await api(`/api/progress?token=${encodeURIComponent(token)}`, { auth: null });
		expect(progress.status).toBe(200);
		const status = await api(`/api/portraits/${id}/status`, { auth: null, headers: { "X-Job-Key": key } });
		expect(status.status).toBe(200);
		expect(((await status.json()) as { job: { status: string } }).job.status).toBe("processing");
	});

	it("completed: the link was sent by SMS, and the result page is linked", async () => {
		const { id, key } = await startJob();
		await setJob(id, { status: "completed", completedAt: new Date().toISOString() });
		const html = await (await page(`/portraits/${id}?key=${key}`)).text();
		expect(html).toContain(">completed</code>");
		expect(html).toContain("남겨 주신 번호로 링크를 문자로 보냈습니다.");
		expect(html).toContain(`href="/result/${id}"`);
		expect(html).toContain("2026년 12월 5일 오후 6:00:00 KST");
	});

	it("failed: the reason in the reader's language", async () => {
		const { id, key } = await startJob();
		await setJob(id, { status: "failed", failureReason: "generation_failed", failedAt: new Date().toISOString() });
		const ko = await (await page(`/portraits/${id}?key=${key}`, "ko")).text();
		expect(ko).toContain(">failed</code>");
		expect(ko).toContain("사진을 만들지 못해 결제를 환불했습니다.");
		const en = await (await page(`/portraits/${id}?key=${key}`, "en")).text();
		expect(en).toContain("We could not make your portraits; the payment was refunded.");
	});

	it("a deleted job is 410 GONE on its pages, whatever the key", async () => {
		const { id, key } = await startJob();
		await setJob(id, { status: "completed", deletedAt: new Date().toISOString() });
		expect((await page(`/portraits/${id}?key=${key}`)).status).toBe(410);
		expect((await page(`/portraits/${id}/upload?key=${key}`)).status).toBe(410);
	});
});
