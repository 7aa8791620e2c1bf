import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { portraitImages, portraitJobs } from "../db/schema";
import type { WorkerGpuJobHook } from "../gpu/job-hooks";
import { type MirroredArtifact, parseArtifacts } from "../gpu/mirror";
import type { JobProgressNamespace } from "../gpu/progress";
import { toHex } from "../lib/hash";
import { errorMessage, log } from "../lib/log";
import { gpuArtifactKey, portraitGpuInputPrefix, portraitJobPrefix } from "../r2/keys";
import type { GpuJobRecord } from "../shared/gpu-job-hooks";
import type { PortraitReport } from "../shared/portraits";
import { backoffAfter, type PortraitGpuStep, parseStepKey, portraitSeeds, STEP_KIND } from "./attempts";
import type { PortraitJob } from "./jobs";
import { knowledgeEntries, matchRecommendations, recommendationInserts } from "./knowledge";
import type { PortraitMessage } from "./messages";
import { advancePortraitProgress, PORTRAIT_PROGRESS, publishPortraitProgress } from "./progress";
import { LLM_TEXT_ARTIFACT, MEASUREMENTS_ARTIFACT, PhotoMeasurements, parseReportAnswer, type ReportWriter, templateReport } from "./report";

/** What settling a portrait's GPU job needs (the hook's deps plus the portrait queue and progress objects). */
export type PortraitSettleDeps = { db: Db; files: R2Bucket; queue: Queue<PortraitMessage>; progress: JobProgressNamespace; now: Date };

/**
 * What one settling did: `ignored` (not this job's current attempt), `waiting` (live, or its
 * uploads not landed), `stored` (the portraits are in place: the report is next),
 * `retry_scheduled`, `exhausted` (the step failed its last attempt: fail and refund),
 * `completed` (the report is stored).
 */
export type SettleOutcome = "ignored" | "waiting" | "stored" | "retry_scheduled" | "exhausted" | "completed";

/** The measurements the gateway took of the photo, kept for the report. */
export function measurementsKey(jobId: string): string {
	return `${portraitJobPrefix(jobId)}measurements.json`;
}

