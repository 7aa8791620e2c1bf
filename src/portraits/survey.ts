import { z } from "zod";
import { portraitSurveys } from "../db/schema";
import { AppError } from "../lib/errors";
import type { PortraitDeps } from "./deps";
import { invalidState, type PortraitJob } from "./jobs";
import { kstIso } from "./kst";

/** The survey after the result (issue 15, step 10): a rating of 1 to 5 and an optional comment. */
export const SurveyInput = z.strictObject({
	rating: z.coerce.number().int().min(1).max(5),
	comment: z
		.string()
		.trim()
		.max(2_000)
		.optional()
		.transform((comment) => (comment ? comment : undefined)),
});
export type SurveyInput = z.infer<typeof SurveyInput>;

/**
 * Stores the one survey answer of a completed job; a second is `409 ALREADY_SUBMITTED` and
 * changes nothing. The comment is personal and is deleted with the job; the rating stays for
 * the aggregate on /admin/portraits.
 */
export async function submitSurvey(
	deps: Pick<PortraitDeps, "db" | "now">,
	job: PortraitJob,
	input: SurveyInput,
): Promise<{ rating: number; created_at: string }> {
	if (job.status !== "completed") throw invalidState(job);
	const createdAt = deps.now().toISOString();
	const inserted = await deps.db
		.insert(portraitSurveys)
		.values({ jobId: job.id, rating: input.rating, comment: input.comment ?? null, createdAt })
		.onConflictDoNothing()
		.returning({ rating: portraitSurveys.rating });
	if (inserted.length === 0) throw new AppError(409, "ALREADY_SUBMITTED", "This job's survey was already answered.");
	return { rating: input.rating, created_at: kstIso(createdAt) };
}
