import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { GpuJobInput, TtsTimings } from "../../../../src/shared/gpu-jobs.ts";
import { BackendError } from "../types.ts";
import { MEDIA_BINARIES, runTool } from "./tools.ts";
import { encodeWav, parseWav, silence, type Wav, wavDurationMs } from "./wav.ts";

/** Pause between sentences, so subtitles do not flip mid-breath. */
export const SENTENCE_PAUSE_MS = 250;
/** espeak-ng's normal rate in words per minute; `speed` scales it. */
const BASE_WPM = 175;
/** One sentence never takes espeak-ng this long; a hung process is killed. */
const SENTENCE_TIMEOUT_MS = 30_000;

/** Named voices and espeak-ng's variants (`+f3` etc.) that the local backend offers. */
const VARIANTS: Record<string, string> = { female: "f3", male: "m3" };
const RAW_VARIANT = /^(f[1-5]|m[1-7])$/;

/** The espeak-ng voice for a language and an optional voice name: `ko+f3`, `en+m3`, or the language's default. */
export function espeakVoice(language: "ko" | "en", voice: string | undefined): string {
	if (!voice) return language;
	const variant = VARIANTS[voice] ?? (RAW_VARIANT.test(voice) ? voice : undefined);
	if (!variant) throw new BackendError("VOICE_UNSUPPORTED", `the local backend has no voice "${voice}" (female, male, f1–f5, m1–m7)`, false);
	return `${language}+${variant}`;
}

/** espeak-ng's `-s` for a speed factor 0.5–2.0, kept inside the range it accepts (80–450). */
export function espeakRate(speed: number): number {
	return Math.min(450, Math.max(80, Math.round(BASE_WPM * speed)));
}

export type SpeechResult = { wav: Uint8Array; timings: TtsTimings };

/**
 * Speaks each sentence into its own WAV with espeak-ng, measures it from its header, and joins them
 * with a short pause into one PCM `voice.wav`; the timings say where each sentence starts and ends.
 * The text goes through a file (`-f`), never the command line, so no sentence reads as an option.
 */
export async function speak(
	input: Pick<GpuJobInput<"tts.speak">, "sentences" | "language" | "voice" | "speed">,
	signal: AbortSignal,
	progress: (done: number) => void,
): Promise<SpeechResult> {
	const voice = espeakVoice(input.language, input.voice);
	const rate = String(espeakRate(input.speed));
	const dir = await mkdtemp(join(tmpdir(), "gpu-tts-"));
	try {
		const parts: Wav[] = [];
		for (const [i, sentence] of input.sentences.entries()) {
			const textFile = join(dir, `s${i}.txt`);
			const wavFile = join(dir, `s${i}.wav`);
			await writeFile(textFile, sentence.replace(/\s+/g, " ").trim(), "utf8");
			await runTool(MEDIA_BINARIES.espeak, ["-v", voice, "-s", rate, "-f", textFile, "-w", wavFile], {
				signal,
				timeoutMs: SENTENCE_TIMEOUT_MS,
				failureCode: "SPEECH_FAILED",
				retryable: true,
			});
			parts.push(parseWav(new Uint8Array(await readFile(wavFile))));
			progress(i + 1);
		}
		return joinSentences(input.sentences, parts);
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

/** Joins sentence WAVs (one format) with pauses between them; the timings come from the byte counts. */
export function joinSentences(sentences: readonly string[], parts: readonly Wav[]): SpeechResult {
	const [first] = parts;
	if (!first) throw new BackendError("SPEECH_INVALID", "no sentence was spoken", false);
	const pause = silence(first, SENTENCE_PAUSE_MS);
	const chunks: Uint8Array[] = [];
	const spans: TtsTimings["sentences"] = [];
	let bytes = 0;
	const ms = (byteCount: number) => Math.round((byteCount / first.byteRate) * 1000);
	for (const [i, part] of parts.entries()) {
		if (part.sampleRate !== first.sampleRate || part.channels !== first.channels || part.bitsPerSample !== first.bitsPerSample)
			throw new BackendError("SPEECH_INVALID", "espeak-ng wrote sentences in different formats", true);
		if (i > 0) {
			chunks.push(pause);
			bytes += pause.byteLength;
		}
		const start = bytes;
		chunks.push(part.data);
		bytes += part.data.byteLength;
		spans.push({ text: sentences[i] ?? "", start_ms: ms(start), end_ms: ms(bytes) });
	}
	const data = new Uint8Array(bytes);
	let at = 0;
	for (const chunk of chunks) {
		data.set(chunk, at);
		at += chunk.byteLength;
	}
	const { data: _, ...format } = first;
	return { wav: encodeWav(format, data), timings: { duration_ms: wavDurationMs({ data, byteRate: first.byteRate }), sentences: spans } };
}
