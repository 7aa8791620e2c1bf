import { parseArtifacts } from "../../gpu/mirror";
import { type GpuJobRequest, submitGpuJob } from "../../gpu/submit";
import type { GpuJobRecord } from "../../shared/gpu-job-hooks";
import type { PipelineStep } from "../../shared/video";
import type { VideoDeps } from "../deps";
import type { RunContext } from "./context";
import type { JobPart } from "./keys";
import { videoJobKey } from "./keys";
import { projectProgressOwner } from "./progress";
import type { RunRow } from "./runs";

/** What the steps use of the line's dependencies. */
export type PipelineDeps = Pick<VideoDeps, "db" | "files" | "gpu" | "config">;

/** A step either finished at once (a cache hit, QA) or waits for its GPU jobs' callbacks. */
export type StepOutcome = "done" | "waiting";

/** A step that cannot go on: the run fails at that step with this code and message. */
export class StepFailure extends Error {
	constructor(
		readonly code: string,
		message: string,
	) {
		super(message);
	}
}

/** One step of the pipeline. `settle` takes a succeeded job of the step; both are idempotent. */
export type PipelineStepModule = {
	step: PipelineStep;
	start(deps: PipelineDeps, run: RunRow, context: RunContext, now: Date): Promise<StepOutcome>;
	settle?(deps: PipelineDeps, run: RunRow, context: RunContext, job: GpuJobRecord, part: { part: JobPart; n: number }, now: Date): Promise<StepOutcome>;
	/** How far the step is, 0–1, for progress (images: scenes done). */
	fraction?(deps: PipelineDeps, run: RunRow, job: GpuJobRecord | null): Promise<number>;
};

/** Submits a job of a run's step, owned by the project (its page follows the owner's progress). */
export async function submitStepJob(deps: PipelineDeps, run: RunRow, part: JobPart, n: number, request: Omit<GpuJobRequest, "owner">): Promise<void> {
	await submitGpuJob(deps.gpu, { ...request, owner: projectProgressOwner(run.projectId) } as GpuJobRequest, videoJobKey(run.id, part, n));
}

/** A succeeded job's artifact once it is stored at the edge; "missing" when the job has none by that name. */
export function storedArtifact(job: GpuJobRecord, name: string): { r2Key: string; sha256: string; size: number } | "missing" | "uploading" {
	const artifact = parseArtifacts(job.artifacts).find((item) => item.name === name);
	if (!artifact) return "missing";
	if (!artifact.r2_key) return "uploading";
	return { r2Key: artifact.r2_key, sha256: artifact.sha256, size: artifact.size };
}

/** Reads a stored artifact's text; an artifact the mirror lists but R2 lacks is an error to retry. */
export async function artifactText(files: R2Bucket, r2Key: string): Promise<string> {
	const object = await files.get(r2Key);
	if (!object) throw new Error(`artifact ${r2Key} is not in R2`);
	return object.text();
}

/** Copies an R2 object to `to` (the project's own key), pinned by its digest. Idempotent. */
export async function copyObject(files: R2Bucket, from: string, to: string, contentType: string): Promise<{ r2Key: string; size: number }> {
	const object = await files.get(from);
	if (!object) throw new Error(`object ${from} is not in R2`);
	const bytes = await object.arrayBuffer();
	await files.put(to, bytes, { httpMetadata: { contentType } });
	return { r2Key: to, size: bytes.byteLength };
}
