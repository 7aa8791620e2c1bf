import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { GrantStatus, OrderStatus } from "../shared/commerce";
import type { GpuJobStatus } from "../shared/gpu-jobs";
import type { Locale } from "../shared/locale";
import type { PipelineStage, ProductKind, ProductStatus } from "../shared/product";
import type { StylePackLicense } from "../shared/style-packs";
import type {
	ArtistApplicationStatus,
	CreditMovementKind,
	CreditPurchaseStatus,
	GenerationStatus,
	GenerationVisibility,
	NotificationKind,
	StyleStatus,
	UserRole,
	UserStatus,
} from "../shared/styles";

/** ISO 8601 UTC time, the one time format of the ledger and the API. */
const isoNow = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/**
 * A product and the state of its current version. The pipeline moves `status` with
 * conditional updates; `pending_stage`/`pending_attempt` name the one stage message that may
 * act next, and `lease_token`/`lease_until` keep two deliveries of it from running at once.
 */
export const products = sqliteTable(
	"products",
	{
		id: text("id").primaryKey(),
		slug: text("slug").notNull(),
		title: text("title").notNull(),
		topic: text("topic").notNull(),
		description: text("description").notNull().default(""),
		/**
		 * The languages the product's package holds, comma-separated, primary first ("ko,en"). One
		 * product per topic with a version per language: a buyer gets every language it lists.
		 */
		languages: text("languages").notNull().default("en"),
		/**
		 * Title and description of each language version (JSON `{"en": {"title", "description"}}`),
		 * written by the generate stage; the storefront shows the reader's. Null before that.
		 */
		texts: text("texts"),
		kind: text("kind").$type<ProductKind>().notNull(),
		status: text("status").$type<ProductStatus>().notNull(),
		version: integer("version").notNull().default(1),
		priceCents: integer("price_cents").notNull(),
		currency: text("currency").notNull(),
		downloadLimit: integer("download_limit").notNull(),
		linkTtlSeconds: integer("link_ttl_seconds").notNull(),
		accessDays: integer("access_days"),
		qualityScore: integer("quality_score"),
		/** How many generations the current version has had (QA1 may ask for more). */
		generationCount: integer("generation_count").notNull().default(0),
		/** The last generation number QA1 may ask for before the product fails QA1. */
		maxGeneration: integer("max_generation").notNull().default(3),
		/** How many times the current version has been packaged. */
		packageCount: integer("package_count").notNull().default(0),
		pendingStage: text("pending_stage").$type<PipelineStage>(),
		pendingAttempt: integer("pending_attempt").notNull().default(0),
		leaseToken: text("lease_token"),
		leaseUntil: integer("lease_until"),
		/** The stage a retry restarts from, set when the pipeline stops on a failure. */
		failedStage: text("failed_stage").$type<PipelineStage>(),
		lastError: text("last_error"),
		createdAt: text("created_at").notNull().default(isoNow),
		updatedAt: text("updated_at").notNull().default(isoNow),
		publishedAt: text("published_at"),
	},
	(t) => [
		uniqueIndex("products_slug_unique").on(t.slug),
		index("products_status_created").on(t.status, t.createdAt),
		index("products_created").on(t.createdAt, t.id),
	],
);

/** One row per generated version of a product: who generated it and how often. */
export const productVersions = sqliteTable(
	"product_versions",
	{
		productId: text("product_id")
			.notNull()
			.references(() => products.id),
		version: integer("version").notNull(),
		generator: text("generator"),
		generationCount: integer("generation_count").notNull().default(0),
		createdAt: text("created_at").notNull().default(isoNow),
		updatedAt: text("updated_at").notNull().default(isoNow),
	},
	(t) => [primaryKey({ columns: [t.productId, t.version] })],
);

/** The files of one generation of a product version, as stored in R2. */
export const productFiles = sqliteTable(
	"product_files",
	{
		productId: text("product_id")
			.notNull()
			.references(() => products.id),
		version: integer("version").notNull(),
		generation: integer("generation").notNull(),
		path: text("path").notNull(),
		r2Key: text("r2_key").notNull(),
		size: integer("size").notNull(),
		sha256: text("sha256").notNull(),
		contentType: text("content_type").notNull(),
	},
	(t) => [primaryKey({ columns: [t.productId, t.version, t.generation, t.path] })],
);

/** The packaged ZIP of a product version. */
export const packages = sqliteTable(
	"packages",
	{
		productId: text("product_id")
			.notNull()
			.references(() => products.id),
		version: integer("version").notNull(),
		r2Key: text("r2_key").notNull(),
		size: integer("size").notNull(),
		sha256: text("sha256").notNull(),
		/** The manifest.json written into the ZIP, as JSON text. */
		manifest: text("manifest").notNull(),
		createdAt: text("created_at").notNull().default(isoNow),
	},
	(t) => [primaryKey({ columns: [t.productId, t.version] })],
);

