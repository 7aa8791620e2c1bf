import type { FaultInjection, GpuJobInput, GpuJobKind } from "../../../src/shared/gpu-jobs.ts";
import { checkInputImage } from "./image-budget.ts";
import { compose } from "./local/compose.ts";
import { checkpoint } from "./local/faults.ts";
import { type LlmSettings, writeText } from "./local/llm-text.ts";
import { renderPortraits } from "./local/portrait.ts";
import { renderImage } from "./local/render.ts";
import { speak } from "./local/speech.ts";
import { defaultStyleProfile, learnStyleProfile, type StyleProfile } from "./local/style-profile.ts";
import type { MediaToolsStatus } from "./local/tools.ts";
import { measurementsArtifact } from "./photo-measure.ts";
import { generatedImageProvenance } from "./post-process.ts";
import { type BackendContext, BackendError, type BackendJob, type BackendResult, type GpuBackend } from "./types.ts";

/** Name of the model artifact `lora.train` writes and `image.generate` reads. */
export const STYLE_PROFILE_ARTIFACT = "style-profile.json";

/** The kinds the local backend always runs. */
export const LOCAL_KINDS: readonly GpuJobKind[] = ["lora.train", "image.generate", "portrait.generate", "llm.text"];

/** The kinds that need ffmpeg, ffprobe, espeak-ng and the CJK font; offered only when those are installed. */
export const MEDIA_KINDS: readonly GpuJobKind[] = ["tts.speak", "video.compose"];

/** Settings of the local backend. */
export type LocalBackendOptions = {
	/** An OpenAI-compatible endpoint for `llm.text`; without one the text comes from an offline template. */
	llm?: LlmSettings;
	/**
	 * A fault injected into every job (of `kinds`, all when omitted) that brings none of its own
	 * (GPU_GATEWAY_FAULT), for drills against a running gateway: retries, expiry, refunds.
	 */
	fault?: { fault: FaultInjection; kinds?: readonly GpuJobKind[] };
	/** What the start-up check found (tools.ts detectMediaTools); the media kinds are offered only when ready. */
	media?: MediaToolsStatus;
	/** Offer only these kinds (e.g. the media kinds beside a provider backend that runs the rest). */
	only?: readonly GpuJobKind[];
};

/** The offline backend: real CPU work with sharp, plus fault injection for drills and tests. */
export class LocalBackend implements GpuBackend {
	readonly name = "local";
	readonly kinds: readonly GpuJobKind[];
	private readonly llm: LlmSettings | undefined;
	private readonly environmentFault: LocalBackendOptions["fault"];

	constructor(options: LocalBackendOptions = {}) {
		this.llm = options.llm;
		this.environmentFault = options.fault;
		const all = options.media?.ready ? [...LOCAL_KINDS, ...MEDIA_KINDS] : LOCAL_KINDS;
		this.kinds = options.only ? all.filter((kind) => options.only?.includes(kind)) : all;
	}

	/** The job's own fault, else the environment's when it covers the job's kind. */
	private faultFor(job: BackendJob): FaultInjection | undefined {
		if (job.input.fault) return job.input.fault;
		const configured = this.environmentFault;
		return configured && (!configured.kinds || configured.kinds.includes(job.kind)) ? configured.fault : undefined;
	}

	/** Runs one attempt of a job. */
	async run(job: BackendJob, ctx: BackendContext): Promise<BackendResult> {
		const fault = this.faultFor(job);
		switch (job.kind) {
			case "lora.train":
				return this.trainStyle({ ...job.input, fault }, job.attempt, ctx);
			case "image.generate":
				return this.generateImage({ ...job.input, fault }, job.attempt, ctx, job.id);
			case "portrait.generate":
				return this.generatePortraits({ ...job.input, fault }, job.attempt, ctx);
			case "llm.text":
				return this.writeText({ ...job.input, fault }, job.attempt, ctx);
			case "tts.speak":
				return this.speak({ ...job.input, fault }, job.attempt, ctx);
			case "video.compose":
				return this.compose({ ...job.input, fault }, job.attempt, ctx);
			default: {
				// Every kind of the contract is handled; a job row written by a newer gateway may still name another.
				const unknown: { kind: string } = job;
				throw new BackendError("UNSUPPORTED_KIND", `the local backend does not run ${unknown.kind}`, false);
			}
		}
	}

	private async trainStyle(input: GpuJobInput<"lora.train">, attempt: number, ctx: BackendContext): Promise<BackendResult> {
		await checkpoint("fetch-images", 0, attempt, input.fault, ctx.signal);
		const images: Uint8Array[] = [];
		for (const [i, file] of input.images.entries()) {
			const image = await ctx.loadInput(file);
			await checkInputImage(image, `training image ${i + 1}`);
			images.push(image);
			ctx.progress(Math.round(((i + 1) / input.images.length) * 40), "fetch-images");
		}
		await checkpoint("analyse", 1, attempt, input.fault, ctx.signal);
		ctx.progress(50, "analyse");
		const profile = await learnStyleProfile(
			input.artistId,
			input.styleId,
			images,
			input.images.map((f) => f.sha256),
		);
		await checkpoint("write-model", 2, attempt, input.fault, ctx.signal);
		ctx.progress(90, "write-model");
		const bytes = new TextEncoder().encode(`${JSON.stringify(profile, null, "\t")}\n`);
		return { artifacts: [{ name: STYLE_PROFILE_ARTIFACT, contentType: "application/json", bytes }] };
	}

