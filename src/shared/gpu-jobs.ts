import { z } from "zod";

/**
 * Contract between the Worker and the gpu-gateway (DESIGN.md section 5).
 * Shared by both sides, so no `cloudflare:*` or `node:*` imports here.
 */

/** A lowercase hex SHA-256 digest. */
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "expected a lowercase hex SHA-256");
export type Sha256Hex = z.infer<typeof Sha256Hex>;

/** Where an input file lives: a fetchable URL or an R2 key, always pinned by its digest. */
export const InputFile = z.union([
	z.strictObject({ url: z.url({ protocol: /^(https?|data)$/ }), sha256: Sha256Hex }),
	z.strictObject({ r2Key: z.string().min(1).max(512), sha256: Sha256Hex }),
]);
export type InputFile = z.infer<typeof InputFile>;

/**
 * Fault injection, honoured by the `local` backend only; lets tests and drills
 * exercise retries, timeouts and slow jobs without a real GPU.
 */
export const FaultInjection = z.strictObject({
	/** Step name at which to fail; the first step when omitted. */
	failAtStep: z.string().min(1).max(64).optional(),
	/** How many attempts fail before one succeeds; every attempt fails when omitted. */
	failTimes: z.int().min(0).max(10).optional(),
	/** When true the failure is not retryable. */
	fatal: z.boolean().optional(),
	/** Never finish and never report progress, so only the watchdog can end the attempt. */
	hang: z.boolean().optional(),
	/** Extra time spent in each step. */
	slowMs: z.int().min(0).max(60_000).optional(),
});
export type FaultInjection = z.infer<typeof FaultInjection>;

/** Identifies the style a generation should follow and who signs it. */
export const ArtistStyleRef = z.strictObject({ artistId: z.string().min(1).max(128), styleId: z.string().min(1).max(128) });
export type ArtistStyleRef = z.infer<typeof ArtistStyleRef>;

/** Input of `lora.train`: the artist's training set. */
export const LoraTrainInput = z.strictObject({
	artistId: z.string().min(1).max(128),
	styleId: z.string().min(1).max(128),
	images: z.array(InputFile).min(10).max(100),
	fault: FaultInjection.optional(),
});
export type LoraTrainInput = z.infer<typeof LoraTrainInput>;

/** A model produced by an earlier `lora.train` job. */
export const ModelArtifactRef = z.strictObject({ jobId: z.string().min(1).max(64), name: z.string().min(1).max(128), sha256: Sha256Hex });
export type ModelArtifactRef = z.infer<typeof ModelArtifactRef>;

/** Aspect presets: 1:1 is 512², 2:2 the same square at double resolution, 1:2 portrait 512×1024. */
export const ImageAspect = z.enum(["1:1", "2:2", "1:2"]);
export type ImageAspect = z.infer<typeof ImageAspect>;

/** The aspects of a short video (docs/video.md): 9:16 is 1080×1920, 16:9 1920×1080, 1:1 1080×1080. */
export const VideoAspect = z.enum(["9:16", "16:9", "1:1"]);
export type VideoAspect = z.infer<typeof VideoAspect>;

/** What `image.generate` can be asked for: the style presets, plus the video aspects for scene images. */
export const GenerateAspect = z.enum([...ImageAspect.options, "9:16", "16:9"]);
export type GenerateAspect = z.infer<typeof GenerateAspect>;

/**
 * Who signs a generated image: the artist and style, and optionally the artist's signature image
 * (stamped into the corner) and display name. Without an image, backends stamp a text mark.
 */
export const ImageSignature = z.strictObject({
	...ArtistStyleRef.shape,
	image: InputFile.optional(),
	name: z.string().min(1).max(80).optional(),
});
export type ImageSignature = z.infer<typeof ImageSignature>;

/** Input of `image.generate`. */
export const ImageGenerateInput = z.strictObject({
	styleId: z.string().min(1).max(128),
	modelArtifact: ModelArtifactRef.optional(),
	prompt: z.string().min(1).max(500),
	seed: z
		.int()
		.min(0)
		.max(2 ** 31 - 1),
	aspect: GenerateAspect,
	signature: ImageSignature.optional(),
	fault: FaultInjection.optional(),
});
export type ImageGenerateInput = z.infer<typeof ImageGenerateInput>;

/**
 * Input of `portrait.generate`: one customer photo, three variants. With `seeds`, each variant is
 * made from the same `prompt` with its own seed (Replicate: three predictions of one model; local:
 * three deterministic variants), so an order can be re-made identically.
 */
