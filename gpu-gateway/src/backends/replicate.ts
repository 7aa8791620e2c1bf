import type { GenerateAspect, GpuJobInput, GpuJobKind, ModelArtifactRef } from "../../../src/shared/gpu-jobs.ts";
import { sha256Hex } from "../hash.ts";
import { checkInputImage } from "./image-budget.ts";
import { measurementsArtifact } from "./photo-measure.ts";
import { finishGeneratedImage, generatedImageProvenance, reencodePng } from "./post-process.ts";
import { ReplicateApi, type ReplicateTask, type TaskKind } from "./replicate/api.ts";
import type { ModelRef, ReplicateOptions } from "./replicate/config.ts";
import { DEFAULT_DELIVERY_HOSTS } from "./replicate/delivery-hosts.ts";
import { sniffImageType } from "./replicate/image-type.ts";
import { downloadOutput, type OutputSource, outputText, outputUrls } from "./replicate/outputs.ts";
import { progressFromLogs } from "./replicate/progress.ts";
import { TRAINED_MODEL_ARTIFACT, TrainedModel, TrainingOutput } from "./replicate/trained-model.ts";
import { waitForTerminal } from "./replicate/wait.ts";
import { TaskWakeups } from "./replicate/wakeups.ts";
import { type ZipEntry, zipStored } from "./replicate/zip.ts";
import { type BackendArtifact, type BackendContext, BackendError, type BackendJob, type BackendResult, type GpuBackend } from "./types.ts";

const MIB = 1024 * 1024;
/** Replicate's Files API takes up to 100 MiB per file. */
const MAX_UPLOAD_BYTES = 100 * MIB;
/** A stalled download ends here rather than at the watchdog's silence limit. */
const DOWNLOAD_TIMEOUT_MS = 300_000;
/** A cancel on the way out must not hold up shutdown for long. */
const CANCEL_TIMEOUT_MS = 5_000;
/** Failures whose message says a retry would fail the same way (safety filters, rejected input). */
const PERMANENT_FAILURE = /nsfw|safety|flagged|sensitive content|invalid input|validation/i;
/** Replicate models take aspect ratios, not sizes; the image is then fitted to the preset exactly. */
const PROVIDER_ASPECT: Record<GenerateAspect, string> = { "1:1": "1:1", "2:2": "1:1", "1:2": "9:16", "9:16": "9:16", "16:9": "16:9" };
const PORTRAIT_SIZE = 768;
const SOFTWARE = "edge-factory gpu-gateway replicate";

/** Progress span one provider task covers within a job's 0–100. */
type Span = { from: number; to: number };

function modelLabel(model: ModelRef): string {
	if (model.kind === "model") return `${model.owner}/${model.name}`;
	return model.owner && model.name ? `${model.owner}/${model.name}:${model.version}` : model.version;
}

function errorText(error: unknown): string {
	if (typeof error === "string") return error;
	if (error === null || error === undefined) return "no error given";
	return JSON.stringify(error).slice(0, 300);
}

/** A terminal task that did not succeed, read as a job error. */
function failureOf(kind: TaskKind, task: ReplicateTask): BackendError {
	const what = `replicate ${kind === "predictions" ? "prediction" : "training"} ${task.id}`;
	// Nobody in this process canceled it (our cancels end the wait first): someone with the token did.
	if (task.status === "canceled") return new BackendError("PROVIDER_CANCELED", `${what} was canceled outside the gateway`, false);
	if (task.status === "aborted") return new BackendError("PROVIDER_ABORTED", `${what} was aborted before it ran`, true);
	const message = errorText(task.error);
	return new BackendError("PROVIDER_FAILED", `${what} failed: ${message}`, !PERMANENT_FAILURE.test(message));
}

/**
 * Runs jobs on Replicate: predictions for `image.generate`, `portrait.generate` and `llm.text`,
 * trainings for `lora.train`. Each attempt creates one task, waits for it (polling with backoff,
 * woken early by the provider's webhook), copies the outputs at once and post-processes them.
 * Nothing new is persisted: an attempt that ends early (cancel, timeout, shutdown) cancels its task.
 */
export class ReplicateBackend implements GpuBackend {
	readonly name = "replicate";
	readonly kinds: readonly GpuJobKind[];
	/** Verifies `POST /v1/providers/replicate/webhook`; undefined when webhooks are off. */
	readonly webhookSecret: string | undefined;
	private readonly options: ReplicateOptions;
	private readonly api: ReplicateApi;
	private readonly wakeups = new TaskWakeups();

