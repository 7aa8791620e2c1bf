import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { PipelineStage, ProductKind, ProductStatus } from "../shared/product";

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
		uniqueIndex("products_title_unique").on(t.title),
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
		/** {functional, structural, technical, productization} as JSON text. */
		dimensions: text("dimensions").notNull(),
		/** [{name, passed, detail, ...}] as JSON text. */
		checks: text("checks").notNull(),
		createdAt: text("created_at").notNull().default(isoNow),
	},
	(t) => [uniqueIndex("qa_reports_unique_run").on(t.productId, t.version, t.stage, t.attempt)],
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
