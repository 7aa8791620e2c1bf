import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { GpuJobInput, InputFile, VideoAspect, VideoProbe } from "../../../../src/shared/gpu-jobs.ts";
import { sniffImageType } from "../replicate/image-type.ts";
import { BackendError } from "../types.ts";
import { assScript } from "./ass-subtitles.ts";
import { checkComposition, probeMedia } from "./probe.ts";
import { MEDIA_BINARIES, runTool } from "./tools.ts";

/** Frame size of each aspect (docs/video.md). */
export const VIDEO_SIZES: Record<VideoAspect, { width: number; height: number }> = {
	"9:16": { width: 1080, height: 1920 },
	"16:9": { width: 1920, height: 1080 },
	"1:1": { width: 1080, height: 1080 },
};

const FPS = 30;
/** Cross-fade between scenes, shortened for very short scenes. */
const CROSSFADE_MS = 400;
/** How far the slow zoom goes over one scene. */
const ZOOM = 0.12;
/** The shortest scene worth a clip. */
const MIN_SCENE_MS = 100;

/** One clip of the timeline: scene `index`'s image from `startMs` to `endMs` of the video. */
export type Clip = { index: number; startMs: number; endMs: number };

/**
 * Lays the scenes on one gapless timeline from 0: each scene runs until the next one starts (a gap
 * keeps the earlier image), the last until its end. The video is as long as the last scene's end.
 */
export function timeline(scenes: GpuJobInput<"video.compose">["scenes"]): { clips: Clip[]; totalMs: number } {
	const order = scenes.map((scene, index) => ({ ...scene, index })).sort((a, b) => a.start_ms - b.start_ms || a.index - b.index);
	const clips: Clip[] = order.map((scene, i) => ({
		index: scene.index,
		startMs: i === 0 ? 0 : scene.start_ms,
		endMs: order[i + 1]?.start_ms ?? scene.end_ms,
	}));
	for (const clip of clips)
		if (clip.endMs - clip.startMs < MIN_SCENE_MS)
			throw new BackendError("INPUT_INVALID", `scene ${clip.index + 1} lasts under ${MIN_SCENE_MS} ms (overlapping or empty scene times)`, false);
	const last = clips[clips.length - 1];
	return { clips, totalMs: last ? last.endMs : 0 };
}

/**
 * The filter graph: each image scaled to cover the frame, a slow zoom (in on even scenes, out and
 * across on odd ones: zoompan over one still frame, which is fast), cross-faded into the next at its
 * start, then the ASS subtitles burned in when there are any. Clips but the last run one fade longer,
 * so the fade overlaps the next scene's start.
 */
export function filterGraph(clips: readonly Clip[], size: { width: number; height: number }, fadeMs: number, subtitles: string | null): string {
	const { width: w, height: h } = size;
	const parts: string[] = [];
	for (const [i, clip] of clips.entries()) {
		const ms = clip.endMs - clip.startMs + (i < clips.length - 1 ? fadeMs : 0);
		const frames = Math.max(1, Math.round((ms * FPS) / 1000));
		const zoom = i % 2 === 0 ? `1+${ZOOM}*on/${frames}` : `${1 + ZOOM}-${ZOOM}*on/${frames}`;
		const x = i % 2 === 0 ? "iw/2-iw/zoom/2" : `(iw-iw/zoom)*on/${frames}`;
		parts.push(
			`[${i}:v]scale=${w}:${h}:force_original_aspect_ratio=increase,crop=${w}:${h},setsar=1,zoompan=z='${zoom}':x='${x}':y='ih/2-ih/zoom/2':d=${frames}:s=${w}x${h}:fps=${FPS},format=yuv420p[c${i}]`,
		);
	}
	let last = "c0";
	for (let i = 1; i < clips.length; i++) {
		const clip = clips[i];
		if (!clip) continue;
		const out = `x${i}`;
		parts.push(`[${last}][c${i}]xfade=transition=fade:duration=${(fadeMs / 1000).toFixed(3)}:offset=${(clip.startMs / 1000).toFixed(3)}[${out}]`);
		last = out;
	}
	if (subtitles) {
		parts.push(`[${last}]ass=${subtitles}[vsub]`);
		last = "vsub";
	}
	parts.push(`[${last}]null[vout]`);
	return parts.join(";");
}

/** Reads `out_time_us` from ffmpeg's `-progress` lines. */
export function progressTimes(chunk: string): number[] {
	return [...chunk.matchAll(/^out_time_us=(\d+)$/gm)].map((m) => Number(m[1]) / 1000);
}

export type Composition = { video: Uint8Array; thumbnail: Uint8Array; probe: VideoProbe };