	constructor(options: ReplicateOptions) {
		this.options = options;
		this.webhookSecret = options.webhookSecret;
		this.api = new ReplicateApi(options.apiBase, options.apiToken, options.requestTimeoutMs ?? 30_000);
		// Only kinds with a configured model are offered, so others answer UNSUPPORTED_KIND at create.
		const kinds: GpuJobKind[] = [];
		if (options.trainer && options.trainingDestination) kinds.push("lora.train");
		if (options.models.image) kinds.push("image.generate");
		if (options.models.portrait) kinds.push("portrait.generate");
		if (options.models.llm) kinds.push("llm.text");
		this.kinds = kinds;
	}

	/** Wakes the attempt waiting on a task; called for verified webhooks only. True when one was waiting. */
	wake(taskId: string): boolean {
		return this.wakeups.notify(taskId);
	}

	/** Runs one attempt of a job. */
	async run(job: BackendJob, ctx: BackendContext): Promise<BackendResult> {
		switch (job.kind) {
			case "image.generate":
				return this.generateImage(job.input, ctx, job.id);
			case "portrait.generate":
				return this.generatePortraits(job.input, ctx);
			case "llm.text":
				return this.generateText(job.input, ctx);
			case "lora.train":
				return this.trainStyle(job.input, ctx);
			default:
				// Speech and composition run on the gateway's machine (ffmpeg, espeak-ng); never offered here.
				throw new BackendError("UNSUPPORTED_KIND", `the replicate backend does not run ${job.kind}`, false);
		}
	}

	private model(which: keyof ReplicateOptions["models"]): ModelRef {
		const model = this.options.models[which];
		if (!model) throw new BackendError("UNSUPPORTED_KIND", `no Replicate model configured for ${which}`, false);
		return model;
	}

	private async generateImage(input: GpuJobInput<"image.generate">, ctx: BackendContext, jobId: string): Promise<BackendResult> {
		ctx.progress(2, "load-model");
		const trained = input.modelArtifact ? await this.readTrainedModel(input.modelArtifact, ctx) : undefined;
		const model: ModelRef = trained ? { kind: "version", version: trained.versionId } : this.model("image");
		const prompt = trained ? `${trained.triggerWord} ${input.prompt}` : input.prompt;
		const replicateInput = { prompt, seed: input.seed, aspect_ratio: PROVIDER_ASPECT[input.aspect], output_format: "png", num_outputs: 1 };
		const task = await this.runTask("predictions", (signal) => this.api.createPrediction(model, replicateInput, this.options.webhookUrl, signal), ctx, {
			from: 5,
			to: 85,
		});
		const [url] = outputUrls(task.output);
		if (!url) throw new BackendError("OUTPUT_INVALID", "replicate returned no image", true);
		ctx.progress(88, "download-outputs");
		const image = await downloadOutput(url, this.outputSource, { maxBytes: this.maxOutputBytes, timeoutMs: DOWNLOAD_TIMEOUT_MS, signal: ctx.signal });
		ctx.progress(95, "post-process");
		const signatureImage = input.signature?.image ? await ctx.loadInput(input.signature.image) : undefined;
		const provenance = generatedImageProvenance("edge-factory/gpu-gateway/replicate", input, jobId, {
			model: trained ? trained.model : modelLabel(model),
		});
		const png = await decodeOrFail(() =>
			finishGeneratedImage(image.bytes, { aspect: input.aspect, signature: input.signature, signatureImage, provenance, software: SOFTWARE }),
		);
		return { artifacts: [{ name: "image.png", contentType: "image/png", bytes: png }] };
	}

