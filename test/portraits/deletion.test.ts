import { env } from "cloudflare:workers";
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../src/db/client";
import { portraitImages, portraitJobs, portraitRecommendations, portraitSurveys, smsLogs } from "../../src/db/schema";
import { deletionHandler, REFUND_SMS_GRACE_MS } from "../../src/portraits/deletion";
import { PORTRAIT_TTL_MS } from "../../src/portraits/jobs";
import { DELETION_OVERDUE_MS, SWEEP_BATCH, sweepExpiredPortraits } from "../../src/portraits/sweep";
import { runSweeps, sweepsOf } from "../../src/scheduled";
import { bringGatewayBack, jobView, seedMirror, setGatewayJob, takeGatewayDown } from "../support/gpu-helpers";
import { api, type ErrorBody, testAppDeps } from "../support/helpers";
import { createPaidPortraitJob, portraitRow, withPhone } from "../support/portrait-helpers";
import {
	adminCookie,
	adminPortraitsPage,
	type CompletedJob,
	portraitDepsAt,
	randomIp,
	sessionCookie,
	storeCompletedJob,
	verify,
} from "../support/portrait-result-helpers";

const db = () => getDb(env.DB);

/** Two gateway jobs of the portrait (generate and report) holding outputs, mirrored in D1 and named on the job. */
async function withGatewayJobs(job: CompletedJob): Promise<{ portraitGpuJob: string; reportGpuJob: string }> {
	const artifact = { name: "portrait-0.png", sha256: "b".repeat(64), size: 64, content_type: "image/png" };
	const portrait = jobView({ kind: "portrait.generate", status: "succeeded", owner: { type: "portrait", id: job.id }, artifacts: [artifact] });
	const report = jobView({ kind: "llm.text", status: "succeeded", owner: { type: "portrait", id: job.id }, artifacts: [{ ...artifact, name: "report.json" }] });
	for (const view of [portrait, report]) {
		await setGatewayJob(view);
		await seedMirror(view);
	}
	await db().update(portraitJobs).set({ portraitJobId: portrait.id, reportJobId: report.id }).where(eq(portraitJobs.id, job.id));
	return { portraitGpuJob: portrait.id, reportGpuJob: report.id };
}

async function expiresAt(jobId: string): Promise<number> {
	const row = await portraitRow(jobId);
	if (!row) throw new Error("no job");
	return Date.parse(row.expiresAt);
}

