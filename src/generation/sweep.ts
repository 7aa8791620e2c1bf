import { and, asc, eq, inArray, isNotNull, isNull, lt } from "drizzle-orm";
import type { Db } from "../db/client";
import { generations, gpuJobs, styles } from "../db/schema";
import type { GpuSubmitDeps } from "../gpu/submit";
import { log } from "../lib/log";
import { failGeneration } from "./outcomes";
import { submitGenerationJob } from "./queue";
import { settleGenerationJob } from "./settle";

/** A generation the gateway never took is failed (and refunded) after this long. */
export const UNSUBMITTED_GIVE_UP_MS = 10 * 60_000;
/**
 * A generation with a GPU job still open this long after it was queued is failed and refunded.
 * The gateway's own deadline for an image job is 30 minutes and its callbacks are retried until
 * acknowledged, so by now the job is lost or its image will never arrive; the user's credits must
 * not stay held for ever.
 */
export const OVERDUE_GIVE_UP_MS = 2 * 3_600_000;
/** The request that queued a generation submits it itself; the sweep leaves it this long to do so. */
const SUBMIT_GRACE_MS = 30_000;
/** Generations handled per sweep, so one sweep stays short. */
const SWEEP_BATCH = 50;

/** What a sweep did. */
export type GenerationSweepResult = { resubmitted: number; failed: number; stillWaiting: number };

/**
 * The scheduled sweep of generations still `queued` without a GPU job (the gateway was down
 * when they were queued): each is submitted again under its own Idempotency-Key (so a submit
 * that did reach the gateway yields the same job), and one still not taken after
 * {@link UNSUBMITTED_GIVE_UP_MS} is failed with its credits refunded.
 */
export async function sweepQueuedGenerations(deps: { db: Db; gpu: GpuSubmitDeps; now: () => Date }): Promise<GenerationSweepResult> {
	const now = deps.now();
	const waiting = await deps.db
		.select({ generation: generations, style: styles })
		.from(generations)
		.innerJoin(styles, eq(styles.id, generations.styleId))
		.where(
			and(eq(generations.status, "queued"), isNull(generations.gpuJobId), lt(generations.createdAt, new Date(now.getTime() - SUBMIT_GRACE_MS).toISOString())),
		)
		.orderBy(asc(generations.createdAt))
		.limit(SWEEP_BATCH);
	const result: GenerationSweepResult = { resubmitted: 0, failed: 0, stillWaiting: 0 };
	for (const { generation, style } of waiting) {
		if (await submitGenerationJob(deps.gpu, deps.db, generation, style)) {
			result.resubmitted++;
		} else if (now.getTime() - Date.parse(generation.createdAt) >= UNSUBMITTED_GIVE_UP_MS) {
			await failGeneration(deps.db, generation, { code: "GPU_GATEWAY_UNAVAILABLE", message: "The image service could not be reached." }, now);
			result.failed++;
		} else {
			result.stillWaiting++;
		}
	}
	if (waiting.length > 0) log("info", "queued generations swept", result);
	return result;
}

/**
 * The scheduled sweep of generations whose GPU job never settled them within
 * {@link OVERDUE_GIVE_UP_MS}. Each gets a last look at its job's mirror row first (an image that
 * did land completes it, captured as usual); one still open after that is failed and refunded
 * once. A report that arrives later finds it final and changes nothing. Returns how many failed.
 */
export async function failOverdueGenerations(deps: { db: Db; files: R2Bucket; now: () => Date }): Promise<number> {
	const now = deps.now();
	const overdue = await deps.db
		.select({ generation: generations, job: gpuJobs })
		.from(generations)
		.leftJoin(gpuJobs, eq(gpuJobs.id, generations.gpuJobId))
		.where(
			and(
				inArray(generations.status, ["queued", "processing"]),
				isNotNull(generations.gpuJobId),
				lt(generations.createdAt, new Date(now.getTime() - OVERDUE_GIVE_UP_MS).toISOString()),
			),
		)
		.orderBy(asc(generations.createdAt))
		.limit(SWEEP_BATCH);
	let failed = 0;
	for (const { generation, job } of overdue) {
		if (job) await settleGenerationJob({ db: deps.db, files: deps.files, now }, job);
		const outcome = await failGeneration(deps.db, generation, { code: "GENERATION_TIMED_OUT", message: "The image did not arrive in time." }, now);
		if (outcome === "failed") failed++;
	}
	if (overdue.length > 0) log("info", "overdue generations swept", { overdue: overdue.length, failed });
	return failed;
}