	private async generatePortraits(input: GpuJobInput<"portrait.generate">, ctx: BackendContext): Promise<BackendResult> {
		const model = this.model("portrait");
		ctx.progress(2, "fetch-photo");
		const photo = await ctx.loadInput(input.photo);
		// Refused here, not by the provider after an upload and a billed prediction.
		await checkInputImage(photo, "photo");
		const type = sniffImageType(photo);
		const upload = await this.api.uploadFile(photo, `photo.${type.ext}`, type.mime, ctx.signal);
		try {
			// With seeds: one prediction per seed of the same model and prompt (reproducible variants);
			// without: one prediction asked for all the variants.
			const requests = input.seeds
				? input.seeds.map((seed) => ({ image: upload.urls.get, num_outputs: 1, seed, ...(input.prompt ? { prompt: input.prompt } : {}) }))
				: [{ image: upload.urls.get, num_outputs: input.variants, ...(input.prompt ? { prompt: input.prompt } : {}) }];
			const urls: string[] = [];
			const span = 70 / requests.length;
			for (const [i, replicateInput] of requests.entries()) {
				const task = await this.runTask("predictions", (signal) => this.api.createPrediction(model, replicateInput, this.options.webhookUrl, signal), ctx, {
					from: Math.round(10 + i * span),
					to: Math.round(10 + (i + 1) * span),
				});
				urls.push(...outputUrls(task.output).slice(0, replicateInput.num_outputs));
			}
			if (urls.length < input.variants) throw new BackendError("OUTPUT_INVALID", `replicate returned ${urls.length} of ${input.variants} portraits`, true);
			const artifacts: BackendArtifact[] = [];
			for (const [i, url] of urls.slice(0, input.variants).entries()) {
				ctx.progress(82 + i * 5, "download-outputs");
				const image = await downloadOutput(url, this.outputSource, { maxBytes: this.maxOutputBytes, timeoutMs: DOWNLOAD_TIMEOUT_MS, signal: ctx.signal });
				const png = await decodeOrFail(() => reencodePng(image.bytes, PORTRAIT_SIZE, PORTRAIT_SIZE));
				artifacts.push({ name: `portrait-${i + 1}.png`, contentType: "image/png", bytes: png });
			}
			// Measured here as on the local backend, so the report reads the same numbers whichever ran.
			artifacts.push(await measurementsArtifact(photo));
			return { artifacts };
		} finally {
			await this.deleteQuietly(upload.id);
		}
	}

	private async generateText(input: GpuJobInput<"llm.text">, ctx: BackendContext): Promise<BackendResult> {
		const model = this.model("llm");
		const replicateInput = { prompt: input.prompt, max_tokens: input.maxTokens };
		const task = await this.runTask("predictions", (signal) => this.api.createPrediction(model, replicateInput, this.options.webhookUrl, signal), ctx, {
			from: 5,
			to: 95,
		});
		const text = outputText(task.output);
		if (!text) throw new BackendError("OUTPUT_INVALID", "replicate returned empty text", true);
		const bytes = new TextEncoder().encode(text);
		if (bytes.byteLength > this.maxOutputBytes) throw new BackendError("OUTPUT_TOO_LARGE", "text output exceeds the output cap", false);
		// Same name and type as the local backend, so callers never care which backend ran.
		return { artifacts: [{ name: "text.md", contentType: "text/markdown; charset=utf-8", bytes }] };
	}

	private async trainStyle(input: GpuJobInput<"lora.train">, ctx: BackendContext): Promise<BackendResult> {
		const { trainer, trainingDestination } = this.options;
		if (!trainer || !trainingDestination) throw new BackendError("UNSUPPORTED_KIND", "no Replicate trainer configured", false);
		const entries: ZipEntry[] = [];
		for (const [i, file] of input.images.entries()) {
			const bytes = await ctx.loadInput(file);
			await checkInputImage(bytes, `training image ${i + 1}`);
			entries.push({ name: `image-${String(i + 1).padStart(3, "0")}.${sniffImageType(bytes).ext}`, bytes });
			ctx.progress(Math.round(((i + 1) / input.images.length) * 10), "fetch-images");
		}
		const archive = zipStored(entries);
		if (archive.byteLength > MAX_UPLOAD_BYTES) throw new BackendError("INPUT_TOO_LARGE", "training images exceed Replicate's 100 MiB upload limit", false);
		ctx.progress(12, "upload-images");
		const upload = await this.api.uploadFile(archive, "training-images.zip", "application/zip", ctx.signal);
		try {
			// A stable, rare token per style: the trainer binds the style to it, prompts start with it.
			const triggerWord = `sty${sha256Hex(`${input.artistId}/${input.styleId}`).slice(0, 10)}`;
			const replicateInput = { input_images: upload.urls.get, trigger_word: triggerWord };
			const task = await this.runTask(
				"trainings",
				(signal) => this.api.createTraining(trainer, trainingDestination, replicateInput, this.options.webhookUrl, signal),
				ctx,
				{ from: 15, to: 85 },
			);
			const parsed = TrainingOutput.safeParse(task.output);
			if (!parsed.success) throw new BackendError("OUTPUT_INVALID", "replicate training output lacks a version and weights", false);
			ctx.progress(88, "download-weights");
			const weights = await downloadOutput(parsed.data.weights, this.outputSource, {
				maxBytes: this.options.maxWeightsBytes ?? 256 * MIB,
				timeoutMs: DOWNLOAD_TIMEOUT_MS,
				signal: ctx.signal,
			});
			const weightsName = `lora-weights.${weightsExtension(parsed.data.weights)}`;
			const versionId = parsed.data.version.split(":")[1] ?? "";
			const model: TrainedModel = {
				version: 1,
				provider: "replicate",
				artistId: input.artistId,
				styleId: input.styleId,
				model: parsed.data.version,
				versionId,
				triggerWord,
				weights: { name: weightsName, sha256: sha256Hex(weights.bytes), size: weights.bytes.byteLength },
				imageCount: input.images.length,
				sourceSha256: input.images.map((f) => f.sha256),
			};
			return {
				artifacts: [
					{ name: TRAINED_MODEL_ARTIFACT, contentType: "application/json", bytes: new TextEncoder().encode(`${JSON.stringify(model, null, "\t")}\n`) },
					{ name: weightsName, contentType: "application/octet-stream", bytes: weights.bytes },
				],
			};
		} finally {
			// The artist's training set should not outlive the training on someone else's disk.
			await this.deleteQuietly(upload.id);
		}
	}