export type ComposeHooks = {
	signal: AbortSignal;
	loadInput(file: InputFile): Promise<Uint8Array>;
	/** 0–1 of each phase: inputs loaded, encoding (from ffmpeg's clock), probe. */
	progress(phase: "inputs" | "encode" | "probe", fraction: number): void;
	/** Fault injection and abort checks between phases. */
	checkpoint(step: string, index: number): Promise<void>;
	/** Longest ffmpeg may encode. */
	encodeTimeoutMs: number;
};

/**
 * Composes the video in a temp dir (removed after): loads the inputs, encodes H.264/AAC with
 * ffmpeg, takes the thumbnail, and probes the result, which must pass {@link checkComposition}.
 */
export async function compose(input: GpuJobInput<"video.compose">, hooks: ComposeHooks): Promise<Composition> {
	const size = VIDEO_SIZES[input.aspect];
	const { clips, totalMs } = timeline(input.scenes);
	const shortest = Math.min(...clips.map((c) => c.endMs - c.startMs));
	const fadeMs = clips.length > 1 ? Math.min(CROSSFADE_MS, Math.floor(shortest / 2)) : 0;
	const dir = await mkdtemp(join(tmpdir(), "gpu-compose-"));
	try {
		await hooks.checkpoint("fetch-inputs", 0);
		const images: string[] = [];
		for (const [i, scene] of input.scenes.entries()) {
			const bytes = await hooks.loadInput(scene.image);
			const type = sniffImageType(bytes);
			if (type.ext === "bin") throw new BackendError("INPUT_INVALID", `scene ${i + 1}'s image is not PNG, JPEG, WebP or GIF`, false);
			const name = `scene${i}.${type.ext}`;
			await writeFile(join(dir, name), bytes);
			images[i] = name;
			hooks.progress("inputs", (i + 1) / (input.scenes.length + 1));
		}
		await writeFile(join(dir, "voice.audio"), await hooks.loadInput(input.voice));
		hooks.progress("inputs", 1);
		const subtitles = input.subtitles.length > 0 ? "subtitles.ass" : null;
		if (subtitles) await writeFile(join(dir, subtitles), assScript(input.subtitles, input.style, size), "utf8");

		await hooks.checkpoint("compose", 1);
		const args = ["-hide_banner", "-nostdin", "-v", "error", "-y"];
		// Inputs in timeline order, so clip i is input i; the voice comes last.
		for (const clip of clips) args.push("-i", images[clip.index] ?? "");
		args.push("-i", "voice.audio");
		const voiceInput = clips.length;
		args.push(
			"-filter_complex",
			`${filterGraph(clips, size, fadeMs, subtitles)};[${voiceInput}:a]aresample=44100,apad[aout]`,
			"-map",
			"[vout]",
			"-map",
			"[aout]",
			"-c:v",
			"libx264",
			"-preset",
			"veryfast",
			"-crf",
			"23",
			// Capped so a minute stays near 26 MB, well inside the Worker's 50 MiB per artifact.
			"-maxrate",
			"3500k",
			"-bufsize",
			"7000k",
			"-pix_fmt",
			"yuv420p",
			"-r",
			String(FPS),
			"-c:a",
			"aac",
			"-b:a",
			"128k",
			"-movflags",
			"+faststart",
			"-t",
			(totalMs / 1000).toFixed(3),
			"-progress",
			"pipe:1",
			"video.mp4",
		);
		await runTool(MEDIA_BINARIES.ffmpeg, args, {
			cwd: dir,
			signal: hooks.signal,
			timeoutMs: hooks.encodeTimeoutMs,
			failureCode: "COMPOSE_FAILED",
			retryable: true,
			onStdout: (chunk) => {
				const at = progressTimes(chunk).pop();
				if (at !== undefined && totalMs > 0) hooks.progress("encode", Math.min(1, at / totalMs));
			},
		});

		await hooks.checkpoint("probe", 2);
		const first = clips[0];
		const thumbAt = first ? (first.startMs + first.endMs) / 2 : 0;
		await runTool(
			MEDIA_BINARIES.ffmpeg,
			["-hide_banner", "-nostdin", "-v", "error", "-y", "-ss", (thumbAt / 1000).toFixed(3), "-i", "video.mp4", "-frames:v", "1", "-q:v", "3", "thumbnail.jpg"],
			{ cwd: dir, signal: hooks.signal, timeoutMs: 60_000, failureCode: "COMPOSE_FAILED", retryable: true },
		);
		const probed = await probeMedia(join(dir, "video.mp4"), hooks.signal);
		checkComposition(probed, { ...size, durationMs: totalMs });
		hooks.progress("probe", 1);
		return {
			video: new Uint8Array(await readFile(join(dir, "video.mp4"))),
			thumbnail: new Uint8Array(await readFile(join(dir, "thumbnail.jpg"))),
			probe: { ...probed, subtitles_burned: subtitles !== null },
		};
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}
