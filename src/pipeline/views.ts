import type { packages, publishHistory, qaReports, stageRuns } from "../db/schema";
import type { PackageManifest } from "../shared/manifest";
import type { ProductView } from "../shared/product";
import type { QaReportView } from "../shared/qa";
import { productLanguages } from "./languages";
import type { ProductRow } from "./stage";

/** A product as the admin API shows it (API.md `Product`, plus pipeline detail). */
export function productView(row: ProductRow): ProductView {
	return {
		id: row.id,
		slug: row.slug,
		title: row.title,
		languages: productLanguages(row.languages),
		topic: row.topic,
		description: row.description,
		kind: row.kind,
		status: row.status,
		version: row.version,
		price_cents: row.priceCents,
		currency: row.currency,
		download_limit: row.downloadLimit,
		link_ttl_seconds: row.linkTtlSeconds,
		access_days: row.accessDays,
		quality_score: row.qualityScore,
		failed_stage: row.failedStage,
		last_error: row.lastError,
		created_at: row.createdAt,
		updated_at: row.updatedAt,
		published_at: row.publishedAt,
	};
}

/** API.md `QaReport`. */
export function qaReportView(row: typeof qaReports.$inferSelect): QaReportView {
	return {
		stage: row.stage,
		attempt: row.attempt,
		passed: row.passed,
		score: row.score,
		dimensions: JSON.parse(row.dimensions),
		checks: JSON.parse(row.checks),
		judge: row.judge ? JSON.parse(row.judge) : null,
		created_at: row.createdAt,
	};
}

/** API.md `Package`. */
export function packageView(row: typeof packages.$inferSelect) {
	const manifest = JSON.parse(row.manifest) as PackageManifest;
	return { version: row.version, size: row.size, sha256: row.sha256, r2_key: row.r2Key, created_at: row.createdAt, manifest };
}

/** A stage run for the timeline. */
export function stageRunView(row: typeof stageRuns.$inferSelect) {
	return {
		id: row.id,
		stage: row.stage,
		version: row.version,
		attempt: row.attempt,
		delivery: row.delivery,
		outcome: row.outcome,
		error: row.error,
		started_at: row.startedAt,
		finished_at: row.finishedAt,
	};
}

/** A publish or unpublish event. */
export function publishEventView(row: typeof publishHistory.$inferSelect) {
	return { id: row.id, version: row.version, action: row.action, reason: row.reason, created_at: row.createdAt };
}