	/**
	 * Creates one task and waits for it to end. Whatever ends the wait early (cancel, timeout,
	 * shutdown, an API that stopped answering), the task is canceled so it stops running and billing.
	 */
	private async runTask(kind: TaskKind, create: (signal: AbortSignal) => Promise<ReplicateTask>, ctx: BackendContext, span: Span): Promise<ReplicateTask> {
		ctx.progress(span.from, "submit");
		const created = await create(ctx.signal);
		let task: ReplicateTask;
		try {
			task = await waitForTerminal(created.id, {
				read: (signal) => this.api.getTask(kind, created.id, signal),
				onUpdate: (update) => reportProgress(update, ctx, span),
				wakeups: this.wakeups,
				pollMinMs: this.options.pollMinMs ?? 1_000,
				pollMaxMs: this.options.pollMaxMs ?? 10_000,
				signal: ctx.signal,
			});
		} catch (err) {
			await this.api.cancelTask(kind, created.id, AbortSignal.timeout(CANCEL_TIMEOUT_MS)).catch(() => {});
			throw err;
		}
		if (task.status !== "succeeded") throw failureOf(kind, task);
		return task;
	}

	private async deleteQuietly(fileId: string): Promise<void> {
		// Best effort: Replicate expires uploads on its own; a failed delete must not fail the job.
		await this.api.deleteFile(fileId, AbortSignal.timeout(CANCEL_TIMEOUT_MS)).catch(() => {});
	}

	private async readTrainedModel(ref: ModelArtifactRef, ctx: BackendContext): Promise<TrainedModel> {
		const bytes = await ctx.readArtifact(ref.jobId, ref.name, ref.sha256);
		let json: unknown;
		try {
			json = JSON.parse(new TextDecoder().decode(bytes));
		} catch {
			json = undefined;
		}
		const parsed = TrainedModel.safeParse(json);
		if (!parsed.success) throw new BackendError("MODEL_INVALID", "model artifact is not a Replicate-trained model", false);
		return parsed.data;
	}

	/** Where outputs may be fetched from: the API itself, or a delivery host through the SSRF guard. */
	private get outputSource(): OutputSource {
		return {
			api: this.api,
			hosts: this.options.deliveryHosts ?? DEFAULT_DELIVERY_HOSTS,
			allowPrivate: this.options.allowPrivateDelivery ?? false,
			resolver: this.options.resolver,
		};
	}

	private get maxOutputBytes(): number {
		return this.options.maxOutputBytes ?? 50 * MIB;
	}
}

/** Maps a task's status and logs onto the job's progress; every report is also a heartbeat. */
function reportProgress(task: ReplicateTask, ctx: BackendContext, span: Span): void {
	if (task.status === "starting") ctx.progress(span.from, "provider-starting");
	else if (task.status === "processing")
		ctx.progress(Math.round(span.from + (span.to - span.from) * (progressFromLogs(task.logs) ?? 0)), "provider-processing");
}

/** Weights keep their extension (`.tar`, `.safetensors`, `.zip`), so a later loader knows the format. */
function weightsExtension(url: string): string {
	const match = /\.(tar|safetensors|zip)$/i.exec(new URL(url).pathname);
	return match?.[1]?.toLowerCase() ?? "bin";
}

/** Runs a sharp step over provider bytes; bytes sharp cannot read are a provider fault, worth another attempt. */
async function decodeOrFail<T>(step: () => Promise<T>): Promise<T> {
	try {
		return await step();
	} catch (err) {
		// Our own refusals (an undecodable signature) keep their code and retryability.
		if (err instanceof BackendError) throw err;
		throw new BackendError("OUTPUT_INVALID", `replicate output is not a readable image: ${err instanceof Error ? err.message : String(err)}`, true);
	}
}
