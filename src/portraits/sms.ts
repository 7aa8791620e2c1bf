import { and, asc, eq, isNull, lt, or } from "drizzle-orm";
import type { Db } from "../db/client";
import { portraitJobs, smsLogs } from "../db/schema";
import { createFormatter } from "../i18n/format";
import { errorMessage, log } from "../lib/log";
import type { SmsPurpose } from "../shared/portraits";
import type { SmsResult } from "../sms/types";
import type { PortraitDeps } from "./deps";
import type { PortraitJob } from "./jobs";
import { maskedPhone, nationalNumber } from "./phone";
import { openPhone } from "./phone-seal";
import type { PortraitHandler } from "./queue";

/** Four attempts in all: the first and three retries, 5 s, 10 s and 20 s after the failures. */
export const SMS_MAX_ATTEMPTS = 4;
const BACKOFF_SECONDS = [5, 10, 20] as const;
/** How long one delivery holds the right to send (CoolSMS times out after 10 s); a crashed holder's lease runs out. */
const LEASE_MS = 60_000;

/** The "ready" SMS, exactly the seed's text (issue 15, step 7). */
export function portraitSmsText(resultUrl: string): string {
	return `[Find My Rizz]\n나의 리즈 사진이 완성되었습니다!\n아래 링크에서 24시간 내에 확인하세요.\n${resultUrl}\n\n※ 24시간 후 자동 삭제됩니다.`;
}

/** The refund SMS of a paid job that failed: short, in Korean, naming the amount refunded. */
export function portraitRefundSmsText(priceMinor: number, currency: string): string {
	const amount = createFormatter("ko", "Asia/Seoul").money(priceMinor, currency);
	return `[Find My Rizz]\n주문하신 리즈 사진을 준비하지 못해 결제 금액(${amount})을 환불했습니다.\n불편을 드려 죄송합니다.`;
}

/** The result page of a job, the link of the "ready" SMS. */
export function portraitResultUrl(baseUrl: string, jobId: string): string {
	return `${baseUrl}/result/${jobId}`;
}

/**
 * Which SMS the job is owed, if any: the result link once it is completed, or the refund news
 * once a paid job failed and was refunded. A deleted job, one whose SMS went out, and one given
 * up on are owed nothing.
 */
export function owedSmsPurpose(job: PortraitJob): SmsPurpose | null {
	if (job.deletedAt || job.smsGaveUpAt) return null;
	if (job.status === "completed" && !job.smsSentAt) return "portrait_ready";
	if (job.status === "failed" && job.refundedAt && !job.refundSmsSentAt) return "portrait_refunded";
	return null;
}

function smsText(deps: PortraitDeps, job: PortraitJob, purpose: SmsPurpose): string {
	return purpose === "portrait_ready" ? portraitSmsText(portraitResultUrl(deps.config.baseUrl, job.id)) : portraitRefundSmsText(job.priceCents, job.currency);
}

function newSmsLogId(): string {
	return `sml_${crypto.randomUUID().replaceAll("-", "")}`;
}

function attemptsOf(db: Db, jobId: string, purpose: SmsPurpose) {
	return db
		.select({ outcome: smsLogs.outcome, attempt: smsLogs.attempt })
		.from(smsLogs)
		.where(and(eq(smsLogs.jobId, jobId), eq(smsLogs.purpose, purpose)))
		.orderBy(asc(smsLogs.attempt));
}

/**
 * Takes the job's SMS lease with one conditional UPDATE, returning the fresh row; undefined while
 * another delivery holds it. Two messages for one job (a redelivery, a second enqueue) never
 * send twice: only the holder sends, and it re-reads the attempts after taking the lease.
 */
async function takeLease(deps: PortraitDeps, jobId: string): Promise<PortraitJob | undefined> {
	const now = deps.now();
	const [job] = await deps.db
		.update(portraitJobs)
		.set({ smsLeaseUntil: new Date(now.getTime() + LEASE_MS).toISOString() })
		.where(and(eq(portraitJobs.id, jobId), or(isNull(portraitJobs.smsLeaseUntil), lt(portraitJobs.smsLeaseUntil, now.toISOString()))))
		.returning();
	return job;
}

