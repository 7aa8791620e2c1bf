import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { Locale } from "../shared/locale";
import type { PortraitFailureReason, PortraitStatus, SmsPurpose } from "../shared/portraits";

/** ISO 8601 UTC time, as in schema.ts. */
const isoNow = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/**
 * A paid portrait job (docs/portraits.md). Every personal column (the phone, the photo key, the
 * report, the GPU jobs that saw the photo) is nulled by the deletion 24 hours after creation;
 * what stays is a tombstone (id, times, status) and the payment record accounting needs.
 */
export const portraitJobs = sqliteTable(
	"portrait_jobs",
	{
		/** `ptj_` and 32 random hex digits (122 random bits). */
		id: text("id").primaryKey(),
		status: text("status").$type<PortraitStatus>().notNull().default("pending_payment"),
		failureReason: text("failure_reason").$type<PortraitFailureReason>(),
		/** SHA-256 of the job key, shown once at creation (like an order key). */
		keyHash: text("key_hash").notNull(),
		locale: text("locale").$type<Locale>().notNull().default("ko"),
		priceCents: integer("price_cents").notNull(),
		currency: text("currency").notNull(),
		/** The payment record, kept after deletion for accounting (no personal data). */
		provider: text("provider").notNull(),
		checkoutSessionId: text("checkout_session_id"),
		paymentIntentId: text("payment_intent_id"),
		paidAt: text("paid_at"),
		/** Set once the automatic (or provider-side) refund is recorded: a job is refunded at most once. */
		refundedAt: text("refunded_at"),
		refundId: text("refund_id"),
		/** AES-GCM ciphertext of the E.164 number (base64url, IV first) and the key id that sealed it; nulled once the SMS is accepted. */
		phoneCiphertext: text("phone_ciphertext"),
		phoneKeyId: text("phone_key_id"),
		/** Keyed hash (HMAC-SHA256) of the E.164 number, to verify the person on the result page. */
		phoneHash: text("phone_hash"),
		/** The last four digits, for the masked number in the admin (`010-****-5678`). */
		phoneLast4: text("phone_last4"),
		/** R2 key of the uploaded photo, metadata stripped. */
		photoKey: text("photo_key"),
		/** The gateway jobs of this portrait: `portrait.generate`, then `llm.text`. */
		portraitJobId: text("portrait_gpu_job_id"),
		reportJobId: text("report_gpu_job_id"),
		/** How many times each step was submitted (retries up to 3). */
		portraitAttempts: integer("portrait_attempts").notNull().default(0),
		reportAttempts: integer("report_attempts").notNull().default(0),
		/** When the next retry of the current step may be submitted (backoff 5 s, 10 s, 20 s). */
		retryAt: text("retry_at"),
		/** The report (PortraitReport JSON) and who wrote it: `llm` or `template`. */
		report: text("report"),
		reportWriter: text("report_writer"),
		progressPercent: integer("progress_percent").notNull().default(0),
		progressStep: text("progress_step"),
		createdAt: text("created_at").notNull().default(isoNow),
		/** created_at + 24 h: everything personal is deleted then. */
		expiresAt: text("expires_at").notNull(),
		uploadedAt: text("uploaded_at"),
		completedAt: text("completed_at"),
		failedAt: text("failed_at"),
		smsSentAt: text("sms_sent_at"),
		/** When the refund SMS of a failed, refunded job was accepted (at most one per job). */
		refundSmsSentAt: text("refund_sms_sent_at"),
		/** When sending the job's SMS was given up (a refusal that cannot be retried, or every retry spent). */
		smsGaveUpAt: text("sms_gave_up_at"),
		/** Until when one consumer holds the right to send the job's SMS: two deliveries never send it twice. */
		smsLeaseUntil: text("sms_lease_until"),
		/** When the deletion queue took the job, and when it finished (the tombstone's "deleted"). */
		deletionQueuedAt: text("deletion_queued_at"),
		deletedAt: text("deleted_at"),
		deletionAttempts: integer("deletion_attempts").notNull().default(0),
		deletionError: text("deletion_error"),
	},
	(t) => [
		index("portrait_jobs_status_created").on(t.status, t.createdAt),
		index("portrait_jobs_expires").on(t.deletedAt, t.expiresAt),
		index("portrait_jobs_checkout_session").on(t.checkoutSessionId),
		index("portrait_jobs_payment_intent").on(t.paymentIntentId),
		index("portrait_jobs_portrait_gpu_job").on(t.portraitJobId),
		index("portrait_jobs_report_gpu_job").on(t.reportJobId),
	],
);

