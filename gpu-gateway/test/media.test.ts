import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GpuJobInput, InputFile, TtsTimings, VideoProbe } from "../../src/shared/gpu-jobs.ts";
import { assColour, assScript, escapeAssText } from "../src/backends/local/ass-subtitles.ts";
import { timeline } from "../src/backends/local/compose.ts";
import { checkComposition } from "../src/backends/local/probe.ts";
import { espeakRate, espeakVoice } from "../src/backends/local/speech.ts";
import { detectMediaTools, MEDIA_INSTALL, runTool } from "../src/backends/local/tools.ts";
import { parseWav, wavDurationMs } from "../src/backends/local/wav.ts";
import { LocalBackend } from "../src/backends/local.ts";
import { type BackendContext, BackendError, type BackendJob } from "../src/backends/types.ts";
import type { Gateway } from "../src/gateway.ts";
import { sha256Hex } from "../src/hash.ts";
import { authHeaders, downloadArtifact, postJob, startTestGateway, tempDataDir, waitForStatus } from "./helpers.ts";

// Real ffmpeg, ffprobe and espeak-ng (apt-get install -y ffmpeg espeak-ng fonts-noto-cjk), tiny inputs.
const backend = new LocalBackend({ media: { ready: true, missing: [], install: MEDIA_INSTALL } });
const STYLE = { textColor: "#ffffff", accentColor: "#d0021b", font: "Noto Sans CJK KR" };

/** A context whose inputs are data URLs decoded in memory; records progress. */
function context(progress: number[] = []): BackendContext {
	return {
		signal: new AbortController().signal,
		progress: (percent) => progress.push(percent),
		readArtifact: () => Promise.reject(new Error("no artifacts here")),
		loadInput: async (file: InputFile) => {
			const url = "url" in file ? file.url : "";
			return new Uint8Array(Buffer.from(url.slice(url.indexOf(",") + 1), "base64"));
		},
	};
}

function dataInput(bytes: Uint8Array, mime: string): { url: string; sha256: string } {
	return { url: `data:${mime};base64,${Buffer.from(bytes).toString("base64")}`, sha256: sha256Hex(bytes) };
}

async function runJob<K extends BackendJob["kind"]>(kind: K, input: GpuJobInput<K>, ctx = context()) {
	const result = await backend.run({ id: `job_${kind}`, attempt: 1, kind, input } as BackendJob, ctx);
	return Object.fromEntries(result.artifacts.map((a) => [a.name, a]));
}

/** A flat image with a contrasting block, so the zoom shows. */
async function sceneImage(colour: string, width: number, height: number): Promise<Uint8Array> {
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${colour}"/><rect x="${width / 4}" y="${height / 4}" width="${width / 2}" height="${height / 8}" fill="#222"/></svg>`;
	return new Uint8Array(await sharp(Buffer.from(svg)).png().toBuffer());
}

/** One frame at `seconds` as 8-bit grey pixels, `w`×`h`. */
function grabGrey(video: Uint8Array, seconds: number, w: number, h: number): Uint8Array {
	const dir = mkdtempSync(join(tmpdir(), "media-test-"));
	const file = join(dir, "v.mp4");
	writeFileSync(file, video);
	const out = spawnSync(
		"ffmpeg",
		["-v", "error", "-ss", String(seconds), "-i", file, "-frames:v", "1", "-s", `${w}x${h}`, "-pix_fmt", "gray", "-f", "rawvideo", "pipe:1"],
		{
			maxBuffer: 10_000_000,
		},
	);
	expect(out.status).toBe(0);
	return new Uint8Array(out.stdout);
}

/** Mean absolute difference of two grey frames over rows [from, to). */
function rowDiff(a: Uint8Array, b: Uint8Array, w: number, from: number, to: number): number {
	let sum = 0;
	for (let i = from * w; i < to * w; i++) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
	return sum / ((to - from) * w);
}

let voice: { wav: Uint8Array; timings: TtsTimings };

beforeAll(async () => {
	const artifacts = await runJob("tts.speak", { sentences: ["안녕하세요.", "반갑습니다."], language: "ko", speed: 1 });
	voice = { wav: artifacts["voice.wav"]?.bytes ?? new Uint8Array(), timings: JSON.parse(new TextDecoder().decode(artifacts["timings.json"]?.bytes)) };
}, 20_000);