/** A gate's verdict. `attempt` makes a redelivered stage unable to write a second report. */
export const qaReports = sqliteTable(
	"qa_reports",
	{
		id: text("id").primaryKey(),
		productId: text("product_id")
			.notNull()
			.references(() => products.id),
		version: integer("version").notNull(),
		stage: integer("stage").$type<1 | 2>().notNull(),
		attempt: integer("attempt").notNull(),
		passed: integer("passed", { mode: "boolean" }).notNull(),
		score: integer("score").notNull(),
		/** {functional, structural, technical, productization, content_fit} as JSON text. */
		dimensions: text("dimensions").notNull(),
		/** [{name, passed, detail, ...}] as JSON text. */
		checks: text("checks").notNull(),
		/** The LLM judge's answers (QA1 with an LLM configured), as JSON text; null without a judge. */
		judge: text("judge"),
		createdAt: text("created_at").notNull().default(isoNow),
	},
	(t) => [uniqueIndex("qa_reports_unique_run").on(t.productId, t.version, t.stage, t.attempt)],
);

/**
 * The MinHash signature of a product's guide paragraphs, one per product and language version,
 * written when QA1 passes. QA1 compares a new product against these rows instead of re-reading
 * the catalog's files (src/pipeline/qa/similarity.ts).
 */
export const contentSignatures = sqliteTable(
	"content_signatures",
	{
		productId: text("product_id")
			.notNull()
			.references(() => products.id),
		language: text("language").$type<Locale>().notNull(),
		version: integer("version").notNull(),
		generation: integer("generation").notNull(),
		/** The MinHash values as lowercase hex, 8 characters per hash. */
		signature: text("signature").notNull(),
		/** How many distinct shingles the signature summarises (0: too little text to compare). */
		shingles: integer("shingles").notNull(),
		createdAt: text("created_at").notNull(),
	},
	(t) => [primaryKey({ columns: [t.productId, t.language] })],
);

/** Every run of a pipeline stage, with its outcome: no failure is silent. */
export const stageRuns = sqliteTable(
	"stage_runs",
	{
		id: text("id").primaryKey(),
		productId: text("product_id")
			.notNull()
			.references(() => products.id),
		version: integer("version").notNull(),
		stage: text("stage").$type<PipelineStage>().notNull(),
		attempt: integer("attempt").notNull(),
		/** Queue delivery number of the message that ran this stage (1 = first delivery). */
		delivery: integer("delivery").notNull(),
		outcome: text("outcome").$type<"running" | "succeeded" | "failed" | "error" | "dead_lettered">().notNull(),
		error: text("error"),
		startedAt: text("started_at").notNull(),
		finishedAt: text("finished_at"),
	},
	(t) => [index("stage_runs_product").on(t.productId, t.startedAt)],
);

/** Every publish and unpublish, in order. Append-only. */
export const publishHistory = sqliteTable(
	"publish_history",
	{
		id: text("id").primaryKey(),
		productId: text("product_id")
			.notNull()
			.references(() => products.id),
		version: integer("version").notNull(),
		action: text("action").$type<"PUBLISHED" | "UNPUBLISHED">().notNull(),
		reason: text("reason"),
		createdAt: text("created_at").notNull(),
	},
	(t) => [index("publish_history_product").on(t.productId, t.createdAt)],
);

/**
 * A buyer's order. `order_key_hash` is the SHA-256 of the secret order key that lets the buyer
 * read the order; the key itself is never stored. Money is in minor units.
 */
export const orders = sqliteTable(
	"orders",
	{
		id: text("id").primaryKey(),
		orderKeyHash: text("order_key_hash").notNull(),
		email: text("email").notNull(),
		status: text("status").$type<OrderStatus>().notNull(),
		provider: text("provider").notNull(),
		checkoutSessionId: text("checkout_session_id"),
		paymentIntentId: text("payment_intent_id"),
		amountCents: integer("amount_cents").notNull(),
		currency: text("currency").notNull(),
		/** The language the buyer checked out in: receipts and other mails about the order use it. */
		locale: text("locale").$type<Locale>().notNull().default("en"),
		/** The consent to immediate delivery of digital content, word for word, and when. */
		consentText: text("consent_text"),
		consentAt: text("consent_at"),
		createdAt: text("created_at").notNull(),
		updatedAt: text("updated_at").notNull(),
		/** An order still PENDING after this time expires. */
		expiresAt: text("expires_at").notNull(),
		paidAt: text("paid_at"),
		fulfilledAt: text("fulfilled_at"),
		refundedAt: text("refunded_at"),
		disputedAt: text("disputed_at"),
		receiptSentAt: text("receipt_sent_at"),
	},
	(t) => [
		uniqueIndex("orders_checkout_session_unique").on(t.checkoutSessionId),
		index("orders_payment_intent").on(t.paymentIntentId),
		index("orders_status_expires").on(t.status, t.expiresAt),
		index("orders_created").on(t.createdAt, t.id),
	],
);