describe("deletion 24 hours after creation", () => {
	it("on a fake clock: the sweep hands the expired job to the queue, the handler deletes every personal thing, and every route of the job answers 410 GONE", async () => {
		const job = await storeCompletedJob({ phone: "010-5555-6789" });
		const { portraitGpuJob, reportGpuJob } = await withGatewayJobs(job);
		// The person verified, opened the result and answered the survey with a comment.
		const verified = await verify(job.id, job.phone, randomIp());
		const cookie = sessionCookie(verified);
		const result = (await (await api(`/api/portraits/${job.id}/result`, { auth: null, headers: { Cookie: cookie } })).json()) as { images: { url: string }[] };
		const imagePath = new URL(result.images[0]?.url ?? "").pathname;
		expect(
			(
				await api(`/api/portraits/${job.id}/survey`, {
					method: "POST",
					auth: null,
					headers: { Cookie: cookie },
					json: { rating: 5, comment: "제 이름은 홍길동입니다" },
				})
			).status,
		).toBe(201);
		const before = await portraitRow(job.id);
		if (!before?.phoneHash) throw new Error("no phone hash");
		expect((await env.FILES.list({ prefix: `portraits/${job.id}/` })).objects.length).toBe(4);

		const expiry = await expiresAt(job.id);
		expect(expiry - Date.parse(before.createdAt)).toBe(PORTRAIT_TTL_MS);
		// One minute before expiry the sweep leaves the job alone.
		const early = await portraitDepsAt(() => new Date(expiry - 60_000));
		await sweepExpiredPortraits(early);
		expect(early.queue.sent.filter((message) => message.jobId === job.id)).toEqual([]);
		expect((await portraitRow(job.id))?.deletionQueuedAt).toBeNull();

		// One minute after: handed over once, marked.
		const clock = new Date(expiry + 60_000);
		const deps = await portraitDepsAt(() => clock);
		await sweepExpiredPortraits(deps);
		expect(deps.queue.sent.filter((message) => message.jobId === job.id)).toEqual([{ kind: "delete", jobId: job.id }]);
		expect((await portraitRow(job.id))?.deletionQueuedAt).toBe(clock.toISOString());
		await sweepExpiredPortraits(deps);
		expect(deps.queue.sent.filter((message) => message.jobId === job.id)).toHaveLength(1);

		const outcome = await deletionHandler.run(deps, job.id, 1);
		expect(outcome, (await portraitRow(job.id))?.deletionError ?? "").toBe("done");

		expect((await env.FILES.list({ prefix: `portraits/${job.id}/` })).objects).toEqual([]);
		const byPhoneHash = await env.DB.prepare("SELECT COUNT(*) AS n FROM portrait_jobs WHERE phone_hash = ?").bind(before.phoneHash).first<{ n: number }>();
		expect(byPhoneHash?.n).toBe(0);
		const byCiphertext = await env.DB.prepare("SELECT COUNT(*) AS n FROM portrait_jobs WHERE phone_ciphertext = ?")
			.bind(before.phoneCiphertext)
			.first<{ n: number }>();
		expect(byCiphertext?.n).toBe(0);
		const byPhotoKey = await env.DB.prepare("SELECT COUNT(*) AS n FROM portrait_jobs WHERE photo_key = ?").bind(job.photoKey).first<{ n: number }>();
		expect(byPhotoKey?.n).toBe(0);
		const after = await portraitRow(job.id);
		expect(after).toMatchObject({
			phoneCiphertext: null,
			phoneKeyId: null,
			phoneHash: null,
			phoneLast4: null,
			photoKey: null,
			report: null,
			deletedAt: clock.toISOString(),
			deletionError: null,
			deletionAttempts: 1,
		});
		// The tombstone and the payment record stay: id, times, status, amount, provider reference.
		expect(after).toMatchObject({
			id: job.id,
			createdAt: before.createdAt,
			status: "completed",
			priceCents: 9900,
			currency: "krw",
			provider: "local",
			paymentIntentId: before.paymentIntentId,
		});
		expect(await db().select().from(portraitImages).where(eq(portraitImages.jobId, job.id))).toEqual([]);
		expect(await db().select().from(portraitRecommendations).where(eq(portraitRecommendations.jobId, job.id))).toEqual([]);
		const sms = await db().select().from(smsLogs).where(eq(smsLogs.jobId, job.id));
		expect(sms.length).toBeGreaterThan(0);
		for (const line of sms) expect(line.recipientMasked).toBeNull();
		expect(await db().query.portraitSurveys.findFirst({ where: eq(portraitSurveys.jobId, job.id) })).toMatchObject({ rating: 5, comment: null });
		const gateway = (await testAppDeps()).gpu.gateway;
		expect((await gateway.getJob(portraitGpuJob)).artifacts).toEqual([]);
		expect((await gateway.getJob(reportGpuJob)).artifacts).toEqual([]);

		// Every route of the job: 410 GONE.
		const routes: [string, RequestInit & { json?: unknown }][] = [
			[`/api/portraits/${job.id}/status?key=${job.key}`, {}],
			[`/api/portraits/${job.id}/phone?key=${job.key}`, { method: "POST", json: { phone: job.phone } }],
			[`/api/portraits/${job.id}/verify`, { method: "POST", json: { phone: job.phone } }],
			[`/api/portraits/${job.id}/result`, { headers: { Cookie: cookie } }],
			[`/api/portraits/${job.id}/survey`, { method: "POST", headers: { Cookie: cookie }, json: { rating: 1 } }],
			[imagePath, {}],
		];
		for (const [path, init] of routes) {
			const res = await api(path, { auth: null, ...init });
			expect(res.status, path).toBe(410);
			expect(((await res.json()) as ErrorBody).error.code, path).toBe("GONE");
		}
		const photo = await api(`/api/portraits/${job.id}/photo?key=${job.key}`, { method: "POST", auth: null, body: new FormData() });
		expect(photo.status).toBe(410);
		for (const lang of ["ko", "en"] as const) {
			const page = await api(`/result/${job.id}`, { auth: null, headers: { Accept: "text/html", Cookie: `lang=${lang}; ${cookie}` } });
			expect(page.status).toBe(410);
			const html = await page.text();
			expect(html).toContain("data-gone");
			expect(html).toContain(lang === "ko" ? "24시간이 지나 삭제되었습니다" : "Deleted after 24 hours");
			expect(html).not.toContain("5555");
		}
		// A second delivery of the message finds nothing to do.
		expect(await deletionHandler.run(deps, job.id, 2)).toBe("done");
		expect((await portraitRow(job.id))?.deletionAttempts).toBe(1);
	});

	it("hands expired jobs over in bounded batches, once, and again when a deletion is overdue; the cron's sweep list runs it", async () => {
		const created = new Date(Date.now() - 400 * 24 * 3_600_000);
		const ids: string[] = [];
		for (let i = 0; i < 120; i++) {
			const id = `ptj_${crypto.randomUUID().replaceAll("-", "")}`;
			ids.push(id);
		}
		// Five rows per insert: D1 binds at most 100 parameters a query (13 a row with the defaults).
		for (let i = 0; i < ids.length; i += 5) {
			await db()
				.insert(portraitJobs)
				.values(
					ids.slice(i, i + 5).map((id) => ({
						id,
						keyHash: "0".repeat(64),
						priceCents: 9900,
						currency: "krw",
						provider: "local",
						status: "pending_payment" as const,
						createdAt: created.toISOString(),
						expiresAt: new Date(created.getTime() + PORTRAIT_TTL_MS).toISOString(),
					})),
				);
		}
		const clock = new Date(created.getTime() + PORTRAIT_TTL_MS + 60_000);
		const deps = await portraitDepsAt(() => clock);
		const outcome = await sweepExpiredPortraits(deps);
		expect(outcome.handedOver).toBeGreaterThanOrEqual(120);
		for (const size of deps.queue.batchSizes) expect(size).toBeLessThanOrEqual(SWEEP_BATCH);
		for (const id of ids) expect(deps.queue.sent.filter((message) => message.jobId === id)).toEqual([{ kind: "delete", jobId: id }]);
		const marked = await db()
			.select({ queued: portraitJobs.deletionQueuedAt })
			.from(portraitJobs)
			.where(inArray(portraitJobs.id, ids.slice(0, 50)));
		for (const row of marked) expect(row.queued).toBe(clock.toISOString());

		const again = await portraitDepsAt(() => clock);
		await sweepExpiredPortraits(again);
		expect(again.queue.sent.filter((message) => ids.includes(message.jobId))).toEqual([]);

		const overdue = await portraitDepsAt(() => new Date(clock.getTime() + DELETION_OVERDUE_MS + 60_000));
		await sweepExpiredPortraits(overdue);
		expect(overdue.queue.sent.filter((message) => ids.includes(message.jobId))).toHaveLength(120);

		// The cron runs it among its sweeps (and the API timings pruning).
		expect(sweepsOf("*/5 * * * *").map((sweep) => sweep.name)).toEqual(expect.arrayContaining(["portraits.hand-over-expired", "portraits.prune-api-timings"]));
		const app = await testAppDeps(() => new Date(clock.getTime() + 2 * DELETION_OVERDUE_MS + 120_000));
		const recording = await portraitDepsAt(app.now);
		await runSweeps(
			sweepsOf("*/5 * * * *").filter((sweep) => sweep.name.startsWith("portraits.")),
			{ ...app, portraits: recording },
			"*/5 * * * *",
		);
		expect(recording.queue.sent.filter((message) => ids.includes(message.jobId))).toHaveLength(120);
	});

	it("refunds a paid job whose photo never came (upload_expired), waits for the refund SMS a little, then deletes", async () => {
		const job = await withPhone(await createPaidPortraitJob());
		const expiry = await expiresAt(job.id);
		const deps = await portraitDepsAt(() => new Date(expiry + 60_000));
		const first = await deletionHandler.run(deps, job.id, 1);
		expect(first).toEqual({ retryInSeconds: 30 });
		const refunded = await portraitRow(job.id);
		expect(refunded).toMatchObject({ status: "failed", failureReason: "upload_expired", deletedAt: null });
		expect(refunded?.refundedAt).not.toBeNull();
		expect(refunded?.refundId).toBeTruthy();
		// The person is told: the refund SMS is queued, and the number is kept for it.
		expect(deps.queue.sent).toContainEqual({ kind: "sms", jobId: job.id });
		expect(refunded?.phoneCiphertext).not.toBeNull();

		// Past the grace the number goes whether or not the SMS went out; refunded once.
		const later = await portraitDepsAt(() => new Date(expiry + REFUND_SMS_GRACE_MS + 1000));
		expect(await deletionHandler.run(later, job.id, 2)).toBe("done");
		const gone = await portraitRow(job.id);
		expect(gone).toMatchObject({
			status: "failed",
			failureReason: "upload_expired",
			refundId: refunded?.refundId,
			phoneCiphertext: null,
			phoneHash: null,
			phoneLast4: null,
		});
		expect(gone?.deletedAt).not.toBeNull();
		expect(later.queue.sent.filter((message) => message.kind === "sms")).toEqual([]);
	});

	it("never deletes a job before its expiry", async () => {
		const job = await storeCompletedJob();
		const deps = await portraitDepsAt(() => new Date(Date.now() + 60_000));
		expect(await deletionHandler.run(deps, job.id, 1)).toBe("done");
		expect(await portraitRow(job.id)).toMatchObject({ deletedAt: null });
		expect((await env.FILES.list({ prefix: `portraits/${job.id}/` })).objects).toHaveLength(4);
	});

	it("records a failed deletion, retries it with backoff, shows it red on the admin page, and hands it over again after the queue gives up", async () => {
		const job = await storeCompletedJob({ phone: "010-7777-2468" });
		const { portraitGpuJob } = await withGatewayJobs(job);
		await takeGatewayDown(portraitGpuJob);
		const clock = new Date((await expiresAt(job.id)) + 60_000);
		const deps = await portraitDepsAt(() => clock);
		await sweepExpiredPortraits(deps);

		expect(await deletionHandler.run(deps, job.id, 1)).toEqual({ retryInSeconds: 30 });
		expect(await deletionHandler.run(deps, job.id, 2)).toEqual({ retryInSeconds: 60 });
		const failed = await portraitRow(job.id);
		expect(failed).toMatchObject({ deletedAt: null, deletionAttempts: 2 });
		expect(failed?.deletionError).toContain(portraitGpuJob);
		expect(failed?.deletionError).not.toContain("7777");

		const cookie = await adminCookie();
		const page = await adminPortraitsPage(cookie, "en", "?period=30d");
		expect(page.status).toBe(200);
		const problems = page.html.slice(page.html.indexOf('id="portrait-deletion-problems"'), page.html.indexOf('id="portrait-jobs"'));
		expect(problems).toContain(`data-job="${job.id}" data-deletion="failed"`);
		expect(problems).toContain("tone-danger");
		expect(problems).toContain(portraitGpuJob);

		// The queue gives up: the dead-letter handler records it and the next sweep hands the job over again.
		await deletionHandler.deadLettered(deps, job.id);
		const dead = await portraitRow(job.id);
		expect(dead?.deletionQueuedAt).toBeNull();
		expect(dead?.deletionError).toMatch(/^queue gave up after 2 attempts/);
		const next = await portraitDepsAt(() => clock);
		await sweepExpiredPortraits(next);
		expect(next.queue.sent).toContainEqual({ kind: "delete", jobId: job.id });

		// The gateway is back: the retry purges the job's GPU job, finishes and clears the alarm.
		await bringGatewayBack(portraitGpuJob);
		expect(await deletionHandler.run(next, job.id, 3)).toBe("done");
		expect(await portraitRow(job.id)).toMatchObject({ deletionError: null, deletionAttempts: 3 });
		const cleared = await adminPortraitsPage(cookie, "en", "?period=30d");
		const clearedProblems = cleared.html.slice(cleared.html.indexOf('id="portrait-deletion-problems"'), cleared.html.indexOf('id="portrait-jobs"'));
		expect(clearedProblems).not.toContain(job.id);
	});
});
