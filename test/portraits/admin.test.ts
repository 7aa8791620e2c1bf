import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getDb } from "../../src/db/client";
import { paymentFailures, portraitApiTimings, portraitJobs, smsLogs } from "../../src/db/schema";
import { portraitAlerts } from "../../src/portraits/alerts";
import { portraitFunnel } from "../../src/portraits/funnel";
import { PORTRAIT_TTL_MS } from "../../src/portraits/jobs";
import { pruneApiTimings } from "../../src/portraits/sweep";
import { api } from "../support/helpers";
import { adminCookie, adminPortraitsPage, portraitDepsAt, randomIp, storeCompletedJob, verify } from "../support/portrait-result-helpers";

const db = () => getDb(env.DB);

function alertFiring(html: string, name: string): boolean | null {
	const match = new RegExp(`data-alert="${name}" data-firing="(true|false)"`).exec(html);
	return match ? match[1] === "true" : null;
}

const ALERTS = ["payment_failure_rate", "generation_failure_rate", "sms_failure_rate", "api_p95"];

describe("/admin/portraits", () => {
	it("needs a dashboard session", async () => {
		const res = await api("/admin/portraits", { auth: null, headers: { Accept: "text/html" } });
		expect(res.status).toBe(303);
		expect(res.headers.get("Location")).toBe("/admin/login");
	});

	it("lists jobs and the SMS log with masked numbers only, never the number, report or comment; in Korean and English", async () => {
		const job = await storeCompletedJob({ phone: "010-9876-5432" });
		const res = await verify(job.id, job.phone, randomIp());
		const cookie = res.headers.getSetCookie()[0]?.split(";")[0] ?? "";
		await api(`/api/portraits/${job.id}/survey`, { method: "POST", auth: null, headers: { Cookie: cookie }, json: { rating: 2, comment: "비밀 의견입니다" } });
		const admin = await adminCookie();
		for (const lang of ["en", "ko"] as const) {
			const page = await adminPortraitsPage(admin, lang);
			expect(page.status).toBe(200);
			expect(page.html).toContain(`<html lang="${lang}"`);
			expect(page.html).toContain(`data-job="${job.id}"`);
			// In the job list and in the SMS log.
			expect(page.html.split("010-****-5432").length - 1).toBeGreaterThanOrEqual(2);
			for (const secret of ["9876", "01098765432", "+821098765432", "비밀 의견", "밝은 인상"]) expect(page.html).not.toContain(secret);
			expect(page.html).toContain('href="/admin/portraits" aria-current="page"');
			expect(page.html).toContain('data-survey="answers"');
		}
	});

	it("shows the funnel of the chosen period from what tombstones keep", async () => {
		const now = new Date();
		const before = await portraitFunnel(db(), new Date(now.getTime() - 3_600_000), new Date(now.getTime() + 1000));
		await storeCompletedJob();
		const failed = `ptj_${crypto.randomUUID().replaceAll("-", "")}`;
		await db()
			.insert(portraitJobs)
			.values({
				id: failed,
				keyHash: "0".repeat(64),
				priceCents: 9900,
				currency: "krw",
				provider: "local",
				status: "failed",
				failureReason: "payment_failed",
				createdAt: now.toISOString(),
				expiresAt: new Date(now.getTime() + PORTRAIT_TTL_MS).toISOString(),
			});
		const after = await portraitFunnel(db(), new Date(now.getTime() - 3_600_000), new Date(Date.now() + 1000));
		expect(after).toEqual({
			created: before.created + 2,
			paid: before.paid + 1,
			phone: before.phone + 1,
			uploaded: before.uploaded + 1,
			completed: before.completed + 1,
			failed: before.failed + 1,
		});
		const page = await adminPortraitsPage(await adminCookie(), "en", "?period=7d");
		expect(page.html).toContain('data-step="created"');
		expect(page.html).toContain('<option value="7d" selected="">');
	});

	it("turns each alert's badge red when its threshold is crossed over the last 24 hours", async () => {
		const admin = await adminCookie();
		const now = new Date();
		const recent = new Date(now.getTime() - 60_000).toISOString();
		const calm = await adminPortraitsPage(admin);
		for (const name of ALERTS) expect(alertFiring(calm.html, name), name).toBe(false);

		// Payment failures of portrait jobs: 3 failures against 1 paid job (75 % > 10 %).
		await db()
			.insert(paymentFailures)
			.values(
				[1, 2, 3].map((i) => ({
					id: `pf_${crypto.randomUUID()}`,
					reference: `ptj_${crypto.randomUUID().replaceAll("-", "")}`,
					provider: "portone",
					providerEventId: `evt_${i}_${crypto.randomUUID()}`,
					reason: "card declined",
					createdAt: recent,
				})),
			);
		// Generation: one job failed making its portraits against the completed ones.
		await db()
			.insert(portraitJobs)
			.values({
				id: `ptj_${crypto.randomUUID().replaceAll("-", "")}`,
				keyHash: "0".repeat(64),
				priceCents: 9900,
				currency: "krw",
				provider: "local",
				status: "failed",
				failureReason: "generation_failed",
				failedAt: recent,
				createdAt: recent,
				expiresAt: new Date(now.getTime() + PORTRAIT_TTL_MS).toISOString(),
			});
		// SMS: failed attempts.
		await db()
			.insert(smsLogs)
			.values(
				[1, 2].map((attempt) => ({
					id: `sml_${crypto.randomUUID().replaceAll("-", "")}`,
					jobId: null,
					purpose: "portrait_ready" as const,
					provider: "coolsms",
					recipientMasked: "010-****-0000",
					body: "[Find My Rizz]",
					attempt,
					outcome: "failed" as const,
					error: "503",
					createdAt: recent,
				})),
			);
		// API: slow requests, more than 5 % of them.
		await db()
			.insert(portraitApiTimings)
			.values(Array.from({ length: 20 }, () => ({ route: "GET /api/portraits/:id/status", status: 200, durationMs: 4_000, at: recent })));

		const alerts = await portraitAlerts(db(), new Date());
		for (const alert of alerts) expect(alert.firing, alert.name).toBe(true);
		const red = await adminPortraitsPage(admin, "ko");
		for (const name of ALERTS) expect(alertFiring(red.html, name), name).toBe(true);
		expect(red.html.match(/data-firing="true"><span class="badge tone-danger">/g)).toHaveLength(4);
	});

	it("records the portrait API's durations (route pattern only) and prunes those older than a day", async () => {
		const job = await storeCompletedJob();
		const before = await db().select().from(portraitApiTimings);
		await verify(job.id, "010-0000-0000", randomIp());
		const rows = await db().select().from(portraitApiTimings);
		const added = rows.filter((row) => !before.some((old) => old.id === row.id));
		expect(added).toEqual([expect.objectContaining({ route: "POST /api/portraits/:id/verify", status: 403 })]);
		expect(JSON.stringify(added)).not.toContain(job.id);

		await db()
			.insert(portraitApiTimings)
			.values({ route: "GET /api/portraits/:id/status", status: 200, durationMs: 1, at: new Date(Date.now() - 25 * 3_600_000).toISOString() });
		const deps = await portraitDepsAt(() => new Date());
		const { pruned } = await pruneApiTimings(deps);
		expect(pruned).toBeGreaterThanOrEqual(1);
		const left = await db().select().from(portraitApiTimings);
		for (const row of left) expect(Date.parse(row.at)).toBeGreaterThan(Date.now() - 24 * 3_600_000);
	});
});