/**
 * More keys of an order, besides the one its checkout returned (`orders.order_key_hash`): a mail
 * that links to the order page gets a fresh random key, and only its SHA-256 is stored here.
 * Keys depend on no secret, so rotating DOWNLOAD_TOKEN_SECRET never breaks a buyer's link.
 */
export const orderKeys = sqliteTable(
	"order_keys",
	{
		keyHash: text("key_hash").primaryKey(),
		orderId: text("order_id")
			.notNull()
			.references(() => orders.id),
		/** Why the key was made: the mail it went out in (`receipt`, `reissue`). */
		purpose: text("purpose").notNull(),
		createdAt: text("created_at").notNull(),
	},
	(t) => [index("order_keys_order").on(t.orderId)],
);

/** What was bought: a snapshot of the product version and its package at checkout time. */
export const orderItems = sqliteTable(
	"order_items",
	{
		id: text("id").primaryKey(),
		orderId: text("order_id")
			.notNull()
			.references(() => orders.id),
		productId: text("product_id")
			.notNull()
			.references(() => products.id),
		version: integer("version").notNull(),
		title: text("title").notNull(),
		priceCents: integer("price_cents").notNull(),
		currency: text("currency").notNull(),
		downloadLimit: integer("download_limit").notNull(),
		linkTtlSeconds: integer("link_ttl_seconds").notNull(),
		accessDays: integer("access_days"),
		packageKey: text("package_key").notNull(),
		packageSize: integer("package_size").notNull(),
		packageSha256: text("package_sha256").notNull(),
		fileName: text("file_name").notNull(),
	},
	(t) => [index("order_items_order").on(t.orderId)],
);

/**
 * The right to download one package: max uses, expiry and status. The DOWNLOAD_GRANTS Durable
 * Object of the grant is the authority for its use counter; `downloads_used` mirrors it.
 * `purpose = 'qa'` grants belong to no order: QA2 downloads through them.
 */
export const grants = sqliteTable(
	"grants",
	{
		id: text("id").primaryKey(),
		purpose: text("purpose").$type<"order" | "qa">().notNull(),
		orderId: text("order_id").references(() => orders.id),
		orderItemId: text("order_item_id").references(() => orderItems.id),
		productId: text("product_id")
			.notNull()
			.references(() => products.id),
		version: integer("version").notNull(),
		packageKey: text("package_key").notNull(),
		packageSize: integer("package_size").notNull(),
		packageSha256: text("package_sha256").notNull(),
		fileName: text("file_name").notNull(),
		maxDownloads: integer("max_downloads").notNull(),
		downloadsUsed: integer("downloads_used").notNull().default(0),
		linkTtlSeconds: integer("link_ttl_seconds").notNull(),
		/** When the right to download ends; null = no end. */
		expiresAt: text("expires_at"),
		status: text("status").$type<GrantStatus>().notNull(),
		createdAt: text("created_at").notNull(),
		updatedAt: text("updated_at").notNull(),
	},
	(t) => [uniqueIndex("grants_order_item_unique").on(t.orderItemId), index("grants_order").on(t.orderId)],
);

/** The webhook inbox: every verified payment event, stored once before it is processed. */
export const paymentEvents = sqliteTable(
	"payment_events",
	{
		id: text("id").primaryKey(),
		type: text("type").notNull(),
		orderId: text("order_id"),
		checkoutSessionId: text("checkout_session_id"),
		paymentIntentId: text("payment_intent_id"),
		payload: text("payload").notNull(),
		receivedAt: text("received_at").notNull(),
		processedAt: text("processed_at"),
		/** What processing did: fulfilled, duplicate, revoked, suspended, restored, ignored, ... */
		outcome: text("outcome"),
	},
	(t) => [index("payment_events_order").on(t.orderId), index("payment_events_intent").on(t.paymentIntentId)],
);

/**
 * The newest known state of the dispute of a payment (one row per payment intent). Dispute events
 * arrive in any order, so each is compared with this row by when the provider made it (the
 * event's `created`, then `status_rank`: a closed status outranks an open one made in the same
 * second); an older snapshot is stale and changes nothing. Orders and credit purchases follow
 * the status stored here, never the status of an event that arrived late.
 */
export const paymentDisputes = sqliteTable("payment_disputes", {
	paymentIntentId: text("payment_intent_id").primaryKey(),
	disputeId: text("dispute_id").notNull(),
	/** Stripe's dispute status: warning_needs_response, warning_under_review, warning_closed, needs_response, under_review, won, lost, … */
	status: text("status").notNull(),
	/** The `created` (unix seconds) of the event whose snapshot this is. */
	statusAt: integer("status_at").notNull(),
	statusRank: integer("status_rank").notNull(),
	eventId: text("event_id").notNull(),
	updatedAt: text("updated_at").notNull(),
});