describe("tts.speak on espeak-ng", () => {
	it("speaks Korean into one WAV whose timings are ordered and inside its length", () => {
		const wav = parseWav(voice.wav);
		expect(wav.sampleRate).toBeGreaterThan(8_000);
		const duration = wavDurationMs(wav);
		expect(duration).toBeGreaterThan(500);
		expect(voice.timings.duration_ms).toBe(duration);
		const [first, second] = voice.timings.sentences;
		expect(voice.timings.sentences.map((s) => s.text)).toEqual(["안녕하세요.", "반갑습니다."]);
		expect(first?.start_ms).toBe(0);
		expect(first?.end_ms).toBeGreaterThan(0);
		// The pause sits between the sentences.
		expect(second?.start_ms).toBeGreaterThan(first?.end_ms ?? Infinity);
		expect(second?.end_ms).toBe(duration);
	});

	it("speaks English with a named voice, slower when asked, and reports progress per sentence", async () => {
		const progress: number[] = [];
		const normal = await runJob("tts.speak", { sentences: ["Hello there.", "Nice to meet you."], language: "en", voice: "male", speed: 1 }, context(progress));
		const slow = await runJob("tts.speak", { sentences: ["Hello there.", "Nice to meet you."], language: "en", voice: "female", speed: 0.5 });
		const ms = (a: Record<string, { bytes: Uint8Array }>) => wavDurationMs(parseWav(a["voice.wav"]?.bytes ?? new Uint8Array()));
		expect(ms(slow)).toBeGreaterThan(ms(normal) * 1.4);
		expect(progress.length).toBeGreaterThanOrEqual(4);
		expect(progress).toEqual([...progress].sort((a, b) => a - b));
		expect(espeakVoice("ko", "female")).toBe("ko+f3");
		expect(espeakRate(2)).toBe(350);
		expect(() => espeakVoice("ko", "narrator-9")).toThrow(/no voice/);
	});
});

