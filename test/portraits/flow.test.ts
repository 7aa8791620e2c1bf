import { env } from "cloudflare:workers";
import { eq, isNull } from "drizzle-orm";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../../src/app-env";
import type { PaymentProvider } from "../../src/commerce/payments/types";
import { getDb } from "../../src/db/client";
import { localCheckoutSessions, portraitJobs } from "../../src/db/schema";
import { AppError, toAppError } from "../../src/lib/errors";
import { sha256Hex } from "../../src/lib/hash";
import { createPortraitJob as createJob } from "../../src/portraits/create-job";
import { i18nMiddleware } from "../../src/routes/locale";
import { portraitsApi } from "../../src/routes/portraits-api";
import { payLocally } from "../support/commerce-helpers";
import { api, type ErrorBody, testAppDeps } from "../support/helpers";
import { createPaidPortraitJob, createPortraitJob, portraitPath, portraitRow, uploadPhoto, withPhone } from "../support/portrait-helpers";
import { inOneRateWindow } from "../support/rate-window";

const KST = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+09:00$/;

async function status(job: { id: string; key: string }) {
	const res = await api(portraitPath(job, "status"), { auth: null });
	expect(res.status).toBe(200);
	return ((await res.json()) as { job: { id: string; status: string; expires_at: string; progress: { percent: number; step: string | null } } }).job;
}

describe("POST /api/portraits", () => {
	it("makes a pending_payment job that expires 24 h after creation, its key stored only hashed, and a local checkout for ₩9,900", async () => {
		const before = Date.now();
		const res = await api("/api/portraits", { method: "POST", auth: null, headers: { "CF-Connecting-IP": "198.51.100.10" }, json: {} });
		expect(res.status).toBe(201);
		const body = (await res.json()) as { job: { id: string; status: string; expires_at: string }; job_key: string; checkout_url: string };
		expect(body.job.id).toMatch(/^ptj_[0-9a-f]{32}$/);
		expect(body.job.status).toBe("pending_payment");
		expect(body.job.expires_at).toMatch(KST);
		expect(body.job_key).toMatch(/^[0-9a-f]{40}$/);
		expect(body.checkout_url).toMatch(/\/local-pay\/cs_local_/);

		const row = await portraitRow(body.job.id);
		expect(row?.status).toBe("pending_payment");
		expect(row?.keyHash).toBe(await sha256Hex(body.job_key));
		expect(JSON.stringify(row)).not.toContain(body.job_key);
		expect(row?.priceCents).toBe(9900);
		expect(row?.currency).toBe("krw");
		expect(row?.provider).toBe("local");
		expect(row?.locale).toBe("ko");
		const created = Date.parse(row?.createdAt ?? "");
		expect(created).toBeGreaterThanOrEqual(before - 1000);
		expect(Date.parse(row?.expiresAt ?? "") - created).toBe(24 * 3_600_000);
		expect(Date.parse(body.job.expires_at)).toBe(Date.parse(row?.expiresAt ?? ""));

		const session = await getDb(env.DB).query.localCheckoutSessions.findFirst({ where: eq(localCheckoutSessions.orderId, body.job.id) });
		expect(row?.checkoutSessionId).toBe(session?.id);
		expect(session?.amountCents).toBe(9900);
		expect(session?.currency).toBe("krw");
		expect(session?.successUrl).toBe(`http://localhost:8787/portraits/${body.job.id}?key=${body.job_key}`);
		expect(session?.cancelUrl).toBe(session?.successUrl);

		// The local pay page shows the product and no email row.
		const page = await api(`/local-pay/${row?.checkoutSessionId}`, { auth: null });
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain("Find My Rizz");
		expect(html).toContain(body.job.id);
	});

	it("takes the language from the body, else from the request", async () => {
		const en = await createPortraitJob({ locale: "en" });
		expect((await portraitRow(en.id))?.locale).toBe("en");
		const res = await api("/api/portraits?lang=en", { method: "POST", auth: null, headers: { "CF-Connecting-IP": "198.51.100.11" } });
		expect(res.status).toBe(201);
		const { job } = (await res.json()) as { job: { id: string } };
		expect((await portraitRow(job.id))?.locale).toBe("en");
	});

	it("refuses an unknown locale or field with 400 and stores nothing", async () => {
		const db = getDb(env.DB);
		const before = (await db.select({ id: portraitJobs.id }).from(portraitJobs)).length;
		for (const json of [{ locale: "fr" }, { price: 1 }]) {
			const res = await api("/api/portraits", { method: "POST", auth: null, headers: { "CF-Connecting-IP": "198.51.100.12" }, json });
			expect(res.status).toBe(400);
			expect(((await res.json()) as ErrorBody).error.code).toBe("VALIDATION_FAILED");
		}
		expect((await db.select({ id: portraitJobs.id }).from(portraitJobs)).length).toBe(before);
	});

	it("answers 502 PAYMENT_PROVIDER_UNAVAILABLE when the provider fails, and leaves the job failed, not payable", async () => {
		const deps = await testAppDeps();
		const broken: PaymentProvider = {
			name: "local",
			createCheckout: async () => {
				throw new Error("provider down");
			},
			retrieveCheckout: async () => {
				throw new Error("provider down");
			},
			refund: async () => {
				throw new Error("provider down");
			},
		};
		const portraits = { ...deps.portraits, commerce: { ...deps.portraits.commerce, paymentsFor: () => broken } };
		const unpayable = async () => (await getDb(env.DB).select().from(portraitJobs).where(isNull(portraitJobs.checkoutSessionId))).map((job) => job.id);
		const before = await unpayable();
		const error = await createJob(portraits, { locale: "ko" }).catch((err: unknown) => err);
		expect(error).toBeInstanceOf(AppError);
		expect((error as AppError).status).toBe(502);
		expect((error as AppError).code).toBe("PAYMENT_PROVIDER_UNAVAILABLE");
		const added = (await unpayable()).filter((id) => !before.includes(id));
		expect(added).toHaveLength(1);
		const row = await portraitRow(added[0] ?? "");
		expect(row).toMatchObject({ status: "failed", failureReason: "payment_failed", paidAt: null, checkoutSessionId: null });
	});
});

