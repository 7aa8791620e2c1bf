import { and, eq, isNull } from "drizzle-orm";
import { gpuJobs, portraitJobs } from "../db/schema";
import { submitGpuJob } from "../gpu/submit";
import { sha256Hex } from "../lib/hash";
import { errorMessage, log } from "../lib/log";
import { gpuInputKey } from "../r2/keys";
import { type InputFile, isTerminalStatus } from "../shared/gpu-jobs";
import type { PortraitFailureReason } from "../shared/portraits";
import { type PortraitGpuStep, portraitSeeds, stepKey } from "./attempts";
import type { PortraitDeps } from "./deps";
import type { PortraitJob } from "./jobs";
import { knowledgeEntries } from "./knowledge";
import { completePortraitJob, deleteGpuInputs, type PortraitSettleDeps, portraitsMissing, readMeasurements, settlePortraitGpuJob } from "./portrait-hook";
import { advancePortraitProgress, PORTRAIT_PROGRESS, portraitOwner, publishPortraitProgress } from "./progress";
import type { PortraitHandler } from "./queue";
import { refundPortraitJob } from "./refund";
import { REPORT_MAX_TOKENS, reportPrompt, templateReport } from "./report";

/** What the portraits are asked to be: the same person at their best, never someone else. */
export const PORTRAIT_PROMPT =
	"A flattering, natural portrait photo of the same person: soft even light, tidy hair, relaxed confident posture, clean background. Keep the person's identity and features.";

/** How many steps one message may take in a row (the portraits stored, then the report written). */
const STEPS_PER_MESSAGE = 3;

type RunOutcome = "done" | { retryInSeconds: number };

function settleDepsOf(deps: PortraitDeps): PortraitSettleDeps {
	return { db: deps.db, files: deps.files, queue: deps.queue, progress: deps.gpu.progress, now: deps.now() };
}

async function loadJob(deps: PortraitDeps, jobId: string): Promise<PortraitJob | undefined> {
	return deps.db.query.portraitJobs.findFirst({ where: eq(portraitJobs.id, jobId) });
}

/**
 * Hands the photo to the gateway: a copy under `gpu-inputs/portrait/<jobId>/<sha256>` (the only
 * prefix the gateway's token may read), pinned by its digest. Null when the photo is gone.
 */
async function photoInput(deps: PortraitDeps, job: PortraitJob): Promise<InputFile | null> {
	if (!job.photoKey) return null;
	const photo = await deps.files.get(job.photoKey);
	if (!photo) return null;
	const bytes = new Uint8Array(await photo.arrayBuffer());
	const sha256 = await sha256Hex(bytes);
	const key = gpuInputKey("portrait", job.id, sha256);
	if (!(await deps.files.head(key))) {
		await deps.files.put(key, bytes, { httpMetadata: { contentType: photo.httpMetadata?.contentType ?? "application/octet-stream" }, sha256 });
	}
	return { r2Key: key, sha256 };
}

/** Fails the job with `reason` and refunds it (once), and tells the waiting page. */
async function giveUp(deps: PortraitDeps, jobId: string, reason: PortraitFailureReason): Promise<void> {
	await deleteGpuInputs(deps.files, jobId);
	const outcome = await refundPortraitJob(deps, jobId, reason);
	log("warn", "portrait job failed", { jobId, reason, refund: outcome });
	await publishPortraitProgress({ db: deps.db, progress: deps.gpu.progress, now: deps.now() }, jobId);
}

/** The request of one attempt of a step. */
async function stepRequest(deps: PortraitDeps, job: PortraitJob, step: PortraitGpuStep, attempt: number) {
	const owner = portraitOwner(job.id);
	if (step === "generate") {
		const photo = await photoInput(deps, job);
		if (!photo) return null;
		return {
			kind: "portrait.generate" as const,
			owner,
			input: { photo, variants: 3 as const, prompt: PORTRAIT_PROMPT, seeds: await portraitSeeds(job.id, attempt) },
		};
	}
	const measured = await readMeasurements(deps.files, job.id);
	const prompt = reportPrompt(job.locale, measured, await knowledgeEntries(deps.db));
	return { kind: "llm.text" as const, owner, input: { prompt, maxTokens: REPORT_MAX_TOKENS } };
}

/**
 * One step on the gateway. With a gateway job for the current attempt: nothing while it is live
 * (its hook moves the job on); once it ended, settle it here too (a lost callback) and fail the
 * job if it was the last attempt. Without one: submit the current attempt under its own
 * Idempotency-Key, so a redelivered message gets the same gateway job, never a second one.
 */