describe("video.compose on ffmpeg", () => {
	const size = 1080;
	let scenes: GpuJobInput<"video.compose">["scenes"];
	let withSubs: Record<string, { bytes: Uint8Array }>;
	let withoutSubs: Record<string, { bytes: Uint8Array }>;
	const cue = { text: "안녕, {세상} \\N 100%", start_ms: 300, end_ms: 1_700 };

	beforeAll(async () => {
		const a = dataInput(await sceneImage("#3a7bd5", 512, 512), "image/png");
		const b = dataInput(await sceneImage("#f2c94c", 512, 512), "image/png");
		scenes = [
			{ image: a, start_ms: 0, end_ms: 1_000 },
			{ image: b, start_ms: 1_000, end_ms: 2_000 },
		];
		const base = { scenes, voice: dataInput(voice.wav, "audio/wav"), aspect: "1:1" as const, style: STYLE };
		withSubs = await runJob("video.compose", { ...base, subtitles: [cue] });
		withoutSubs = await runJob("video.compose", { ...base, subtitles: [] });
	}, 60_000);

	it("writes an H.264/AAC MP4 of the exact size and length, and says so in probe.json", () => {
		const probe: VideoProbe = JSON.parse(new TextDecoder().decode(withSubs["probe.json"]?.bytes));
		expect(probe).toMatchObject({ width: size, height: size, video_codec: "h264", audio_codec: "aac", subtitles_burned: true });
		expect(Math.abs(probe.duration_ms - 2_000)).toBeLessThanOrEqual(200);
		expect(JSON.parse(new TextDecoder().decode(withoutSubs["probe.json"]?.bytes)).subtitles_burned).toBe(false);
		const mp4 = withSubs["video.mp4"]?.bytes ?? new Uint8Array();
		expect(new TextDecoder().decode(mp4.subarray(4, 8))).toBe("ftyp");
	});

	it("burns the subtitle into the band at 75 % height and nowhere else", () => {
		const w = 108;
		const framed = grabGrey(withSubs["video.mp4"]?.bytes ?? new Uint8Array(), 1.2, w, w);
		const plain = grabGrey(withoutSubs["video.mp4"]?.bytes ?? new Uint8Array(), 1.2, w, w);
		const band = rowDiff(framed, plain, w, 74, 88);
		const top = rowDiff(framed, plain, w, 0, 60);
		expect(band).toBeGreaterThan(15);
		expect(top).toBeLessThan(3);
	});

	it("takes a JPEG thumbnail of the video's size", async () => {
		const meta = await sharp(withSubs["thumbnail.jpg"]?.bytes ?? new Uint8Array()).metadata();
		expect(meta).toMatchObject({ format: "jpeg", width: size, height: size });
	});

	it("fails on an input it cannot load or read, and on a probe that does not match", async () => {
		const broken: BackendContext = { ...context(), loadInput: () => Promise.reject(new BackendError("INPUT_UNAVAILABLE", "input 404", true)) };
		const input = { scenes, voice: dataInput(voice.wav, "audio/wav"), subtitles: [], aspect: "1:1" as const, style: STYLE };
		await expect(runJob("video.compose", input, broken)).rejects.toMatchObject({ code: "INPUT_UNAVAILABLE" });
		const notImage = dataInput(new TextEncoder().encode("not an image"), "text/plain");
		await expect(runJob("video.compose", { ...input, scenes: [{ image: notImage, start_ms: 0, end_ms: 1_000 }] })).rejects.toMatchObject({
			code: "INPUT_INVALID",
			retryable: false,
		});
		const probe = { duration_ms: 2_000, width: 1080, height: 1080, video_codec: "h264", audio_codec: "aac" };
		expect(() => checkComposition(probe, { width: 1080, height: 1080, durationMs: 2_100 })).not.toThrow();
		expect(() => checkComposition({ ...probe, height: 1920 }, { width: 1080, height: 1080, durationMs: 2_000 })).toThrow(/size 1080x1920/);
		expect(() => checkComposition({ ...probe, audio_codec: null }, { width: 1080, height: 1080, durationMs: 2_000 })).toThrow(/audio missing/);
		expect(() => checkComposition({ ...probe, duration_ms: 1_500 }, { width: 1080, height: 1080, durationMs: 2_000 })).toThrow(BackendError);
	});

	const ANY_IMAGE = { url: "data:image/png;base64,AA==", sha256: "0".repeat(64) };
	it("lays scenes on a gapless timeline and writes literal, brand-coloured ASS", () => {
		expect(
			timeline([
				{ image: ANY_IMAGE, start_ms: 200, end_ms: 900 },
				{ image: ANY_IMAGE, start_ms: 1_000, end_ms: 2_500 },
			]),
		).toEqual({
			clips: [
				{ index: 0, startMs: 0, endMs: 1_000 },
				{ index: 1, startMs: 1_000, endMs: 2_500 },
			],
			totalMs: 2_500,
		});
		expect(() =>
			timeline([
				{ image: ANY_IMAGE, start_ms: 0, end_ms: 1_000 },
				{ image: ANY_IMAGE, start_ms: 0, end_ms: 1_000 },
			]),
		).toThrow(/scene/);
		expect(assColour("#1a2b3c")).toBe("&H003C2B1A");
		expect(escapeAssText("a\\Nb {x}\nc")).toBe("a\\\u2060Nb \\{x\\}\\Nc");
		const script = assScript([cue], STYLE, { width: 1080, height: 1920 });
		expect(script).toContain("Style: Brand,Noto Sans CJK KR,");
		expect(script).toContain("&H001B02D0");
		expect(script).toContain("{\\an5\\pos(540,1440)}안녕, \\{세상\\}");
	});
});

