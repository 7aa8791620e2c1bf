import { and, desc, gte, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { portraitJobs, portraitSurveys, smsLogs } from "../db/schema";
import type { PortraitFailureReason, PortraitStatus, SmsPurpose } from "../shared/portraits";
import { type Alert, portraitAlerts } from "./alerts";
import { type Funnel, portraitFunnel } from "./funnel";
import { maskedPhone } from "./phone";
import { DELETION_OVERDUE_MS } from "./sweep";

/** Where a job's deletion stands: not due yet, handed to the queue, done, or in trouble (overdue or failed: red on the page). */
export type DeletionState = "scheduled" | "queued" | "deleted" | "overdue" | "failed";

/** A job as the admin sees it: the number masked (`010-****-5678`), never the report, photo or comment. */
export type AdminPortraitJob = {
	id: string;
	status: PortraitStatus;
	failureReason: PortraitFailureReason | null;
	phone: string;
	createdAt: string;
	expiresAt: string;
	paidAt: string | null;
	smsSentAt: string | null;
	deletedAt: string | null;
	deletion: DeletionState;
	deletionAttempts: number;
	deletionError: string | null;
};

export type AdminSmsLine = {
	createdAt: string;
	jobId: string | null;
	purpose: SmsPurpose;
	provider: string;
	recipient: string;
	attempt: number;
	outcome: "accepted" | "failed";
	error: string | null;
};

export type SurveySummary = { answers: number; average: number | null; byRating: Record<1 | 2 | 3 | 4 | 5, number> };

export type PortraitsOverview = {
	from: string;
	to: string;
	funnel: Funnel;
	alerts: Alert[];
	jobs: AdminPortraitJob[];
	deletionProblems: AdminPortraitJob[];
	sms: AdminSmsLine[];
	survey: SurveySummary;
};

/** Rows of each list on the page. */
export const OVERVIEW_ROWS = 50;

const JOB_COLUMNS = {
	id: portraitJobs.id,
	status: portraitJobs.status,
	failureReason: portraitJobs.failureReason,
	phoneLast4: portraitJobs.phoneLast4,
	createdAt: portraitJobs.createdAt,
	expiresAt: portraitJobs.expiresAt,
	paidAt: portraitJobs.paidAt,
	smsSentAt: portraitJobs.smsSentAt,
	deletedAt: portraitJobs.deletedAt,
	deletionQueuedAt: portraitJobs.deletionQueuedAt,
	deletionAttempts: portraitJobs.deletionAttempts,
	deletionError: portraitJobs.deletionError,
};

type JobRow = {
	id: string;
	status: PortraitStatus;
	failureReason: PortraitFailureReason | null;
	phoneLast4: string | null;
	createdAt: string;
	expiresAt: string;
	paidAt: string | null;
	smsSentAt: string | null;
	deletedAt: string | null;
	deletionQueuedAt: string | null;
	deletionAttempts: number;
	deletionError: string | null;
};

/** The deletion state of a job at `now`. */
export function deletionState(job: Pick<JobRow, "deletedAt" | "deletionError" | "expiresAt" | "deletionQueuedAt">, now: Date): DeletionState {
	if (job.deletedAt) return "deleted";
	if (job.deletionError) return "failed";
	if (Date.parse(job.expiresAt) + DELETION_OVERDUE_MS < now.getTime()) return "overdue";
	return job.deletionQueuedAt ? "queued" : "scheduled";
}

function adminJob(row: JobRow, now: Date): AdminPortraitJob {
	const { phoneLast4, deletionQueuedAt: _queued, ...rest } = row;
	return { ...rest, phone: maskedPhone(phoneLast4), deletion: deletionState(row, now) };
}

/** Everything /admin/portraits shows, for jobs created in [from, to); the alerts always over the 24 hours before `now`. */
export async function portraitsOverview(db: Db, from: Date, to: Date, now: Date): Promise<PortraitsOverview> {
	const inPeriod = and(gte(portraitJobs.createdAt, from.toISOString()), lt(portraitJobs.createdAt, to.toISOString()));
	const overdueBefore = new Date(now.getTime() - DELETION_OVERDUE_MS).toISOString();
	const [funnel, alerts, jobs, problems, sms, survey] = await Promise.all([
		portraitFunnel(db, from, to),
		portraitAlerts(db, now),
		db.select(JOB_COLUMNS).from(portraitJobs).where(inPeriod).orderBy(desc(portraitJobs.createdAt)).limit(OVERVIEW_ROWS),
		// Whatever the period: every deletion in trouble stays on the page until it is done.
		db
			.select(JOB_COLUMNS)
			.from(portraitJobs)
			.where(and(isNull(portraitJobs.deletedAt), or(isNotNull(portraitJobs.deletionError), lt(portraitJobs.expiresAt, overdueBefore))))
			// Failed deletions first (they need a person), then the most overdue.
			.orderBy(sql`${portraitJobs.deletionError} is null`, portraitJobs.expiresAt)
			.limit(OVERVIEW_ROWS),
		db
			.select({
				createdAt: smsLogs.createdAt,
				jobId: smsLogs.jobId,
				purpose: smsLogs.purpose,
				provider: smsLogs.provider,
				recipient: smsLogs.recipientMasked,
				attempt: smsLogs.attempt,
				outcome: smsLogs.outcome,
				error: smsLogs.error,
			})
			.from(smsLogs)
			.where(and(gte(smsLogs.createdAt, from.toISOString()), lt(smsLogs.createdAt, to.toISOString())))
			.orderBy(desc(smsLogs.createdAt))
			.limit(OVERVIEW_ROWS),
		db
			.select({ rating: portraitSurveys.rating, n: sql<number>`count(*)` })
			.from(portraitSurveys)
			.where(and(gte(portraitSurveys.createdAt, from.toISOString()), lt(portraitSurveys.createdAt, to.toISOString())))
			.groupBy(portraitSurveys.rating),
	]);
	const byRating: SurveySummary["byRating"] = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
	let answers = 0;
	let total = 0;
	for (const row of survey) {
		const n = Number(row.n);
		if (row.rating >= 1 && row.rating <= 5) byRating[row.rating as 1 | 2 | 3 | 4 | 5] = n;
		answers += n;
		total += n * row.rating;
	}
	return {
		from: from.toISOString(),
		to: to.toISOString(),
		funnel,
		alerts,
		jobs: jobs.map((row) => adminJob(row, now)),
		deletionProblems: problems.map((row) => adminJob(row, now)),
		sms: sms.map((line) => ({ ...line, recipient: line.recipient ?? "—" })),
		survey: { answers, average: answers > 0 ? total / answers : null, byRating },
	};
}