/** Seconds until the current holder's lease runs out (at least 1). */
async function leaseLeftSeconds(deps: PortraitDeps, jobId: string): Promise<number> {
	const row = await deps.db.query.portraitJobs.findFirst({ columns: { smsLeaseUntil: true }, where: eq(portraitJobs.id, jobId) });
	const until = row?.smsLeaseUntil ? Date.parse(row.smsLeaseUntil) : 0;
	return Math.max(1, Math.ceil((until - deps.now().getTime()) / 1000));
}

type Attempt = {
	job: PortraitJob;
	purpose: SmsPurpose;
	attempt: number;
	provider: string;
	recipientMasked: string;
	body: string;
};

function attemptRow(deps: PortraitDeps, a: Attempt, result: SmsResult) {
	return deps.db.insert(smsLogs).values({
		id: newSmsLogId(),
		jobId: a.job.id,
		purpose: a.purpose,
		provider: a.provider,
		recipientMasked: a.recipientMasked,
		body: a.body,
		attempt: a.attempt,
		outcome: result.ok ? "accepted" : "failed",
		providerMessageId: result.ok ? result.messageId : null,
		error: result.ok ? null : result.error,
		createdAt: deps.now().toISOString(),
	});
}

/** Accepted: the SMS is marked sent and the sealed number dropped (the hash stays, for the result page's check). */
function markSent(deps: PortraitDeps, jobId: string, purpose: SmsPurpose) {
	const at = deps.now().toISOString();
	return deps.db
		.update(portraitJobs)
		.set({
			...(purpose === "portrait_ready" ? { smsSentAt: at } : { refundSmsSentAt: at }),
			phoneCiphertext: null,
			phoneKeyId: null,
			smsLeaseUntil: null,
		})
		.where(eq(portraitJobs.id, jobId));
}

function markGivenUp(deps: PortraitDeps, jobId: string) {
	return deps.db.update(portraitJobs).set({ smsGaveUpAt: deps.now().toISOString(), smsLeaseUntil: null }).where(eq(portraitJobs.id, jobId));
}

function releaseLease(deps: PortraitDeps, jobId: string) {
	return deps.db.update(portraitJobs).set({ smsLeaseUntil: null }).where(eq(portraitJobs.id, jobId));
}

/** Records an attempt and moves the job on, in one batch: the row and the job never disagree. */
async function settle(deps: PortraitDeps, a: Attempt, result: SmsResult): Promise<"done" | { retryInSeconds: number }> {
	const fields = { jobId: a.job.id, purpose: a.purpose, provider: a.provider, attempt: a.attempt };
	if (result.ok) {
		await deps.db.batch([attemptRow(deps, a, result), markSent(deps, a.job.id, a.purpose)]);
		log("info", "portrait sms accepted", { ...fields, messageId: result.messageId });
		return "done";
	}
	const backoff = BACKOFF_SECONDS[a.attempt - 1];
	if (result.retryable && a.attempt < SMS_MAX_ATTEMPTS && backoff !== undefined) {
		await deps.db.batch([attemptRow(deps, a, result), releaseLease(deps, a.job.id)]);
		log("warn", "portrait sms failed, will retry", { ...fields, error: result.error, retryInSeconds: backoff });
		return { retryInSeconds: backoff };
	}
	// Given up: the job stays completed (or failed), the admin's SMS failure rate shows it.
	await deps.db.batch([attemptRow(deps, a, result), markGivenUp(deps, a.job.id)]);
	log("error", "portrait sms given up", { ...fields, error: result.error, retryable: result.retryable });
	return "done";
}