/** The stored measurements of the photo; null when the backend gave none (the report then says so). */
export async function readMeasurements(files: R2Bucket, jobId: string): Promise<PhotoMeasurements | null> {
	const object = await files.get(measurementsKey(jobId));
	if (!object) return null;
	try {
		const parsed = PhotoMeasurements.safeParse(JSON.parse(await object.text()));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}

/**
 * The gateway's own offline answer to `llm.text` (gpu-gateway/src/backends/local/llm-text.ts)
 * ends with this: the gateway has no LLM, so no attempt would ever bring JSON.
 */
const GATEWAY_OFFLINE_MARK = "(no LLM configured)";

/** A portrait's R2 key: 128 random bits in the name, so no file name can be guessed. */
function portraitImageKey(jobId: string, extension: string): string {
	return `${portraitJobPrefix(jobId)}portrait-${toHex(crypto.getRandomValues(new Uint8Array(16)))}.${extension}`;
}

const FAILED = new Set(["failed", "expired", "canceled"]);

/** The step's columns on the job row. */
function columns(step: PortraitGpuStep) {
	return step === "generate"
		? { attempts: portraitJobs.portraitAttempts, gpuJob: portraitJobs.portraitJobId }
		: { attempts: portraitJobs.reportAttempts, gpuJob: portraitJobs.reportJobId };
}

function stepState(job: PortraitJob, step: PortraitGpuStep): { attempts: number; gpuJob: string | null } {
	return step === "generate" ? { attempts: job.portraitAttempts, gpuJob: job.portraitJobId } : { attempts: job.reportAttempts, gpuJob: job.reportJobId };
}

async function loadJob(db: Db, jobId: string): Promise<PortraitJob | undefined> {
	return db.query.portraitJobs.findFirst({ where: eq(portraitJobs.id, jobId) });
}

/** Deletes R2 keys, logging (not throwing) a failure: leftovers are under the job's prefixes and go with the deletion. */
async function deleteQuietly(files: R2Bucket, keys: string[], jobId: string): Promise<void> {
	if (keys.length === 0) return;
	try {
		await files.delete(keys);
	} catch (err) {
		log("warn", "portrait R2 clean-up failed", { jobId, error: errorMessage(err) });
	}
}

/** Deletes the photo's copy handed to the gateway: once the portraits exist (or the step gave up) nothing reads it. */
export async function deleteGpuInputs(files: R2Bucket, jobId: string): Promise<void> {
	try {
		const listed = await files.list({ prefix: portraitGpuInputPrefix(jobId) });
		await deleteQuietly(
			files,
			listed.objects.map((object) => object.key),
			jobId,
		);
	} catch (err) {
		log("warn", "portrait gpu input clean-up failed", { jobId, error: errorMessage(err) });
	}
}

/** The gateway's copies of a job's outputs in R2 (`gpu/<id>/…`): personal, deleted once taken over. */
function gpuArtifactKeys(job: GpuJobRecord): string[] {
	return parseArtifacts(job.artifacts).map((artifact) => artifact.r2_key ?? gpuArtifactKey(job.id, artifact.name));
}

/**
 * A failed attempt: the next one is scheduled after its backoff (attempt counter moved, gateway
 * job cleared, `retryAt` set, a `process` message sent with that delay), conditional on the row
 * still naming this gateway job, so a redelivered failure schedules nothing twice. After the
 * last attempt: `exhausted`, and the processing handler fails and refunds the job.
 */
async function failAttempt(deps: PortraitSettleDeps, row: PortraitJob, step: PortraitGpuStep, gpuJobId: string, why: string): Promise<SettleOutcome> {
	const { attempts } = stepState(row, step);
	const delay = backoffAfter(attempts);
	if (delay === null) {
		log("warn", "portrait step failed its last attempt", { jobId: row.id, step, attempt: attempts, why });
		return "exhausted";
	}
	const cols = columns(step);
	const retryAt = new Date(deps.now.getTime() + delay * 1000).toISOString();
	const moved = await deps.db
		.update(portraitJobs)
		.set(
			step === "generate"
				? { portraitAttempts: attempts + 1, portraitJobId: null, retryAt, progressStep: "retrying" }
				: { reportAttempts: attempts + 1, reportJobId: null, retryAt, progressStep: "retrying" },
		)
		.where(and(eq(portraitJobs.id, row.id), eq(portraitJobs.status, "processing"), eq(cols.gpuJob, gpuJobId), eq(cols.attempts, attempts)))
		.returning({ id: portraitJobs.id });
	if (moved.length > 0) {
		log("info", "portrait step retry scheduled", { jobId: row.id, step, failedAttempt: attempts, delaySeconds: delay, why });
		await deps.queue.send({ kind: "process", jobId: row.id }, { delaySeconds: delay });
		await publishPortraitProgress(deps, row.id);
	}
	return "retry_scheduled";
}

/** The three portrait artifacts in order (`portrait-1…`, `portrait-2…`, `portrait-3…`). */
function portraitArtifacts(job: GpuJobRecord): MirroredArtifact[] {
	return parseArtifacts(job.artifacts)
		.filter((artifact) => /^portrait-\d.*\.(png|jpe?g|webp)$/.test(artifact.name))
		.sort((a, b) => a.name.localeCompare(b.name));
}

function extensionOf(artifact: MirroredArtifact): string {
	return /\.(\w+)$/.exec(artifact.name)?.[1]?.toLowerCase() ?? "png";
}

/**
 * Takes over a succeeded `portrait.generate`: copies its measurements and three portraits out of
 * `gpu/<id>/` into `portraits/<jobId>/` under random names, one portrait_images row per position
 * with its seed, then deletes the gateway's copies and the photo's input copy. Positions already
 * stored are skipped, and a copy that lost a race for its row is deleted, so a redelivery stores
 * nothing twice.
 */
async function storePortraits(deps: PortraitSettleDeps, row: PortraitJob, job: GpuJobRecord, attempt: number): Promise<SettleOutcome> {
	const artifacts = portraitArtifacts(job);
	if (artifacts.length < 3) return failAttempt(deps, row, "generate", job.id, `the job returned ${artifacts.length} of 3 portraits`);
	const measurements = parseArtifacts(job.artifacts).find((artifact) => artifact.name === MEASUREMENTS_ARTIFACT);
	const needed = [...artifacts.slice(0, 3), ...(measurements ? [measurements] : [])];
	// The gateway uploads every output before it sends `job.succeeded`; an earlier re-read may not see them yet.
	if (needed.some((artifact) => !artifact.r2_key)) return "waiting";

	const stored = await deps.db.select({ position: portraitImages.position }).from(portraitImages).where(eq(portraitImages.jobId, row.id));
	if (stored.length < 3) {
		if (measurements?.r2_key) {
			const object = await deps.files.get(measurements.r2_key);
			if (object) await deps.files.put(measurementsKey(row.id), await object.arrayBuffer(), { httpMetadata: { contentType: "application/json" } });
		}
		const seeds = await portraitSeeds(row.id, attempt);
		const have = new Set(stored.map((image) => image.position));
		for (const [position, artifact] of artifacts.slice(0, 3).entries()) {
			if (have.has(position)) continue;
			const object = artifact.r2_key ? await deps.files.get(artifact.r2_key) : null;
			// A missing upload is the Worker's own bookkeeping failing: throw, the callback or sweep settles again.
			if (!object) throw new Error(`portrait artifact ${artifact.name} of ${job.id} is not in R2`);
			const key = portraitImageKey(row.id, extensionOf(artifact));
			const bytes = await object.arrayBuffer();
			await deps.files.put(key, bytes, { httpMetadata: { contentType: artifact.content_type }, sha256: artifact.sha256 });
			await deps.db
				.insert(portraitImages)
				.values({ jobId: row.id, position, r2Key: key, contentType: artifact.content_type, size: bytes.byteLength, seed: seeds[position] ?? null })
				.onConflictDoNothing();
			const kept = await deps.db.query.portraitImages.findFirst({ where: and(eq(portraitImages.jobId, row.id), eq(portraitImages.position, position)) });
			if (kept?.r2Key !== key) await deleteQuietly(deps.files, [key], row.id);
		}
		log("info", "portraits stored", { jobId: row.id, gpuJobId: job.id, attempt });
	}
	await advancePortraitProgress(deps, row.id, PORTRAIT_PROGRESS.portraitsEnd, "report");
	await deleteQuietly(deps.files, gpuArtifactKeys(job), row.id);
	await deleteGpuInputs(deps.files, row.id);
	return "stored";
}

/**
 * Completes a job with its report: known codes stored as its recommendations (unknown ones
 * dropped and logged), the report, its writer, `completed`, progress 100, in one batch,
 * conditional on the job still processing with this report step (`reportJobId`, null for the
 * template). Only the call that completed it enqueues the SMS, so it is sent once.
 */
export async function completePortraitJob(
	deps: PortraitSettleDeps,
	jobId: string,
	report: PortraitReport,
	writer: ReportWriter,
	reportJobId: string | null,
): Promise<boolean> {
	const matched = await matchRecommendations(deps.db, jobId, report);
	const at = deps.now.toISOString();
	const complete = deps.db
		.update(portraitJobs)
		.set({
			status: "completed",
			report: JSON.stringify(matched.report),
			reportWriter: writer,
			completedAt: at,
			retryAt: null,
			progressPercent: PORTRAIT_PROGRESS.done,
			progressStep: "done",
		})
		.where(
			and(
				eq(portraitJobs.id, jobId),
				eq(portraitJobs.status, "processing"),
				isNull(portraitJobs.report),
				reportJobId === null ? isNull(portraitJobs.reportJobId) : eq(portraitJobs.reportJobId, reportJobId),
			),
		)
		.returning({ id: portraitJobs.id });
	const results = await deps.db.batch([complete, ...recommendationInserts(deps.db, jobId, matched.codes)]);
	const completed = results[0].length > 0;
	if (completed) {
		log("info", "portrait job completed", { jobId, writer, recommendations: matched.codes.length, dropped: matched.unknown.length });
		await deps.queue.send({ kind: "sms", jobId });
		await publishPortraitProgress(deps, jobId);
	}
	return completed;
}

/** Takes over a succeeded `llm.text`: the answer must be a valid report, else the attempt failed. */
async function storeReport(deps: PortraitSettleDeps, row: PortraitJob, job: GpuJobRecord): Promise<SettleOutcome> {
	const answer = parseArtifacts(job.artifacts).find((artifact) => artifact.name === LLM_TEXT_ARTIFACT);
	if (!answer) return failAttempt(deps, row, "report", job.id, "the job returned no text");
	if (!answer.r2_key) return "waiting";
	const object = await deps.files.get(answer.r2_key);
	if (!object) throw new Error(`report artifact of ${job.id} is not in R2`);
	const text = await object.text();
	const parsed = parseReportAnswer(text);
	if (!parsed.ok && text.includes(GATEWAY_OFFLINE_MARK)) {
		// The Worker has an LLM configured but the gateway does not: the template writes it, and says so.
		log("warn", "gpu gateway has no LLM; the portrait report is written by the template", { jobId: row.id, gpuJobId: job.id });
		const report = templateReport(row.locale, await readMeasurements(deps.files, row.id), await knowledgeEntries(deps.db));
		await completePortraitJob(deps, row.id, report, "template", job.id);
		await deleteQuietly(deps.files, gpuArtifactKeys(job), row.id);
		return "completed";
	}
	if (!parsed.ok) return failAttempt(deps, row, "report", job.id, parsed.reason);
	await completePortraitJob(deps, row.id, parsed.report, "llm", job.id);
	await deleteQuietly(deps.files, gpuArtifactKeys(job), row.id);
	return "completed";
}

/**
 * Settles one GPU job of a portrait (owner `portrait:<jobId>`, Idempotency-Key
 * `portrait:<jobId>:<step>:<attempt>`): only the current attempt of a job still `processing`
 * counts; a callback that beats the submit's bookkeeping adopts its job by key. Live → progress;
 * succeeded → portraits or report stored; failed, expired or canceled → retry or exhausted.
 * Idempotent: every move is conditional, so callbacks and sweeps may deliver it again.
 */
export async function settlePortraitGpuJob(deps: PortraitSettleDeps, job: GpuJobRecord): Promise<SettleOutcome> {
	if (job.ownerType !== "portrait") return "ignored";
	const key = parseStepKey(job.idempotencyKey);
	if (!key || key.jobId !== job.ownerId || STEP_KIND[key.step] !== job.kind) return "ignored";
	let row = await loadJob(deps.db, key.jobId);
	if (row?.status !== "processing") return "ignored";
	const cols = columns(key.step);
	let state = stepState(row, key.step);
	if (state.gpuJob === null && state.attempts === key.attempt) {
		await deps.db
			.update(portraitJobs)
			.set(key.step === "generate" ? { portraitJobId: job.id } : { reportJobId: job.id })
			.where(and(eq(portraitJobs.id, row.id), isNull(cols.gpuJob), eq(cols.attempts, key.attempt)));
		row = await loadJob(deps.db, key.jobId);
		if (!row) return "ignored";
		state = stepState(row, key.step);
	}
	if (state.gpuJob !== job.id) return "ignored";

	if (job.status === "queued") return "waiting";
	if (job.status === "starting" || job.status === "running" || job.status === "retrying") {
		const percent =
			key.step === "generate"
				? PORTRAIT_PROGRESS.submitted + Math.round((job.progressPercent / 100) * (PORTRAIT_PROGRESS.portraitsEnd - PORTRAIT_PROGRESS.submitted))
				: PORTRAIT_PROGRESS.portraitsEnd + Math.round((job.progressPercent / 100) * (PORTRAIT_PROGRESS.reportEnd - PORTRAIT_PROGRESS.portraitsEnd));
		await advancePortraitProgress(deps, row.id, percent, key.step === "generate" ? "portraits" : "report");
		return "waiting";
	}
	if (job.status === "succeeded") return key.step === "generate" ? storePortraits(deps, row, job, key.attempt) : storeReport(deps, row, job);
	if (FAILED.has(job.status)) {
		const why = job.errorCode ? `${job.status}: ${job.errorCode}` : job.status;
		return failAttempt(deps, row, key.step, job.id, why);
	}
	return "waiting";
}

/**
 * The GPU job hook of the portrait line (registered in GPU_JOB_HOOKS, src/wiring.ts): settles
 * the job, then hands the next step to the processing handler (`process` message) once the
 * portraits are stored or a step has failed its last attempt. A redelivered outcome sends the
 * message again, which the handler's own state makes a no-op.
 */
export function settlePortraitJob(bindings: { queue: Queue<PortraitMessage>; progress: JobProgressNamespace }): WorkerGpuJobHook {
	return async (deps, job) => {
		if (job.ownerType !== "portrait") return;
		const outcome = await settlePortraitGpuJob({ ...deps, ...bindings }, job);
		if (outcome === "stored" || outcome === "exhausted") await bindings.queue.send({ kind: "process", jobId: job.ownerId });
	};
}

/** Whether any portrait row is missing: the portraits step is not done. */
export async function portraitsMissing(db: Db, jobId: string): Promise<boolean> {
	const rows = await db.select({ position: portraitImages.position }).from(portraitImages).where(eq(portraitImages.jobId, jobId));
	return rows.length < 3;
}