async function gatewayStep(deps: PortraitDeps, job: PortraitJob, step: PortraitGpuStep): Promise<"next" | RunOutcome> {
	const reason: PortraitFailureReason = step === "generate" ? "generation_failed" : "report_failed";
	const gpuJobId = step === "generate" ? job.portraitJobId : job.reportJobId;
	if (gpuJobId) {
		const mirror = await deps.db.query.gpuJobs.findFirst({ where: eq(gpuJobs.id, gpuJobId) });
		if (!mirror || !isTerminalStatus(mirror.status)) return "done";
		const outcome = await settlePortraitGpuJob(settleDepsOf(deps), mirror);
		if (outcome === "stored") return "next";
		if (outcome === "exhausted") await giveUp(deps, job.id, reason);
		return "done";
	}

	const counted = step === "generate" ? job.portraitAttempts : job.reportAttempts;
	const attempt = Math.max(1, counted);
	if (counted === 0) {
		await deps.db
			.update(portraitJobs)
			.set(step === "generate" ? { portraitAttempts: 1 } : { reportAttempts: 1 })
			.where(
				and(
					eq(portraitJobs.id, job.id),
					step === "generate" ? eq(portraitJobs.portraitAttempts, 0) : eq(portraitJobs.reportAttempts, 0),
					step === "generate" ? isNull(portraitJobs.portraitJobId) : isNull(portraitJobs.reportJobId),
				),
			);
	}
	const request = await stepRequest(deps, job, step, attempt);
	if (!request) {
		log("error", "portrait photo missing; the job cannot be processed", { jobId: job.id });
		await giveUp(deps, job.id, "generation_failed");
		return "done";
	}
	const view = await submitGpuJob(deps.gpu, request, stepKey(job.id, step, attempt));
	await deps.db
		.update(portraitJobs)
		.set(step === "generate" ? { portraitJobId: view.id, retryAt: null } : { reportJobId: view.id, retryAt: null })
		.where(
			and(
				eq(portraitJobs.id, job.id),
				eq(portraitJobs.status, "processing"),
				step === "generate" ? eq(portraitJobs.portraitAttempts, attempt) : eq(portraitJobs.reportAttempts, attempt),
				step === "generate" ? isNull(portraitJobs.portraitJobId) : isNull(portraitJobs.reportJobId),
			),
		);
	log("info", "portrait step submitted", { jobId: job.id, step, attempt, gpuJobId: view.id });
	await advancePortraitProgress(
		{ db: deps.db, progress: deps.gpu.progress, now: deps.now() },
		job.id,
		step === "generate" ? PORTRAIT_PROGRESS.submitted : PORTRAIT_PROGRESS.portraitsEnd,
		step === "generate" ? "portraits" : "report",
	);
	return "done";
}

/** The report without an LLM: the template, from the gateway's measurements of the photo. */
async function writeTemplateReport(deps: PortraitDeps, job: PortraitJob): Promise<void> {
	const report = templateReport(job.locale, await readMeasurements(deps.files, job.id), await knowledgeEntries(deps.db));
	await completePortraitJob(settleDepsOf(deps), job.id, report, "template", null);
}

/**
 * The `process` handler: takes a `processing` job one step further. Portraits first
 * (`portrait.generate`), then the report (`llm.text` when the Worker has an LLM configured,
 * else the template); the GPU job hook settles each gateway job and sends the next message.
 * A retry's backoff (`retryAt`) is respected by waiting out the rest of it. Anything else
 * (a job completed, failed or gone) is done.
 */
export const processingHandler: PortraitHandler = {
	async run(deps, jobId) {
		for (let i = 0; i < STEPS_PER_MESSAGE; i++) {
			const job = await loadJob(deps, jobId);
			if (job?.status !== "processing") return "done";
			const now = deps.now().getTime();
			if (job.retryAt && Date.parse(job.retryAt) > now) return { retryInSeconds: Math.max(1, Math.ceil((Date.parse(job.retryAt) - now) / 1000)) };
			if (await portraitsMissing(deps.db, jobId)) {
				const outcome = await gatewayStep(deps, job, "generate");
				if (outcome === "next") continue;
				return outcome;
			}
			if (job.report !== null) return "done";
			if (!deps.config.llm) {
				await writeTemplateReport(deps, job);
				return "done";
			}
			const outcome = await gatewayStep(deps, job, "report");
			if (outcome === "next") continue;
			return outcome;
		}
		return "done";
	},

	/** The queue gave up on a step (its bookkeeping kept failing): fail the job and refund it. */
	async deadLettered(deps, jobId) {
		const job = await loadJob(deps, jobId);
		if (job?.status !== "processing") return;
		try {
			await giveUp(deps, jobId, (await portraitsMissing(deps.db, jobId)) ? "generation_failed" : "report_failed");
		} catch (err) {
			log("error", "dead-lettered portrait job could not be failed", { jobId, error: errorMessage(err) });
			throw err;
		}
	},
};