describe("the portrait flow", () => {
	it("goes pending_payment → pending_phone → pending_upload → processing, each step shown on /status", async () => {
		const job = await createPortraitJob();
		const first = await status(job);
		expect(first).toMatchObject({ id: job.id, status: "pending_payment", progress: { percent: 0, step: null } });
		expect(first.expires_at).toMatch(KST);

		await payLocally(job.sessionId);
		const paid = await portraitRow(job.id);
		expect(paid?.status).toBe("pending_phone");
		expect(paid?.paidAt).not.toBeNull();
		expect(paid?.paymentIntentId).toMatch(/^pi_local_/);
		expect((await status(job)).status).toBe("pending_phone");

		await withPhone(job);
		expect((await status(job)).status).toBe("pending_upload");
		await uploadPhoto(job);
		const processing = await portraitRow(job.id);
		expect(["processing", "completed"]).toContain(processing?.status);
		expect(processing?.uploadedAt).not.toBeNull();
	});

	it("shows the progress processing writes", async () => {
		const job = await createPaidPortraitJob();
		await getDb(env.DB).update(portraitJobs).set({ progressPercent: 40, progressStep: "portraits" }).where(eq(portraitJobs.id, job.id));
		expect((await status(job)).progress).toEqual({ percent: 40, step: "portraits" });
	});

	it("takes the key as X-Job-Key too; a wrong or missing key is 404 like an unknown job; a deleted job is 410", async () => {
		const job = await createPortraitJob();
		const byHeader = await api(`/api/portraits/${job.id}/status`, { auth: null, headers: { "X-Job-Key": job.key } });
		expect(byHeader.status).toBe(200);
		for (const path of [
			`/api/portraits/${job.id}/status`,
			`/api/portraits/${job.id}/status?key=${"0".repeat(40)}`,
			`/api/portraits/ptj_${"0".repeat(32)}/status?key=${job.key}`,
		]) {
			const res = await api(path, { auth: null });
			expect(res.status).toBe(404);
			expect(((await res.json()) as ErrorBody).error.code).toBe("NOT_FOUND");
		}
		await getDb(env.DB).update(portraitJobs).set({ deletedAt: new Date().toISOString() }).where(eq(portraitJobs.id, job.id));
		const gone = await api(portraitPath(job, "status"), { auth: null });
		expect(gone.status).toBe(410);
		expect(((await gone.json()) as ErrorBody).error.code).toBe("GONE");
	});
});

describe("POST /api/portraits rate limit", () => {
	it("counts job creation per client network like checkouts: past the limit 429 RATE_LIMITED, and no job", async () => {
		const deps = await testAppDeps();
		const commerce = {
			...deps.commerce,
			config: { ...deps.commerce.config, checkoutLimit: { name: `portrait-test-${crypto.randomUUID()}`, limit: 2, windowMs: 60_000 } },
		};
		const app = new Hono<AppEnv>()
			.use(async (c, next) => {
				c.set("deps", { ...deps, commerce });
				await next();
			})
			.use(i18nMiddleware)
			.route("/api/portraits", portraitsApi);
		app.onError((err, c) => {
			const error = toAppError(err);
			return c.json({ error: { code: error.code, message: error.message } }, error.status as 429);
		});
		const post = (ip: string) => app.request("/api/portraits", { method: "POST", headers: { "CF-Connecting-IP": ip } }, env);
		const statuses = await inOneRateWindow(async () => {
			const seen: number[] = [];
			// Two addresses of one IPv6 /64 are one client.
			for (const ip of ["2001:db8:7:1::1", "2001:db8:7:1::2", "2001:db8:7:1::3"]) seen.push((await post(ip)).status);
			seen.push((await post("2001:db8:7:2::1")).status);
			return seen;
		});
		expect(statuses).toEqual([201, 201, 429, 201]);
	});
});