/**
 * The mail outbox: one row per mail to a buyer (a receipt, re-issued links), written before its
 * MAIL_QUEUE message is sent. The consumer sends the row's mail under its own idempotency key
 * (`mail-<id>`) and retries with backoff until the provider accepts it; after the queue's last
 * retry the dead-letter consumer marks it `dead`. The admin's order page shows every row. The
 * body carries an order key, so it is kept only until the mail is sent or dead.
 */
export const mailOutbox = sqliteTable(
	"mail_outbox",
	{
		id: text("id").primaryKey(),
		/** `receipt` (once per order), `reissue` (each an admin's request). */
		kind: text("kind").$type<"receipt" | "reissue">().notNull(),
		orderId: text("order_id").references(() => orders.id),
		/** Makes a mail once-only (`receipt:<order>`); null for mails that may be sent again (re-issues). */
		dedupeKey: text("dedupe_key"),
		toAddress: text("to_address").notNull(),
		subject: text("subject").notNull(),
		textBody: text("text_body"),
		htmlBody: text("html_body"),
		idempotencyKey: text("idempotency_key").notNull(),
		status: text("status").$type<"queued" | "sent" | "dead">().notNull(),
		attempts: integer("attempts").notNull().default(0),
		lastError: text("last_error"),
		providerId: text("provider_id"),
		createdAt: text("created_at").notNull(),
		/** Last time the row was queued or tried: the sweep re-queues a `queued` row quiet for too long. */
		updatedAt: text("updated_at").notNull(),
		sentAt: text("sent_at"),
	},
	(t) => [
		uniqueIndex("mail_outbox_dedupe").on(t.dedupeKey),
		index("mail_outbox_order").on(t.orderId, t.createdAt),
		index("mail_outbox_status_updated").on(t.status, t.updatedAt),
	],
);

/** Every download attempt, allowed or denied, with the reason. Append-only. */
export const downloadLog = sqliteTable(
	"download_log",
	{
		id: text("id").primaryKey(),
		createdAt: text("created_at").notNull(),
		/** landing (GET of a link), redeem (POST spending a use), file (GET of a file session). */
		action: text("action").$type<"landing" | "redeem" | "file">().notNull(),
		outcome: text("outcome").$type<"allowed" | "denied">().notNull(),
		/** The error code when denied, or what happened when allowed (new_session, reused_session, range). */
		reason: text("reason").notNull(),
		grantId: text("grant_id"),
		orderId: text("order_id"),
		productId: text("product_id"),
		sessionId: text("session_id"),
		/** Keyed hash of the client IP; the IP itself is never stored. */
		ipHash: text("ip_hash").notNull(),
		userAgent: text("user_agent"),
		range: text("range"),
		status: integer("status").notNull(),
	},
	(t) => [index("download_log_order").on(t.orderId, t.createdAt), index("download_log_grant").on(t.grantId, t.createdAt)],
);

/**
 * The payment provider's last answer about a checkout session, asked by a return page (the
 * thank-you page, the credits page) before the webhook arrived. At most one lookup per session
 * per 10 s: a buyer reloading the page, or a script holding an order key, cannot drive the
 * provider account into its rate limit. The first request to claim the slot asks; the others
 * use what is stored.
 */
export const providerLookups = sqliteTable("provider_lookups", {
	checkoutSessionId: text("checkout_session_id").primaryKey(),
	/** When the last lookup was claimed (ISO time). */
	lookedUpAt: text("looked_up_at").notNull(),
	/** The provider's answer: paid, unpaid, no_payment_required; null while a lookup is under way or failed. */
	paymentStatus: text("payment_status"),
	lookups: integer("lookups").notNull().default(1),
});

/**
 * Checkout sessions of the `local` payment provider (the offline stand-in for Stripe's).
 * `order_id` is the session's client reference, as Stripe's `client_reference_id` is: an order
 * id, or a credit purchase id (`cp_...`), so it references no single table (migration 0007).
 */
export const localCheckoutSessions = sqliteTable("local_checkout_sessions", {
	id: text("id").primaryKey(),
	orderId: text("order_id").notNull(),
	paymentIntentId: text("payment_intent_id").notNull(),
	amountCents: integer("amount_cents").notNull(),
	currency: text("currency").notNull(),
	status: text("status").$type<"open" | "complete" | "expired">().notNull(),
	successUrl: text("success_url").notNull(),
	cancelUrl: text("cancel_url").notNull(),
	createdAt: text("created_at").notNull(),
	refundedCents: integer("refunded_cents").notNull().default(0),
});

/**
 * Each refund the store asked its payment provider for. `request_key` names the admin's request
 * (the API's `Idempotency-Key`, or the key the dashboard's refund form carries), so a retried
 * request finds its row and sends the provider the same `idempotency_key` again, while a new
 * request of the same amount gets a key of its own and moves money again.
 */
