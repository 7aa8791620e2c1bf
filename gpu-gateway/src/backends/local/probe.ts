import type { VideoProbe } from "../../../../src/shared/gpu-jobs.ts";
import { BackendError } from "../types.ts";
import { MEDIA_BINARIES, runTool } from "./tools.ts";

type FfprobeStream = { codec_type?: string; codec_name?: string; width?: number; height?: number; duration?: string };
type FfprobeOutput = { streams?: FfprobeStream[]; format?: { duration?: string } };

/** What ffprobe says a media file holds: the first video and audio streams and the duration. */
export async function probeMedia(file: string, signal?: AbortSignal): Promise<Omit<VideoProbe, "subtitles_burned">> {
	const { stdout } = await runTool(MEDIA_BINARIES.ffprobe, ["-v", "error", "-print_format", "json", "-show_streams", "-show_format", file], {
		signal,
		timeoutMs: 30_000,
		failureCode: "COMPOSE_INVALID",
		retryable: false,
	});
	let parsed: FfprobeOutput;
	try {
		parsed = JSON.parse(stdout) as FfprobeOutput;
	} catch {
		throw new BackendError("COMPOSE_INVALID", "ffprobe printed no JSON", false);
	}
	const streams = parsed.streams ?? [];
	const video = streams.find((s) => s.codec_type === "video");
	const audio = streams.find((s) => s.codec_type === "audio");
	const seconds = Number(parsed.format?.duration ?? video?.duration ?? 0);
	return {
		duration_ms: Number.isFinite(seconds) ? Math.round(seconds * 1000) : 0,
		width: video?.width ?? 0,
		height: video?.height ?? 0,
		video_codec: video?.codec_name ?? "none",
		audio_codec: audio?.codec_name ?? null,
	};
}

/**
 * The checks before a composition counts as done: H.264 video of exactly the aspect's size, an AAC
 * audio stream, and a duration within 10 % of the scenes' end. Anything else is `COMPOSE_INVALID`:
 * the same inputs would compose the same wrong file, so it is not retried.
 */
export function checkComposition(probe: Omit<VideoProbe, "subtitles_burned">, expected: { width: number; height: number; durationMs: number }): void {
	const problems: string[] = [];
	if (probe.video_codec !== "h264") problems.push(`video codec ${probe.video_codec}, expected h264`);
	if (probe.width !== expected.width || probe.height !== expected.height)
		problems.push(`size ${probe.width}x${probe.height}, expected ${expected.width}x${expected.height}`);
	if (probe.audio_codec !== "aac") problems.push(`audio ${probe.audio_codec ?? "missing"}, expected aac`);
	if (Math.abs(probe.duration_ms - expected.durationMs) > expected.durationMs * 0.1)
		problems.push(`duration ${probe.duration_ms} ms, expected ${expected.durationMs} ms ± 10 %`);
	if (problems.length > 0) throw new BackendError("COMPOSE_INVALID", `composed video failed its probe: ${problems.join("; ")}`, false);
}