	private async generateImage(input: GpuJobInput<"image.generate">, attempt: number, ctx: BackendContext, jobId: string): Promise<BackendResult> {
		await checkpoint("load-model", 0, attempt, input.fault, ctx.signal);
		ctx.progress(10, "load-model");
		const profile = input.modelArtifact ? await this.loadProfile(input.modelArtifact, ctx) : defaultStyleProfile(input.styleId);
		await checkpoint("render", 1, attempt, input.fault, ctx.signal);
		ctx.progress(40, "render");
		const signatureImage = input.signature?.image ? await ctx.loadInput(input.signature.image) : undefined;
		const provenance = generatedImageProvenance("edge-factory/gpu-gateway/local", input, jobId);
		const png = await renderImage({
			profile,
			prompt: input.prompt,
			seed: input.seed,
			aspect: input.aspect,
			signature: input.signature,
			signatureImage,
			provenance,
		});
		await checkpoint("post-process", 2, attempt, input.fault, ctx.signal);
		ctx.progress(90, "post-process");
		return { artifacts: [{ name: "image.png", contentType: "image/png", bytes: png }] };
	}

	private async generatePortraits(input: GpuJobInput<"portrait.generate">, attempt: number, ctx: BackendContext): Promise<BackendResult> {
		await checkpoint("fetch-photo", 0, attempt, input.fault, ctx.signal);
		const photo = await ctx.loadInput(input.photo);
		await checkInputImage(photo, "photo");
		await checkpoint("render", 1, attempt, input.fault, ctx.signal);
		ctx.progress(50, "render");
		const variants = await renderPortraits(photo, input.seeds);
		ctx.progress(90, "measure");
		const measurements = await measurementsArtifact(photo);
		return { artifacts: [...variants.map((v) => ({ name: v.name, contentType: "image/png", bytes: v.bytes })), measurements] };
	}

	private async writeText(input: GpuJobInput<"llm.text">, attempt: number, ctx: BackendContext): Promise<BackendResult> {
		await checkpoint("generate", 0, attempt, input.fault, ctx.signal);
		ctx.progress(10, "generate");
		const text = await writeText(input, this.llm, ctx.signal);
		await checkpoint("write", 1, attempt, input.fault, ctx.signal);
		ctx.progress(90, "write");
		return { artifacts: [{ name: "text.md", contentType: "text/markdown; charset=utf-8", bytes: new TextEncoder().encode(text) }] };
	}

	private async speak(input: GpuJobInput<"tts.speak">, attempt: number, ctx: BackendContext): Promise<BackendResult> {
		await checkpoint("speak", 0, attempt, input.fault, ctx.signal);
		ctx.progress(5, "speak");
		const total = input.sentences.length;
		const { wav, timings } = await speak(input, ctx.signal, (done) => ctx.progress(5 + Math.round((done / total) * 85), `speak ${done}/${total}`));
		await checkpoint("join", 1, attempt, input.fault, ctx.signal);
		ctx.progress(95, "join");
		return {
			artifacts: [
				{ name: "voice.wav", contentType: "audio/wav", bytes: wav },
				{ name: "timings.json", contentType: "application/json", bytes: new TextEncoder().encode(`${JSON.stringify(timings)}\n`) },
			],
		};
	}

	private async compose(input: GpuJobInput<"video.compose">, attempt: number, ctx: BackendContext): Promise<BackendResult> {
		// Inputs 0–10 %, encoding 10–90 %, thumbnail and probe 90–100 %.
		const spans = { inputs: [0, 10], encode: [10, 90], probe: [90, 100] } as const;
		let last = -1;
		const result = await compose(input, {
			signal: ctx.signal,
			loadInput: (file) => ctx.loadInput(file),
			checkpoint: (step, index) => checkpoint(step, index, attempt, input.fault, ctx.signal),
			progress: (phase, fraction) => {
				const [from, to] = spans[phase];
				const percent = Math.round(from + (to - from) * fraction);
				// ffmpeg reports several times a second; one report per percent is plenty.
				if (percent === last) return;
				last = percent;
				ctx.progress(percent, phase === "encode" ? "compose" : phase === "inputs" ? "fetch-inputs" : "probe");
			},
			// Stay inside the run timeout (create-job.ts), which aborts the signal anyway.
			encodeTimeoutMs: 540_000,
		});
		return {
			artifacts: [
				{ name: "video.mp4", contentType: "video/mp4", bytes: result.video },
				{ name: "thumbnail.jpg", contentType: "image/jpeg", bytes: result.thumbnail },
				{ name: "probe.json", contentType: "application/json", bytes: new TextEncoder().encode(`${JSON.stringify(result.probe)}\n`) },
			],
		};
	}

	private async loadProfile(ref: { jobId: string; name: string; sha256: string }, ctx: BackendContext): Promise<StyleProfile> {
		const bytes = await ctx.readArtifact(ref.jobId, ref.name, ref.sha256);
		const parsed: StyleProfile = JSON.parse(new TextDecoder().decode(bytes));
		if (parsed.version !== 1 || !Array.isArray(parsed.palette)) throw new BackendError("MODEL_INVALID", "model artifact is not a style profile", false);
		return parsed;
	}
}