export const refundRequests = sqliteTable(
	"refund_requests",
	{
		id: text("id").primaryKey(),
		orderId: text("order_id")
			.notNull()
			.references(() => orders.id),
		requestKey: text("request_key").notNull(),
		/** Null: the whole payment (what is left of it). */
		amountCents: integer("amount_cents"),
		/** What the provider is sent as `Idempotency-Key`: `refund-<id>`. */
		idempotencyKey: text("idempotency_key").notNull(),
		/** `requested` until the provider answers, then the refund's status there (`succeeded`, `pending`, …), or `failed` when it refused. */
		status: text("status").notNull(),
		providerRefundId: text("provider_refund_id"),
		lastError: text("last_error"),
		createdAt: text("created_at").notNull(),
		updatedAt: text("updated_at").notNull(),
	},
	(t) => [uniqueIndex("refund_requests_order_request").on(t.orderId, t.requestKey)],
);

/**
 * Refunds of the `local` payment provider, by the idempotency key they were asked with: the same
 * key and amount answer with the stored refund, as Stripe does, and move no money again.
 */
export const localRefunds = sqliteTable("local_refunds", {
	idempotencyKey: text("idempotency_key").primaryKey(),
	id: text("id").notNull(),
	paymentIntentId: text("payment_intent_id").notNull(),
	/** Null: the rest of the payment. */
	amountCents: integer("amount_cents"),
	createdAt: text("created_at").notNull(),
});

/**
 * Dashboard sessions. `id` is the SHA-256 of the cookie's token, so a leaked table grants no
 * session; `csrf_token` is checked on every form the session posts.
 */
export const adminSessions = sqliteTable(
	"admin_sessions",
	{
		id: text("id").primaryKey(),
		/** Who signed in: an e-mail of ADMIN_EMAILS, or "api-key". */
		subject: text("subject").notNull(),
		csrfToken: text("csrf_token").notNull(),
		createdAt: text("created_at").notNull(),
		expiresAt: text("expires_at").notNull(),
		revokedAt: text("revoked_at"),
		ipHash: text("ip_hash"),
		userAgent: text("user_agent"),
	},
	(t) => [index("admin_sessions_expires").on(t.expiresAt)],
);

/** Sign-in links mailed to admins; `id` is the SHA-256 of the link's token; single use. */
export const adminMagicLinks = sqliteTable("admin_magic_links", {
	id: text("id").primaryKey(),
	email: text("email").notNull(),
	createdAt: text("created_at").notNull(),
	expiresAt: text("expires_at").notNull(),
	usedAt: text("used_at"),
});

/**
 * The Worker's mirror of gpu-gateway jobs (DESIGN.md section 5). The gateway owns execution;
 * this row is what the edge last read from it, refreshed on each callback and by the
 * reconciliation sweep, so `last_event_at` says how long a job has been quiet.
 */
export const gpuJobs = sqliteTable(
	"gpu_jobs",
	{
		/** The gateway's job id. */
		id: text("id").primaryKey(),
		kind: text("kind").notNull(),
		status: text("status").$type<GpuJobStatus>().notNull(),
		ownerType: text("owner_type").notNull(),
		ownerId: text("owner_id").notNull(),
		/** The Idempotency-Key sent with `POST /v1/jobs`; one mirror row per key. */
		idempotencyKey: text("idempotency_key").notNull(),
		progressPercent: integer("progress_percent").notNull().default(0),
		progressStep: text("progress_step").notNull().default(""),
		errorCode: text("error_code"),
		errorMessage: text("error_message"),
		/** JSON array of `GpuArtifact` (plus `r2_key` once uploaded to the edge). */
		artifacts: text("artifacts").notNull().default("[]"),
		createdAt: text("created_at").notNull().default(isoNow),
		updatedAt: text("updated_at").notNull().default(isoNow),
		lastEventAt: text("last_event_at").notNull().default(isoNow),
		/**
		 * When the job hooks last ran to completion on the row as it stands; cleared by every change
		 * of the row. A terminal row without it is finished but unsettled: reconciliation settles it.
		 */
		settledAt: text("settled_at"),
	},
	(t) => [
		uniqueIndex("gpu_jobs_idempotency_key").on(t.idempotencyKey),
		index("gpu_jobs_unsettled").on(t.settledAt, t.lastEventAt),
		index("gpu_jobs_status_last_event").on(t.status, t.lastEventAt),
		// Progress polling and the admin list read one owner's jobs, newest first.
		index("gpu_jobs_owner_created").on(t.ownerType, t.ownerId, t.createdAt),
	],
);

/**
 * Callbacks by `webhook-id` (Standard Webhooks delivery is at-least-once). An attempt claims the
 * event with a lease (`lease_until`) and marks it `processed_at` only after it succeeded; a retry
 * during a live lease is refused with a non-2xx so the gateway keeps the event, and a failed
 * attempt releases the lease so the next retry processes it.
 */
