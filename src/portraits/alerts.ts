import { and, asc, count, gte, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { paymentFailures, portraitApiTimings, portraitJobs, smsLogs } from "../db/schema";

/**
 * The seed's alerts (issue 15, "Operations") over the last 24 hours, shown as red badges on
 * /admin/portraits when they fire: payment failure rate > 10 %, generation failure > 5 %, SMS
 * failure > 5 %, API p95 > 3 s. A rate with nothing to measure is 0 and does not fire.
 */

export const ALERT_WINDOW_MS = 24 * 3_600_000;

export type AlertName = "payment_failure_rate" | "generation_failure_rate" | "sms_failure_rate" | "api_p95";

/** One alert: its measured value (a fraction, or milliseconds for the p95), its threshold, what it was measured over, and whether it fires. */
export type Alert = { name: AlertName; value: number; threshold: number; sample: number; firing: boolean };

export const ALERT_THRESHOLDS: Record<AlertName, number> = {
	payment_failure_rate: 0.1,
	generation_failure_rate: 0.05,
	sms_failure_rate: 0.05,
	api_p95: 3_000,
};

function rate(name: AlertName, failed: number, total: number): Alert {
	const value = total > 0 ? failed / total : 0;
	return { name, value, threshold: ALERT_THRESHOLDS[name], sample: total, firing: value > ALERT_THRESHOLDS[name] };
}

/**
 * Payment failures of portrait jobs (payment_failures with a `ptj_` reference, which P1's
 * receivers write) against themselves plus the jobs paid in the window.
 */
async function paymentFailureRate(db: Db, since: string): Promise<Alert> {
	const [[failures], [paid]] = await Promise.all([
		db
			.select({ n: count() })
			.from(paymentFailures)
			.where(and(sql`substr(${paymentFailures.reference}, 1, 4) = 'ptj_'`, gte(paymentFailures.createdAt, since))),
		db
			.select({ n: count() })
			.from(portraitJobs)
			.where(and(isNotNull(portraitJobs.paidAt), gte(portraitJobs.paidAt, since))),
	]);
	const failed = failures?.n ?? 0;
	return rate("payment_failure_rate", failed, failed + (paid?.n ?? 0));
}

/** Jobs that failed making their portraits or report, against those that finished processing (completed or failed so) in the window. */
async function generationFailureRate(db: Db, since: string): Promise<Alert> {
	const [row] = await db
		.select({
			failed: sql<number>`sum(case when ${portraitJobs.status} = 'failed' and ${portraitJobs.failureReason} in ('generation_failed', 'report_failed') and ${portraitJobs.failedAt} >= ${since} then 1 else 0 end)`,
			completed: sql<number>`sum(case when ${portraitJobs.completedAt} >= ${since} then 1 else 0 end)`,
		})
		.from(portraitJobs)
		.where(inArray(portraitJobs.status, ["completed", "failed"]));
	const failed = Number(row?.failed ?? 0);
	return rate("generation_failure_rate", failed, failed + Number(row?.completed ?? 0));
}

/** Failed SMS attempts against all attempts in the window (every attempt is a row of sms_logs). */
async function smsFailureRate(db: Db, since: string): Promise<Alert> {
	const [row] = await db
		.select({ total: count(), failed: sql<number>`sum(case when ${smsLogs.outcome} = 'failed' then 1 else 0 end)` })
		.from(smsLogs)
		.where(gte(smsLogs.createdAt, since));
	return rate("sms_failure_rate", Number(row?.failed ?? 0), row?.total ?? 0);
}

/** The 95th percentile (nearest rank) of the portrait API's request durations in the window. */
async function apiP95(db: Db, since: string): Promise<Alert> {
	const [total] = await db.select({ n: count() }).from(portraitApiTimings).where(gte(portraitApiTimings.at, since));
	const n = total?.n ?? 0;
	let value = 0;
	if (n > 0) {
		const [row] = await db
			.select({ ms: portraitApiTimings.durationMs })
			.from(portraitApiTimings)
			.where(gte(portraitApiTimings.at, since))
			.orderBy(asc(portraitApiTimings.durationMs))
			.limit(1)
			.offset(Math.ceil(0.95 * n) - 1);
		value = row?.ms ?? 0;
	}
	return { name: "api_p95", value, threshold: ALERT_THRESHOLDS.api_p95, sample: n, firing: value > ALERT_THRESHOLDS.api_p95 };
}

/** Every alert over the 24 hours before `now`. */
export async function portraitAlerts(db: Db, now: Date): Promise<Alert[]> {
	const since = new Date(now.getTime() - ALERT_WINDOW_MS).toISOString();
	return Promise.all([paymentFailureRate(db, since), generationFailureRate(db, since), smsFailureRate(db, since), apiP95(db, since)]);
}