describe("the media kinds through the gateway", () => {
	let gw: Gateway;
	beforeAll(async () => {
		gw = await startTestGateway(tempDataDir());
	});
	afterAll(async () => {
		await gw.stop();
	});

	it("runs a 9:16 composition from POST /v1/jobs to three artifacts, and /healthz reports the tools", async () => {
		expect(await (await fetch(`${gw.url}/healthz`)).json()).toEqual({ ok: true, media: { ready: true, missing: [], install: MEDIA_INSTALL } });
		const image = dataInput(await sceneImage("#2d9c6a", 288, 512), "image/png");
		const res = await postJob(gw, {
			kind: "video.compose",
			owner: { type: "project", id: "prj_1" },
			input: {
				scenes: [
					{ image, start_ms: 0, end_ms: 1_000 },
					{ image, start_ms: 1_000, end_ms: 2_000 },
				],
				voice: dataInput(voice.wav, "audio/wav"),
				subtitles: voice.timings.sentences.map((s) => ({ text: s.text, start_ms: s.start_ms, end_ms: s.end_ms })),
				aspect: "9:16",
				style: STYLE,
			},
		});
		expect(res.status).toBe(201);
		const { id } = (await res.json()) as { id: string };
		const job = await waitForStatus(gw, id, ["succeeded", "failed"], 40_000);
		expect(job.status).toBe("succeeded");
		expect(job.artifacts.map((a) => a.name).sort()).toEqual(["probe.json", "thumbnail.jpg", "video.mp4"]);
		const probe: VideoProbe = JSON.parse(new TextDecoder().decode(await downloadArtifact(gw, id, "probe.json")));
		expect(probe).toMatchObject({ width: 1080, height: 1920, video_codec: "h264", audio_codec: "aac", subtitles_burned: true });
		const thumb = await sharp(await downloadArtifact(gw, id, "thumbnail.jpg")).metadata();
		expect(thumb).toMatchObject({ format: "jpeg", width: 1080, height: 1920 });
	}, 45_000);

	it("applies injected faults to the new kinds", async () => {
		const speech = await postJob(gw, {
			kind: "tts.speak",
			owner: { type: "project", id: "prj_1" },
			input: { sentences: ["안녕하세요."], fault: { failAtStep: "join", failTimes: 1 } },
		});
		const compose = await postJob(gw, {
			kind: "video.compose",
			owner: { type: "project", id: "prj_1" },
			input: {
				scenes: [{ image: dataInput(await sceneImage("#000", 64, 64), "image/png"), start_ms: 0, end_ms: 1_000 }],
				voice: dataInput(voice.wav, "audio/wav"),
				subtitles: [],
				aspect: "1:1",
				style: STYLE,
				fault: { fatal: true },
			},
		});
		const retried = await waitForStatus(gw, ((await speech.json()) as { id: string }).id, ["succeeded", "failed"]);
		expect(retried).toMatchObject({ status: "succeeded", attempt: 2 });
		expect(retried.artifacts.map((a) => a.name).sort()).toEqual(["timings.json", "voice.wav"]);
		const fatal = await waitForStatus(gw, ((await compose.json()) as { id: string }).id, ["succeeded", "failed"]);
		expect(fatal).toMatchObject({ status: "failed", attempt: 1, error: { code: "INJECTED_FAULT", retryable: false } });
	}, 30_000);

	it("without the tools: starts, reports them missing, and refuses the media kinds", async () => {
		const bare = await startTestGateway(tempDataDir(), { media: { ready: false, missing: ["ffmpeg", "espeak-ng"], install: MEDIA_INSTALL } });
		try {
			expect(((await (await fetch(`${bare.url}/healthz`)).json()) as { media: unknown }).media).toEqual({
				ready: false,
				missing: ["ffmpeg", "espeak-ng"],
				install: MEDIA_INSTALL,
			});
			const res = await postJob(bare, { kind: "tts.speak", owner: { type: "project", id: "prj_1" }, input: { sentences: ["안녕하세요."] } });
			expect(res.status).toBe(400);
			expect(((await res.json()) as { error: { code: string } }).error.code).toBe("UNSUPPORTED_KIND");
			const backends = await (await fetch(`${bare.url}/v1/backends`, { headers: authHeaders() })).json();
			expect(backends).toEqual({ backends: [{ name: "local", kinds: ["lora.train", "image.generate", "portrait.generate", "llm.text"] }] });
		} finally {
			await bare.stop();
		}
		await expect(runTool("/nonexistent/espeak-ng", [], { timeoutMs: 5_000, failureCode: "X", retryable: true })).rejects.toMatchObject({
			code: "MEDIA_TOOLS_MISSING",
			retryable: false,
			message: expect.stringContaining(MEDIA_INSTALL),
		});
		expect(await detectMediaTools()).toEqual({ ready: true, missing: [], install: MEDIA_INSTALL });
	});
});