export const gpuWebhookEvents = sqliteTable("gpu_webhook_events", {
	webhookId: text("webhook_id").primaryKey(),
	jobId: text("job_id").notNull(),
	type: text("type").notNull(),
	receivedAt: text("received_at").notNull().default(isoNow),
	/** While an attempt runs: until when it holds the event (ISO time); null otherwise. */
	leaseUntil: text("lease_until"),
	/** When an attempt finished it; null until then. */
	processedAt: text("processed_at"),
	attempts: integer("attempts").notNull().default(0),
});

/**
 * People who sign in with OpenID Connect (Google in production, the development issuer locally).
 * `credit_balance` is the spendable balance; the CHECK makes a spend that would take it below
 * zero fail inside its D1 batch, so concurrent generations can never overdraw it.
 */
export const users = sqliteTable(
	"users",
	{
		id: text("id").primaryKey(),
		oidcIssuer: text("oidc_issuer").notNull(),
		oidcSubject: text("oidc_subject").notNull(),
		email: text("email").notNull(),
		name: text("name").notNull(),
		role: text("role").$type<UserRole>().notNull().default("user"),
		creditBalance: integer("credit_balance").notNull().default(0),
		/** The language the user last chose (or signed in with): mails to them use it. */
		locale: text("locale").$type<Locale>(),
		createdAt: text("created_at").notNull().default(isoNow),
		lastSignInAt: text("last_sign_in_at").notNull().default(isoNow),
		/**
		 * The public name (2–20 letters, digits, `_ . -`; Hangul allowed), unique whatever its case:
		 * everything public shows it, never `name` (the sign-in's real name). Null only once the
		 * account is deleted, which frees it.
		 */
		nickname: text("nickname"),
		bio: text("bio").notNull().default(""),
		/** The resized, metadata-free avatar in R2 (`avatars/<user>/<sha256>.png`), or null. */
		avatarR2Key: text("avatar_r2_key"),
		/** Kept exact by the follow and unfollow batches (src/community/follows.ts). */
		followerCount: integer("follower_count").notNull().default(0),
		followingCount: integer("following_count").notNull().default(0),
		/**
		 * The part of `credit_balance` an artist earned from their styles and may ask to be paid out:
		 * earnings add to both, a payout takes from both, so neither can go below zero (CHECKs).
		 */
		earningsBalance: integer("earnings_balance").notNull().default(0),
		/** `active`; `deactivated` (an artist's style stays usable, nothing new is trained); `deleted` (personal data erased). */
		status: text("status").$type<UserStatus>().notNull().default("active"),
		statusChangedAt: text("status_changed_at"),
	},
	(t) => [
		uniqueIndex("users_oidc_identity").on(t.oidcIssuer, t.oidcSubject),
		uniqueIndex("users_nickname_unique").on(sql`lower(${t.nickname})`),
		// Popular artists: most followers first (src/community/search.ts).
		index("users_role_followers").on(t.role, t.followerCount),
		check("users_credit_balance_non_negative", sql`${t.creditBalance} >= 0`),
		// earnings_balance >= 0 is a column CHECK added with the column (migration 0025): SQLite adds a column with its constraint, where a table CHECK would mean rebuilding users.
	],
);

