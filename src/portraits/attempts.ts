import { sha256Hex } from "../lib/hash";

/**
 * How the two processing steps are attempted. Each step is submitted at most four times: once,
 * then retried up to three times after 5 s, 10 s and 20 s (each gateway job has its own
 * retries inside it as well). `portraitAttempts` / `reportAttempts` hold the attempt now due
 * or running; `portraitJobId` / `reportJobId` its gateway job once submitted.
 */
export const MAX_STEP_ATTEMPTS = 4;
/** The wait before retry n (after attempt n failed), in seconds. */
export const RETRY_BACKOFF_S = [5, 10, 20] as const;

/** The two steps on the gateway: the portraits (`portrait.generate`), then the report (`llm.text`). */
export type PortraitGpuStep = "generate" | "report";

/** The gateway kind of each step. */
export const STEP_KIND: Record<PortraitGpuStep, "portrait.generate" | "llm.text"> = { generate: "portrait.generate", report: "llm.text" };

/** The wait before the attempt after `failedAttempt`, or null when none is left. */
export function backoffAfter(failedAttempt: number): number | null {
	if (failedAttempt >= MAX_STEP_ATTEMPTS) return null;
	return RETRY_BACKOFF_S[Math.max(0, failedAttempt - 1)] ?? 20;
}

/**
 * The Idempotency-Key of one attempt of one step: the same attempt submitted twice (a redelivered
 * message, two consumers) is the same gateway job, so a step never has two live jobs.
 */
export function stepKey(jobId: string, step: PortraitGpuStep, attempt: number): string {
	return `portrait:${jobId}:${step}:${attempt}`;
}

const STEP_KEY = /^portrait:(ptj_[0-9a-f]{32}):(generate|report):([1-9])$/;

/** The job, step and attempt of a gateway job's Idempotency-Key; null for anyone else's. */
export function parseStepKey(key: string): { jobId: string; step: PortraitGpuStep; attempt: number } | null {
	const match = STEP_KEY.exec(key);
	if (!match) return null;
	return { jobId: match[1] as string, step: match[2] as PortraitGpuStep, attempt: Number(match[3]) };
}

/**
 * The three seeds of an attempt: derived from the job and attempt, so a resubmission of the same
 * attempt sends the very same request (the gateway's idempotency compares bodies) and each
 * portrait row can record the seed that made it.
 */
export async function portraitSeeds(jobId: string, attempt: number): Promise<[number, number, number]> {
	const hex = await sha256Hex(`portrait-seeds:${jobId}:${attempt}`);
	const seed = (i: number) => Number.parseInt(hex.slice(i * 8, i * 8 + 8), 16) % 2 ** 31;
	return [seed(0), seed(1), seed(2)];
}
