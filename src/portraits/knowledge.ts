import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { knowledgeBase, portraitRecommendations } from "../db/schema";
import { log } from "../lib/log";
import type { PortraitReport } from "../shared/portraits";

/** One care method of the knowledge base (seeded by migrations/0023). */
export type KnowledgeEntry = typeof knowledgeBase.$inferSelect;

/** Every care method, by area then code: what a report may recommend. */
export async function knowledgeEntries(db: Db): Promise<KnowledgeEntry[]> {
	return db.select().from(knowledgeBase).orderBy(asc(knowledgeBase.area), asc(knowledgeBase.code));
}

/** Codes as a report writes them (an LLM may write ` sc003`): trimmed, upper case. */
function normaliseCode(code: string): string {
	return code.trim().toUpperCase();
}

/** A report whose recommendations name only known codes, and the codes it recommended, in order. */
export type MatchedReport = { report: PortraitReport; codes: string[]; unknown: string[] };

/**
 * Matches a report's recommendation codes against the knowledge base: known codes are kept (each
 * once, in the order they first appear), unknown ones are dropped from the report and logged,
 * so neither the stored report nor the result page ever names a method that does not exist.
 */
export async function matchRecommendations(db: Db, jobId: string, report: PortraitReport): Promise<MatchedReport> {
	const written = report.improvements.flatMap((improvement) => improvement.recommendations.map(normaliseCode));
	const known = new Set(
		written.length === 0
			? []
			: (
					await db
						.select({ code: knowledgeBase.code })
						.from(knowledgeBase)
						.where(inArray(knowledgeBase.code, [...new Set(written)]))
				).map((row) => row.code),
	);
	const unknown = [...new Set(written.filter((code) => !known.has(code)))];
	if (unknown.length > 0) log("warn", "portrait report named unknown care codes; dropped", { jobId, codes: unknown.slice(0, 20) });
	const improvements = report.improvements.map((improvement) => ({
		...improvement,
		recommendations: [...new Set(improvement.recommendations.map(normaliseCode).filter((code) => known.has(code)))],
	}));
	const codes = [...new Set(improvements.flatMap((improvement) => improvement.recommendations))];
	return { report: { ...report, improvements }, codes, unknown };
}

/** The rows that store a job's recommendations (written with the completion, in one batch). */
export function recommendationInserts(db: Db, jobId: string, codes: readonly string[]) {
	return codes.map((code, position) => db.insert(portraitRecommendations).values({ jobId, code, position }).onConflictDoNothing());
}

/** A job's stored recommendations with their knowledge-base entries, in the report's order. */
export async function recommendationsOf(db: Db, jobId: string): Promise<KnowledgeEntry[]> {
	const rows = await db
		.select({ entry: knowledgeBase })
		.from(portraitRecommendations)
		.innerJoin(knowledgeBase, eq(knowledgeBase.code, portraitRecommendations.code))
		.where(eq(portraitRecommendations.jobId, jobId))
		.orderBy(asc(portraitRecommendations.position));
	return rows.map((row) => row.entry);
}