/** The three portraits of a job; R2 keys carry a random part, so file names cannot be guessed. */
export const portraitImages = sqliteTable(
	"portrait_images",
	{
		jobId: text("job_id")
			.notNull()
			.references(() => portraitJobs.id, { onDelete: "cascade" }),
		position: integer("position").notNull(),
		r2Key: text("r2_key").notNull(),
		contentType: text("content_type").notNull(),
		size: integer("size").notNull(),
		seed: integer("seed"),
	},
	(t) => [primaryKey({ columns: [t.jobId, t.position] }), check("portrait_images_position", sql`${t.position} BETWEEN 0 AND 2`)],
);

/** Care methods the report may recommend, seeded by migration; codes like `SC003`, `P007`. */
export const knowledgeBase = sqliteTable("knowledge_base", {
	code: text("code").primaryKey(),
	area: text("area").notNull(),
	nameKo: text("name_ko").notNull(),
	nameEn: text("name_en").notNull(),
	descriptionKo: text("description_ko").notNull(),
	descriptionEn: text("description_en").notNull(),
	/** Cost range in KRW. */
	costMin: integer("cost_min").notNull(),
	costMax: integer("cost_max").notNull(),
});

/** The knowledge-base entries a job's report recommended (unknown codes are dropped and logged). */
export const portraitRecommendations = sqliteTable(
	"portrait_recommendations",
	{
		jobId: text("job_id")
			.notNull()
			.references(() => portraitJobs.id, { onDelete: "cascade" }),
		code: text("code")
			.notNull()
			.references(() => knowledgeBase.code, { onDelete: "restrict" }),
		position: integer("position").notNull(),
	},
	(t) => [primaryKey({ columns: [t.jobId, t.code] })],
);

/**
 * Every SMS send attempt with its outcome. The number is kept only masked (`010-****-5678`) and
 * nulled with the job's deletion; the body holds the result link, nothing personal.
 */
export const smsLogs = sqliteTable(
	"sms_logs",
	{
		id: text("id").primaryKey(),
		jobId: text("job_id"),
		purpose: text("purpose").$type<SmsPurpose>().notNull(),
		provider: text("provider").notNull(),
		recipientMasked: text("recipient_masked"),
		body: text("body").notNull(),
		attempt: integer("attempt").notNull(),
		outcome: text("outcome").$type<"accepted" | "failed">().notNull(),
		providerMessageId: text("provider_message_id"),
		error: text("error"),
		createdAt: text("created_at").notNull().default(isoNow),
	},
	(t) => [index("sms_logs_job").on(t.jobId, t.attempt), index("sms_logs_created").on(t.createdAt)],
);

/** One survey answer per job; the comment is personal and deleted with the job, the rating stays for the aggregate. */
export const portraitSurveys = sqliteTable("portrait_surveys", {
	jobId: text("job_id")
		.primaryKey()
		.references(() => portraitJobs.id, { onDelete: "cascade" }),
	rating: integer("rating").notNull(),
	comment: text("comment"),
	createdAt: text("created_at").notNull().default(isoNow),
});

/** Payment failures the providers report, with their reason, for every payable. */
export const paymentFailures = sqliteTable(
	"payment_failures",
	{
		id: text("id").primaryKey(),
		/** The payable's reference (`ord_…`, `cp_…`, `ptj_…`). */
		reference: text("reference").notNull(),
		provider: text("provider").notNull(),
		/** The provider's own id of the event or payment, so a redelivery records nothing twice. */
		providerEventId: text("provider_event_id").notNull().unique(),
		reason: text("reason").notNull(),
		createdAt: text("created_at").notNull().default(isoNow),
	},
	(t) => [index("payment_failures_reference").on(t.reference), index("payment_failures_created").on(t.createdAt)],
);

/** Durations of the portrait API's requests over the last day, for the p95 alert. */
export const portraitApiTimings = sqliteTable(
	"portrait_api_timings",
	{
		id: integer("id").primaryKey({ autoIncrement: true }),
		route: text("route").notNull(),
		status: integer("status").notNull(),
		durationMs: integer("duration_ms").notNull(),
		at: text("at").notNull(),
	},
	(t) => [index("portrait_api_timings_at").on(t.at)],
);
