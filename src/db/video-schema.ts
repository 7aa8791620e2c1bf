import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { VideoAspect } from "../shared/gpu-jobs";
import type { AssetSource, BrandTone, PipelineStep, PlanName, ProjectStatus, ProjectType, RunScope, RunStatus, UsageResource } from "../shared/video";
import { users } from "./schema";

/**
 * The short-video line (issue 17, docs/video.md): brands, templates, projects and their runs,
 * the caches that save provider calls, usage and plans, and the asset library. Joined with the
 * other schema files in src/db/client.ts.
 */

/** ISO 8601 UTC time, as in schema.ts. */
const isoNow = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/** A user's brand: the script follows its tone and avoids its phrases; subtitles use its colours and font. */
export const brandProfiles = sqliteTable(
	"brand_profiles",
	{
		id: text("id").primaryKey(),
		userId: text("user_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		name: text("name").notNull(),
		tone: text("tone").$type<BrandTone>().notNull(),
		primaryColor: text("primary_color").notNull(),
		accentColor: text("accent_color").notNull(),
		textColor: text("text_color").notNull(),
		font: text("font").notNull(),
		/** Voice preference: language (`ko` | `en`), the backend's voice name, speed 0.5–2.0. */
		voiceLanguage: text("voice_language").$type<"ko" | "en">().notNull().default("ko"),
		voice: text("voice"),
		voiceSpeed: real("voice_speed").notNull().default(1),
		targetAudience: text("target_audience").notNull().default(""),
		/** JSON array of phrases the script must not use. */
		avoidPhrases: text("avoid_phrases").notNull().default("[]"),
		createdAt: text("created_at").notNull().default(isoNow),
		updatedAt: text("updated_at").notNull().default(isoNow),
	},
	(t) => [index("brand_profiles_user_created").on(t.userId, t.createdAt)],
);

/**
 * A user's own template; the built-in ones live in code (src/video/templates/built-in.ts). A
 * template fixes the scene count, each scene's role and duration, and the layout.
 */
export const videoTemplates = sqliteTable(
	"video_templates",
	{
		id: text("id").primaryKey(),
		userId: text("user_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		name: text("name").notNull(),
		description: text("description").notNull().default(""),
		/** JSON: `{layout, scenes: [{role, duration_s}]}` (src/video/templates). */
		structure: text("structure").notNull(),
		useCount: integer("use_count").notNull().default(0),
		createdAt: text("created_at").notNull().default(isoNow),
		updatedAt: text("updated_at").notNull().default(isoNow),
	},
	(t) => [index("video_templates_user_created").on(t.userId, t.createdAt)],
);

/**
 * A video project and what its finished steps produced (reused when a run resumes): the script,
 * the voice, the composed video. Scenes and their images are in `project_scenes`.
 */
export const projects = sqliteTable(
	"projects",
	{
		id: text("id").primaryKey(),
		userId: text("user_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		type: text("type").$type<ProjectType>().notNull().default("shortform"),
		title: text("title").notNull(),
		status: text("status").$type<ProjectStatus>().notNull().default("draft"),
		keyword: text("keyword").notNull().default(""),
		aspect: text("aspect").$type<VideoAspect>().notNull().default("9:16"),
		durationS: integer("duration_s").notNull().default(30),
		/** The script's and voice's language. */
		language: text("language").$type<"ko" | "en">().notNull().default("ko"),
		brandProfileId: text("brand_profile_id").references(() => brandProfiles.id, { onDelete: "set null" }),
		/** A built-in template's id (`builtin-…`) or a row of `video_templates`. */
		templateId: text("template_id"),
		/** The timestamped script (`[INTRO 0:00–0:03] …`), as written by the LLM, the offline template or the user. */
		script: text("script"),
		scriptSource: text("script_source").$type<"llm" | "template" | "user">(),
		voiceR2Key: text("voice_r2_key"),
		voiceSha256: text("voice_sha256"),
		voiceSize: integer("voice_size"),
		/** JSON `TtsTimings` of the voice (src/shared/gpu-jobs.ts). */
		voiceTimings: text("voice_timings"),
		videoR2Key: text("video_r2_key"),
		videoSha256: text("video_sha256"),
		videoSize: integer("video_size"),
		videoDurationMs: integer("video_duration_ms"),
		videoWidth: integer("video_width"),
		videoHeight: integer("video_height"),
		thumbnailR2Key: text("thumbnail_r2_key"),
		thumbnailSha256: text("thumbnail_sha256"),
		thumbnailSize: integer("thumbnail_size"),
		/** The subtitles as SRT, from the voice's sentence timings. */
		subtitlesSrt: text("subtitles_srt"),
		/** JSON of the last QA: `{passed, checks: [{name, passed, detail}]}`. */
		qaReport: text("qa_report"),
		/** The product an admin published it as (kind `short_video`). */
		productId: text("product_id"),
		createdAt: text("created_at").notNull().default(isoNow),
		updatedAt: text("updated_at").notNull().default(isoNow),
	},
	(t) => [index("projects_user_created").on(t.userId, t.createdAt), index("projects_user_status").on(t.userId, t.status, t.createdAt)],
);

/** One scene: its words, its image prompt and span, and the image once made. */
export const projectScenes = sqliteTable(
	"project_scenes",
	{
		projectId: text("project_id")
			.notNull()
			.references(() => projects.id, { onDelete: "cascade" }),
		position: integer("position").notNull(),
		/** The script section it comes from (`INTRO`, `MAIN`, `OUTRO`). */
		section: text("section").notNull(),
		text: text("text").notNull(),
		imagePrompt: text("image_prompt").notNull(),
		startMs: integer("start_ms").notNull(),
		endMs: integer("end_ms").notNull(),
		imageR2Key: text("image_r2_key"),
		imageSha256: text("image_sha256"),
		imageSize: integer("image_size"),
		/** The image cache's key (`image_cache`) this scene's image came from or went into. */
		imageCacheKey: text("image_cache_key"),
	},
	(t) => [primaryKey({ columns: [t.projectId, t.position] })],
);

/**
 * One run of the pipeline on a project (its id is the API's `job_id`): the whole pipeline or one
 * step, resumed from `first_step`. It reserves its estimated cost before spending anything and
 * settles the actual cost (its usage rows) when it ends.
 */
export const projectRuns = sqliteTable(
	"project_runs",
	{
		id: text("id").primaryKey(),
		projectId: text("project_id")
			.notNull()
			.references(() => projects.id, { onDelete: "cascade" }),
		userId: text("user_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		scope: text("scope").$type<RunScope>().notNull(),
		status: text("status").$type<RunStatus>().notNull().default("pending"),
		/** The step the run began with: a resumed run skips the steps whose output exists. */
		firstStep: text("first_step").$type<PipelineStep>().notNull(),
		currentStep: text("current_step").$type<PipelineStep>().notNull(),
		progress: integer("progress").notNull().default(0),
		/** JSON array of the steps whose earlier output this run reused. */
		reusedSteps: text("reused_steps").notNull().default("[]"),
		errorStep: text("error_step").$type<PipelineStep>(),
		errorCode: text("error_code"),
		errorMessage: text("error_message"),
		/** The estimated cost held against the plan's cap while the run is open. */
		reservedCents: integer("reserved_cents").notNull().default(0),
		/** The actual cost, the sum of its usage rows, once it ended. */
		costCents: integer("cost_cents"),
		createdAt: text("created_at").notNull().default(isoNow),
		updatedAt: text("updated_at").notNull().default(isoNow),
		finishedAt: text("finished_at"),
	},
	(t) => [index("project_runs_project_created").on(t.projectId, t.createdAt), index("project_runs_user_status").on(t.userId, t.status)],
);

/** A script for the same keyword, tone, brand and language, reused for 7 days; the user's own (erased with the account). */
export const scriptCache = sqliteTable("script_cache", {
	cacheKey: text("cache_key").primaryKey(),
	userId: text("user_id").notNull(),
	script: text("script").notNull(),
	source: text("source").$type<"llm" | "template">().notNull(),
	/** What the call that wrote it cost: what each reuse saves. */
	costCents: integer("cost_cents").notNull(),
	createdAt: text("created_at").notNull().default(isoNow),
	expiresAt: text("expires_at").notNull(),
});

/**
 * An image for the same prompt, style and aspect (a hash of them and the user), reused by any of the
 * user's projects. Per user: a user's images are theirs, and erasing the account deletes them.
 */
export const imageCache = sqliteTable("image_cache", {
	cacheKey: text("cache_key").primaryKey(),
	userId: text("user_id").notNull(),
	r2Key: text("r2_key").notNull(),
	sha256: text("sha256").notNull(),
	size: integer("size").notNull(),
	costCents: integer("cost_cents").notNull(),
	createdAt: text("created_at").notNull().default(isoNow),
});

/**
 * One provider call (or a cache hit in its place, `cost_cents` 0 and `saved_cents` what it would
 * have cost), priced from USAGE_PRICES. `dedupe_key` (the GPU job id, or the cache hit's run and
 * item) makes a call count once however often its settlement runs.
 */
export const usageRecords = sqliteTable(
	"usage_records",
	{
		id: text("id").primaryKey(),
		userId: text("user_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		projectId: text("project_id"),
		runId: text("run_id"),
		resource: text("resource").$type<UsageResource>().notNull(),
		quantity: real("quantity").notNull(),
		costCents: integer("cost_cents").notNull(),
		savedCents: integer("saved_cents").notNull().default(0),
		cacheHit: integer("cache_hit", { mode: "boolean" }).notNull().default(false),
		dedupeKey: text("dedupe_key").notNull(),
		createdAt: text("created_at").notNull().default(isoNow),
	},
	(t) => [uniqueIndex("usage_records_dedupe").on(t.dedupeKey), index("usage_records_user_created").on(t.userId, t.createdAt)],
);

/**
 * A video counted against a plan: once per project per plan period, taken when a run that
 * composes starts (a resumed run finds it taken and is not counted again).
 */
export const videoSlots = sqliteTable(
	"video_slots",
	{
		userId: text("user_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		periodStart: text("period_start").notNull(),
		projectId: text("project_id").notNull(),
		createdAt: text("created_at").notNull().default(isoNow),
	},
	(t) => [primaryKey({ columns: [t.userId, t.periodStart, t.projectId] })],
);

/** A user's plan when not `free`: set by an admin, or bought (a 30-day pass, or a provider's subscription). */
export const userPlans = sqliteTable("user_plans", {
	userId: text("user_id")
		.primaryKey()
		.references(() => users.id, { onDelete: "cascade" }),
	plan: text("plan").$type<PlanName>().notNull(),
	source: text("source").$type<"admin" | "pass" | "subscription">().notNull(),
	/** When the plan's current period began: videos and cost are counted from here. */
	periodStart: text("period_start").notNull(),
	/** When it lapses back to `free`; null for an admin's plan without an end. */
	expiresAt: text("expires_at"),
	subscriptionId: text("subscription_id"),
	updatedAt: text("updated_at").notNull().default(isoNow),
});

/** A plan bought through the payment providers (`pp_…`, a payable). */
export const planPurchases = sqliteTable(
	"plan_purchases",
	{
		id: text("id").primaryKey(),
		userId: text("user_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		plan: text("plan").$type<PlanName>().notNull(),
		mode: text("mode").$type<"pass" | "subscription">().notNull(),
		priceCents: integer("price_cents").notNull(),
		currency: text("currency").notNull(),
		status: text("status").$type<"pending" | "paid" | "canceled" | "expired" | "refunded">().notNull().default("pending"),
		checkoutSessionId: text("checkout_session_id"),
		paymentIntentId: text("payment_intent_id"),
		subscriptionId: text("subscription_id"),
		paidAt: text("paid_at"),
		periodEnd: text("period_end"),
		createdAt: text("created_at").notNull().default(isoNow),
		updatedAt: text("updated_at").notNull().default(isoNow),
	},
	(t) => [index("plan_purchases_user_created").on(t.userId, t.createdAt), index("plan_purchases_payment_intent").on(t.paymentIntentId)],
);

/** A file of a user's asset library (uploaded, generated into it, or kept from a project); counted against the plan's storage. */
export const assets = sqliteTable(
	"assets",
	{
		id: text("id").primaryKey(),
		userId: text("user_id")
			.notNull()
			.references(() => users.id, { onDelete: "cascade" }),
		/** A folder path (`brand/logos`), `""` for the top. */
		folder: text("folder").notNull().default(""),
		name: text("name").notNull(),
		/** JSON array of tags. */
		tags: text("tags").notNull().default("[]"),
		contentType: text("content_type").notNull(),
		size: integer("size").notNull(),
		sha256: text("sha256").notNull(),
		r2Key: text("r2_key").notNull(),
		source: text("source").$type<AssetSource>().notNull(),
		createdAt: text("created_at").notNull().default(isoNow),
		updatedAt: text("updated_at").notNull().default(isoNow),
	},
	(t) => [index("assets_user_folder_created").on(t.userId, t.folder, t.createdAt)],
);