/** Signed-in user sessions; `id` is the SHA-256 of the cookie's token, as for admin sessions. */
export const userSessions = sqliteTable(
	"user_sessions",
	{
		id: text("id").primaryKey(),
		userId: text("user_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		csrfToken: text("csrf_token").notNull(),
		createdAt: text("created_at").notNull(),
		expiresAt: text("expires_at").notNull(),
		revokedAt: text("revoked_at"),
	},
	(t) => [index("user_sessions_user").on(t.userId), index("user_sessions_expires").on(t.expiresAt)],
);

/**
 * One OIDC authorization request in flight: `id` is the SHA-256 of the `state` parameter; the
 * PKCE verifier and nonce stay server-side. Single use (`used_at`), short-lived.
 */
export const oidcLoginStates = sqliteTable("oidc_login_states", {
	id: text("id").primaryKey(),
	codeVerifier: text("code_verifier").notNull(),
	nonce: text("nonce").notNull(),
	returnTo: text("return_to").notNull().default("/"),
	createdAt: text("created_at").notNull(),
	expiresAt: text("expires_at").notNull(),
	usedAt: text("used_at"),
});

/** A user's request to become an artist; an admin approves or rejects it in the dashboard. */
export const artistApplications = sqliteTable(
	"artist_applications",
	{
		id: text("id").primaryKey(),
		userId: text("user_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		statement: text("statement").notNull(),
		status: text("status").$type<ArtistApplicationStatus>().notNull().default("pending"),
		createdAt: text("created_at").notNull().default(isoNow),
		decidedAt: text("decided_at"),
		decidedBy: text("decided_by"),
	},
	(t) => [index("artist_applications_status").on(t.status, t.createdAt), index("artist_applications_user").on(t.userId)],
);

/**
 * An artist's licensed style. `status` is `pending → training → completed | failed`; a
 * completed style cannot be deleted (trigger in migration 0005), nor one with generations
 * (foreign key RESTRICT from `generations`).
 */
export const styles = sqliteTable(
	"styles",
	{
		id: text("id").primaryKey(),
		artistId: text("artist_id")
			.notNull()
			.references(() => users.id, { onDelete: "restrict" }),
		slug: text("slug").notNull(),
		title: text("title").notNull(),
		description: text("description").notNull().default(""),
		/** JSON array of lowercase English tags, the title's tag included. */
		tags: text("tags").notNull().default("[]"),
		priceCredits: integer("price_credits").notNull(),
		signatureR2Key: text("signature_r2_key"),
		signatureSha256: text("signature_sha256"),
		status: text("status").$type<StyleStatus>().notNull().default("pending"),
		trainingJobId: text("training_job_id"),
		/** JSON `{jobId, name, sha256}` of the trained model artifact. */
		modelArtifact: text("model_artifact"),
		trainingErrorCode: text("training_error_code"),
		trainingError: text("training_error"),
		imageCount: integer("image_count").notNull().default(0),
		generationCount: integer("generation_count").notNull().default(0),
		createdAt: text("created_at").notNull().default(isoNow),
		updatedAt: text("updated_at").notNull().default(isoNow),
		trainedAt: text("trained_at"),
	},
	(t) => [
		uniqueIndex("styles_slug_unique").on(t.slug),
		index("styles_artist").on(t.artistId),
		index("styles_status_created").on(t.status, t.createdAt),
		check("styles_price_positive", sql`${t.priceCredits} > 0`),
	],
);

/** A training image of a style, stored privately in R2 (only the artist and the gateway read it). */
export const styleImages = sqliteTable(
	"style_images",
	{
		id: text("id").primaryKey(),
		styleId: text("style_id")
			.notNull()
			.references(() => styles.id, { onDelete: "cascade" }),
		fileName: text("file_name").notNull(),
		r2Key: text("r2_key").notNull(),
		sha256: text("sha256").notNull(),
		size: integer("size").notNull(),
		width: integer("width").notNull(),
		height: integer("height").notNull(),
		contentType: text("content_type").notNull(),
		createdAt: text("created_at").notNull().default(isoNow),
	},
	(t) => [index("style_images_style").on(t.styleId)],
);

/** An image generated in a style for a user, paid for in credits (held, then captured or refunded). */
export const generations = sqliteTable(
	"generations",
	{
		id: text("id").primaryKey(),
		userId: text("user_id")
			.notNull()
			.references(() => users.id, { onDelete: "restrict" }),
		styleId: text("style_id")
			.notNull()
			.references(() => styles.id, { onDelete: "restrict" }),
		prompt: text("prompt").notNull(),
		aspect: text("aspect").notNull(),
		width: integer("width").notNull(),
		height: integer("height").notNull(),
		seed: integer("seed").notNull(),
		costCredits: integer("cost_credits").notNull(),
		status: text("status").$type<GenerationStatus>().notNull().default("queued"),
		visibility: text("visibility").$type<GenerationVisibility>().notNull().default("private"),
		gpuJobId: text("gpu_job_id"),
		r2Key: text("r2_key"),
		sha256: text("sha256"),
		size: integer("size"),
		errorCode: text("error_code"),
		errorMessage: text("error_message"),
		createdAt: text("created_at").notNull().default(isoNow),
		updatedAt: text("updated_at").notNull().default(isoNow),
		completedAt: text("completed_at"),
		/** Kept exact by the like and comment batches (src/community/). */
		likeCount: integer("like_count").notNull().default(0),
		commentCount: integer("comment_count").notNull().default(0),
		/** When an admin refunded a completed generation (its credits back, the artist's earning reversed). */
		refundedAt: text("refunded_at"),
		/**
		 * The style's artist's share of `cost_credits`, in percent (ARTIST_SHARE), fixed when the
		 * credits are held: like the price, it is a term of the sale, so a change of ARTIST_SHARE
		 * never alters a generation already paid for, and the capture (src/earnings/share.ts) reads
		 * it here rather than needing the configuration. 0 for an artist's own generation in their
		 * style and for generations queued before artists were paid.
		 */
		artistSharePercent: integer("artist_share_percent").notNull().default(0),
	},
	(t) => [
		index("generations_user_created").on(t.userId, t.createdAt),
		// The feed's "popular" order: most liked public images first.
		index("generations_public_likes").on(t.visibility, t.status, t.likeCount, t.createdAt),
		index("generations_style_created").on(t.styleId, t.createdAt),
		index("generations_public_created").on(t.visibility, t.status, t.createdAt),
		// The cron sweeps look for open generations by age (src/generation/sweep.ts).
		index("generations_status_created").on(t.status, t.createdAt),
		uniqueIndex("generations_gpu_job").on(t.gpuJobId),
	],
);

/**
 * Every credit movement. The id names the movement (`welcome:<user>`, `purchase:<purchase>`,
 * `hold:<generation>`, `capture:<generation>`, `refund:<generation>`), so a repeated webhook or
 * callback cannot apply the same movement twice. `amount` is signed; `balance_after` is the
 * user's balance once it applied.
 */
export const creditLedger = sqliteTable(
	"credit_ledger",
	{
		id: text("id").primaryKey(),
		userId: text("user_id")
			.notNull()
			.references(() => users.id, { onDelete: "restrict" }),
		kind: text("kind").$type<CreditMovementKind>().notNull(),
		amount: integer("amount").notNull(),
		balanceAfter: integer("balance_after").notNull(),
		reference: text("reference"),
		createdAt: text("created_at").notNull().default(isoNow),
	},
	(t) => [index("credit_ledger_user_created").on(t.userId, t.createdAt)],
);

/** A credit package bought through the storefront's payment provider; credited once when paid. */
export const creditPurchases = sqliteTable(
	"credit_purchases",
	{
		id: text("id").primaryKey(),
		userId: text("user_id")
			.notNull()
			.references(() => users.id, { onDelete: "restrict" }),
		credits: integer("credits").notNull(),
		priceCents: integer("price_cents").notNull(),
		currency: text("currency").notNull(),
		status: text("status").$type<CreditPurchaseStatus>().notNull().default("pending"),
		provider: text("provider").notNull(),
		checkoutSessionId: text("checkout_session_id"),
		/** Set when paid: refunds and disputes name the payment intent, not the session. */
		paymentIntentId: text("payment_intent_id"),
		createdAt: text("created_at").notNull().default(isoNow),
		paidAt: text("paid_at"),
	},
	(t) => [
		uniqueIndex("credit_purchases_checkout_session").on(t.checkoutSessionId),
		index("credit_purchases_user").on(t.userId, t.createdAt),
		index("credit_purchases_payment_intent").on(t.paymentIntentId),
	],
);

/** In-app notifications; `dedupe_key` makes "notified once" hold under redelivered events. */
export const notifications = sqliteTable(
	"notifications",
	{
		id: text("id").primaryKey(),
		userId: text("user_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		kind: text("kind").$type<NotificationKind>().notNull(),
		title: text("title").notNull(),
		body: text("body").notNull().default(""),
		/**
		 * The values of the notification's catalogue message (JSON object): the page words it in
		 * the reader's language. Null for notifications written before there were catalogues,
		 * which show their stored English title and body.
		 */
		params: text("params"),
		link: text("link"),
		dedupeKey: text("dedupe_key").notNull(),
		readAt: text("read_at"),
		createdAt: text("created_at").notNull().default(isoNow),
		/**
		 * Grouped notifications (likes, comments, followers): while unread, the row of a group
		 * (`like:<generation>`) absorbs each new fact: `actor_count` grows and the latest actor is
		 * named, so fifty likes at once are one line, "A and 49 others liked your image".
		 */
		groupKey: text("group_key"),
		actorCount: integer("actor_count").notNull().default(1),
	},
	(t) => [
		uniqueIndex("notifications_dedupe").on(t.dedupeKey),
		index("notifications_user_created").on(t.userId, t.createdAt),
		uniqueIndex("notifications_open_group").on(t.groupKey).where(sql`${t.groupKey} is not null and ${t.readAt} is null`),
	],
);

/** The generations a `style_pack` product is made of, in order. */
export const stylePackItems = sqliteTable(
	"style_pack_items",
	{
		productId: text("product_id")
			.notNull()
			.references(() => products.id, { onDelete: "cascade" }),
		generationId: text("generation_id")
			.notNull()
			.references(() => generations.id, { onDelete: "restrict" }),
		position: integer("position").notNull(),
	},
	(t) => [primaryKey({ columns: [t.productId, t.generationId] })],
);

/**
 * Where a `style_pack` product comes from: the style, its artist and the licence its buyers get.
 * One row per pack product, written in the same batch as the product and its items.
 */
export const stylePacks = sqliteTable(
	"style_packs",
	{
		productId: text("product_id")
			.primaryKey()
			.references(() => products.id, { onDelete: "cascade" }),
		styleId: text("style_id")
			.notNull()
			.references(() => styles.id, { onDelete: "restrict" }),
		artistId: text("artist_id")
			.notNull()
			.references(() => users.id, { onDelete: "restrict" }),
		license: text("license").$type<StylePackLicense>().notNull(),
		createdAt: text("created_at").notNull().default(isoNow),
	},
	(t) => [index("style_packs_style_created").on(t.styleId, t.createdAt)],
);
export * from "./portraits-schema";