export const PortraitGenerateInput = z.strictObject({
	photo: InputFile,
	variants: z.literal(3),
	prompt: z.string().min(1).max(500).optional(),
	seeds: z
		.array(
			z
				.int()
				.min(0)
				.max(2 ** 31 - 1),
		)
		.length(3)
		.optional(),
	fault: FaultInjection.optional(),
});
export type PortraitGenerateInput = z.infer<typeof PortraitGenerateInput>;

/** Input of `llm.text`. */
export const LlmTextInput = z.strictObject({
	prompt: z.string().min(1).max(20_000),
	maxTokens: z.int().min(1).max(8_192),
	fault: FaultInjection.optional(),
});
export type LlmTextInput = z.infer<typeof LlmTextInput>;

/** A language of speech and subtitles. */
export const SpeechLanguage = z.enum(["ko", "en"]);
export type SpeechLanguage = z.infer<typeof SpeechLanguage>;

/**
 * Input of `tts.speak`: text to speech. Sentences are spoken in order; the result is `voice.wav`
 * plus `timings.json` ({@link TtsTimings}), the start and end of each sentence, for subtitles.
 */
export const TtsSpeakInput = z.strictObject({
	/** One entry per sentence (or subtitle cue), in speaking order. */
	sentences: z.array(z.string().min(1).max(500)).min(1).max(60),
	language: SpeechLanguage.default("ko"),
	/** A voice of the backend (`female`, `male`, or a provider's voice id); the backend's default when omitted. */
	voice: z
		.string()
		.regex(/^[A-Za-z0-9_.+-]{1,64}$/)
		.optional(),
	speed: z.number().min(0.5).max(2).default(1),
	fault: FaultInjection.optional(),
});
export type TtsSpeakInput = z.infer<typeof TtsSpeakInput>;

/** `timings.json` of a `tts.speak` job: the voice's length and each sentence's span, in milliseconds. */
export const TtsTimings = z.object({
	duration_ms: z.int().min(0),
	sentences: z.array(z.object({ text: z.string(), start_ms: z.int().min(0), end_ms: z.int().min(0) })),
});
export type TtsTimings = z.infer<typeof TtsTimings>;

/** A colour as `#rrggbb`. */
export const HexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, "expected a #rrggbb colour");

/** How burned-in subtitles and the thumbnail look: the brand's colours and font. */
export const VideoBrandStyle = z.strictObject({
	/** Subtitle text colour. */
	textColor: HexColour,
	/** Subtitle outline and box colour. */
	accentColor: HexColour,
	/** A font installed on the gateway's machine (`Noto Sans CJK KR` by default). */
	font: z
		.string()
		.regex(/^[A-Za-z0-9 _-]{1,64}$/)
		.default("Noto Sans CJK KR"),
});
export type VideoBrandStyle = z.infer<typeof VideoBrandStyle>;

/** One scene of a composition: its image, shown from `start_ms` to `end_ms`. */
export const VideoScene = z.strictObject({ image: InputFile, start_ms: z.int().min(0), end_ms: z.int().min(1) });
/** One burned-in subtitle. */
export const SubtitleCue = z.strictObject({ text: z.string().min(1).max(500), start_ms: z.int().min(0), end_ms: z.int().min(1) });
export type SubtitleCue = z.infer<typeof SubtitleCue>;

/**
 * Input of `video.compose`: scenes (each image with a slow zoom-and-pan, cross-faded), the voice
 * track, subtitles burned in at 75 % height, in `aspect`. The result is `video.mp4` (H.264/AAC),
 * `thumbnail.jpg` and `probe.json` ({@link VideoProbe}), the composition as probed.
 */
export const VideoComposeInput = z.strictObject({
	scenes: z.array(VideoScene).min(1).max(30),
	voice: InputFile,
	subtitles: z.array(SubtitleCue).max(200),
	aspect: VideoAspect,
	style: VideoBrandStyle,
	fault: FaultInjection.optional(),
});
export type VideoComposeInput = z.infer<typeof VideoComposeInput>;

/** `probe.json` of a `video.compose` job: what the composed file holds, as ffprobe read it. */
export const VideoProbe = z.object({
	duration_ms: z.int().min(0),
	width: z.int().min(0),
	height: z.int().min(0),
	video_codec: z.string(),
	audio_codec: z.string().nullable(),
	subtitles_burned: z.boolean(),
});
export type VideoProbe = z.infer<typeof VideoProbe>;

/** Who a job is for; the Worker owns identity, the gateway only records it. */
export const JobOwner = z.strictObject({ type: z.string().regex(/^[a-z_]{1,32}$/), id: z.string().min(1).max(128) });
export type JobOwner = z.infer<typeof JobOwner>;

