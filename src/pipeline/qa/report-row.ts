import type { Db } from "../../db/client";
import { qaReports } from "../../db/schema";
import { newId } from "../../lib/ids";
import type { QaVerdict } from "./score";

/**
 * The insert of a gate's report. Unique per (product, version, stage, attempt), so a
 * redelivered stage cannot write a second report for the same run. `judge` is the LLM judge's
 * answers per language, kept as the model gave them (after validation).
 */
export function insertQaReport(
	db: Db,
	product: { id: string; version: number },
	stage: 1 | 2,
	attempt: number,
	verdict: QaVerdict,
	now: Date,
	judge: Record<string, unknown> | null = null,
) {
	return db
		.insert(qaReports)
		.values({
			id: newId("qa"),
			productId: product.id,
			version: product.version,
			stage,
			attempt,
			passed: verdict.passed,
			score: verdict.score,
			dimensions: JSON.stringify(verdict.dimensions),
			checks: JSON.stringify(verdict.checks),
			judge: judge ? JSON.stringify(judge) : null,
			createdAt: now.toISOString(),
		})
		.onConflictDoNothing();
}