/** Sends the SMS the job is owed, holding the lease; every attempt becomes one sms_logs row. */
async function sendOwed(deps: PortraitDeps, job: PortraitJob, purpose: SmsPurpose): Promise<"done" | { retryInSeconds: number }> {
	const rows = await attemptsOf(deps.db, job.id, purpose);
	// An accepted attempt is never repeated, whatever the job row says.
	if (rows.some((row) => row.outcome === "accepted")) {
		await markSent(deps, job.id, purpose);
		return "done";
	}
	if (rows.length >= SMS_MAX_ATTEMPTS) {
		await markGivenUp(deps, job.id);
		return "done";
	}
	const body = smsText(deps, job, purpose);
	const base = { job, purpose, attempt: rows.length + 1, provider: deps.sms.name, body };
	if (!job.phoneCiphertext || !job.phoneKeyId) {
		// A refund for a job that never reached the phone step: nobody to tell by SMS.
		if (purpose === "portrait_refunded") {
			await releaseLease(deps, job.id);
			return "done";
		}
		return settle(deps, { ...base, recipientMasked: maskedPhone(job.phoneLast4) }, { ok: false, retryable: false, error: "no number on file" });
	}
	const e164 = await openPhone(deps.keys.phoneSeal, { ciphertext: job.phoneCiphertext, kid: job.phoneKeyId }, job.id);
	if (!e164) {
		return settle(
			deps,
			{ ...base, recipientMasked: maskedPhone(job.phoneLast4) },
			{ ok: false, retryable: false, error: "the sealed number could not be opened" },
		);
	}
	const to = nationalNumber(e164);
	const attempt: Attempt = { ...base, recipientMasked: maskedPhone(job.phoneLast4, to.slice(0, 3)) };
	let result: SmsResult;
	try {
		result = await deps.sms.send({ to, text: body });
	} catch (err) {
		result = { ok: false, retryable: true, error: `provider failed: ${errorMessage(err)}` };
	}
	return settle(deps, attempt, result);
}

/**
 * The `sms` message of PORTRAIT_QUEUE: sends the SMS a job is owed (the result link once it is
 * completed, the refund news once a paid job failed), retried with backoff through the queue.
 * Idempotent: deliveries of one job take a lease, and an accepted attempt in sms_logs (or the
 * job's sent time) ends every later delivery without sending.
 */
export const smsHandler: PortraitHandler = {
	async run(deps, jobId) {
		const current = await deps.db.query.portraitJobs.findFirst({ where: eq(portraitJobs.id, jobId) });
		if (!current || !owedSmsPurpose(current)) return "done";
		const job = await takeLease(deps, jobId);
		if (!job) return { retryInSeconds: await leaseLeftSeconds(deps, jobId) };
		// Re-read under the lease: another delivery may have sent it since.
		const purpose = owedSmsPurpose(job);
		if (!purpose) {
			await releaseLease(deps, jobId);
			return "done";
		}
		return sendOwed(deps, job, purpose);
	},
	/** The queue gave up (the bookkeeping kept failing): the SMS is recorded as failed, never silently lost. */
	async deadLettered(deps, jobId) {
		const job = await deps.db.query.portraitJobs.findFirst({ where: eq(portraitJobs.id, jobId) });
		const purpose = job ? owedSmsPurpose(job) : null;
		if (!job || !purpose) return;
		const rows = await attemptsOf(deps.db, jobId, purpose);
		if (rows.some((row) => row.outcome === "accepted")) return;
		if (rows.length === 0) {
			const attempt: Attempt = {
				job,
				purpose,
				attempt: 1,
				provider: deps.sms.name,
				recipientMasked: maskedPhone(job.phoneLast4),
				body: smsText(deps, job, purpose),
			};
			const failure: SmsResult = { ok: false, retryable: false, error: "dead-lettered: the queue gave up on this SMS" };
			await deps.db.batch([attemptRow(deps, attempt, failure), markGivenUp(deps, jobId)]);
		} else {
			await markGivenUp(deps, jobId);
		}
		log("error", "portrait sms dead-lettered", { jobId, purpose, attempts: rows.length });
	},
};
