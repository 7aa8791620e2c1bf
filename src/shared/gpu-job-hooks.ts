import type { GpuJobStatus } from "./gpu-jobs";

/** A GPU job's mirror row (`gpu_jobs`) as a hook sees it after a refresh. */
export type GpuJobRecord = {
	id: string;
	kind: string;
	status: GpuJobStatus;
	ownerType: string;
	ownerId: string;
	idempotencyKey: string;
	progressPercent: number;
	progressStep: string;
	errorCode: string | null;
	errorMessage: string | null;
	/** JSON array of the job's artifacts (with `r2_key` once uploaded to the edge). */
	artifacts: string;
	createdAt: string;
	updatedAt: string;
	lastEventAt: string;
};

/**
 * What a finished (or changed) GPU job means for its owner: a product line settles its own
 * jobs (a trained style, a generated image, …). Hooks are called for every change of every
 * job, possibly more than once for the same state, so each must ignore jobs that are not its
 * own and be idempotent. They are registered at the composition root (src/wiring.ts).
 */
export type GpuJobHook<Deps> = (deps: Deps, job: GpuJobRecord) => Promise<void>;