/** Optional per-job clock overrides, in milliseconds; the gateway applies per-kind defaults. */
export const JobClocks = z.strictObject({
	queue_ttl_ms: z
		.int()
		.min(100)
		.max(7 * 24 * 3_600_000)
		.optional(),
	run_timeout_ms: z
		.int()
		.min(100)
		.max(24 * 3_600_000)
		.optional(),
	deadline_ms: z
		.int()
		.min(100)
		.max(7 * 24 * 3_600_000)
		.optional(),
});
export type JobClocks = z.infer<typeof JobClocks>;

const requestCommon = {
	owner: JobOwner,
	callback_url: z.url({ protocol: /^https?$/ }).optional(),
	clocks: JobClocks.optional(),
};

/** Builds one member of the request union; a new kind is one more call, nothing reshaped. */
function jobRequest<K extends string, I extends z.ZodType>(kind: K, input: I) {
	return z.strictObject({ kind: z.literal(kind), input, ...requestCommon });
}

/** Body of `POST /v1/jobs`, discriminated on `kind`. */
export const CreateJobRequest = z.discriminatedUnion("kind", [
	jobRequest("lora.train", LoraTrainInput),
	jobRequest("image.generate", ImageGenerateInput),
	jobRequest("portrait.generate", PortraitGenerateInput),
	jobRequest("llm.text", LlmTextInput),
	jobRequest("tts.speak", TtsSpeakInput),
	jobRequest("video.compose", VideoComposeInput),
]);
export type CreateJobRequest = z.infer<typeof CreateJobRequest>;

/** Every job kind the contract knows. */
export type GpuJobKind = CreateJobRequest["kind"];

/** The input type of one kind. */
export type GpuJobInput<K extends GpuJobKind> = Extract<CreateJobRequest, { kind: K }>["input"];

/** Job statuses; the last four are terminal. */
export const GpuJobStatus = z.enum(["queued", "starting", "running", "retrying", "succeeded", "failed", "canceled", "expired"]);
export type GpuJobStatus = z.infer<typeof GpuJobStatus>;

/** Statuses from which a job never moves again. */
export const TERMINAL_STATUSES: readonly GpuJobStatus[] = ["succeeded", "failed", "canceled", "expired"];

/** True when a job in this status will not change any more. */
export function isTerminalStatus(status: GpuJobStatus): boolean {
	return TERMINAL_STATUSES.includes(status);
}

/** Why a job (or its last attempt) failed. */
export const GpuJobError = z.object({ code: z.string(), message: z.string(), retryable: z.boolean() });
export type GpuJobError = z.infer<typeof GpuJobError>;

/** One output file of a job. */
export const GpuArtifact = z.object({ name: z.string(), sha256: Sha256Hex, size: z.int().min(0), content_type: z.string() });
export type GpuArtifact = z.infer<typeof GpuArtifact>;

/** A job as `GET /v1/jobs/:id` returns it. Times are ISO-8601 strings. */
export const GpuJobView = z.object({
	id: z.string(),
	kind: z.string(),
	status: GpuJobStatus,
	owner: JobOwner,
	attempt: z.int().min(0),
	max_attempts: z.int().min(1),
	progress: z.object({ percent: z.number().min(0).max(100), step: z.string() }),
	error: GpuJobError.nullable(),
	artifacts: z.array(GpuArtifact),
	created_at: z.string(),
	updated_at: z.string(),
	deadlines: z.object({ queue_ttl_at: z.string(), run_timeout_ms: z.int(), deadline_at: z.string() }),
});
export type GpuJobView = z.infer<typeof GpuJobView>;

/** Event types sent to `callback_url`: one per status, plus progress and heartbeat. */
export const GpuJobEventType = z.enum([
	"job.queued",
	"job.starting",
	"job.running",
	"job.retrying",
	"job.succeeded",
	"job.failed",
	"job.canceled",
	"job.expired",
	"job.progress",
	"job.heartbeat",
]);
export type GpuJobEventType = z.infer<typeof GpuJobEventType>;

/**
 * Body of a Standard Webhooks callback. The edge treats it as a trigger and re-reads the
 * job, so `data` is a snapshot for logging, not the source of truth.
 */
export const GpuJobEvent = z.object({
	type: GpuJobEventType,
	timestamp: z.string(),
	data: z.object({ job_id: z.string(), status: GpuJobStatus, attempt: z.int(), progress: z.object({ percent: z.number(), step: z.string() }) }),
});
export type GpuJobEvent = z.infer<typeof GpuJobEvent>;

/** The error envelope of every non-2xx gateway response. */
export const GpuGatewayErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type GpuGatewayErrorBody = z.infer<typeof GpuGatewayErrorBody>;
