import type { SubtitleCue, TtsTimings } from "../../shared/gpu-jobs";

/** `HH:MM:SS,mmm`. */
function srtTime(ms: number): string {
	const whole = Math.max(0, Math.round(ms));
	const h = Math.floor(whole / 3_600_000);
	const m = Math.floor((whole % 3_600_000) / 60_000);
	const s = Math.floor((whole % 60_000) / 1000);
	const pad = (n: number, width = 2) => String(n).padStart(width, "0");
	return `${pad(h)}:${pad(m)}:${pad(s)},${pad(whole % 1000, 3)}`;
}

/**
 * The voice's sentences as subtitle cues, cut to the video's length `totalMs`: empty sentences
 * and those starting after the end are dropped, an end past it is clamped.
 */
export function subtitleCues(timings: TtsTimings, totalMs: number): SubtitleCue[] {
	return timings.sentences
		.map((sentence) => ({ text: sentence.text.trim().slice(0, 500), start_ms: sentence.start_ms, end_ms: Math.min(sentence.end_ms, totalMs) }))
		.filter((cue) => cue.text.length > 0 && cue.start_ms < totalMs && cue.end_ms > cue.start_ms)
		.slice(0, 200);
}

/** The cues as an SRT file (numbered from 1, a blank line between cues). */
export function toSrt(cues: readonly SubtitleCue[]): string {
	return cues.map((cue, i) => `${i + 1}\n${srtTime(cue.start_ms)} --> ${srtTime(cue.end_ms)}\n${cue.text}\n`).join("\n");
}
