/**
 * Fitting the voice-over to the video's length. Speech runs at a fairly steady rate per
 * character, so the voice step can choose its speed before speaking and correct it once after.
 * Rates measured with espeak-ng 1.51 at speed 1 (the local backend): Korean about 5.2 syllables
 * a second (spaces are not spoken), English about 15 characters a second; the gateway leaves a
 * 250 ms pause between sentences.
 */

const CHARACTERS_PER_SECOND = { ko: 5.2, en: 15 } as const;
const PAUSE_MS = 250;
/** The share of the video the voice aims to fill, leaving a breath at the end. */
const FILL = 0.92;
const MIN_SPEED = 0.5;
const MAX_SPEED = 2;

/** How long `sentences` take to say at speed 1. */
export function estimatedSpeechMs(sentences: readonly string[], language: "ko" | "en"): number {
	const spoken = sentences.reduce((sum, sentence) => sum + (language === "ko" ? sentence.replace(/\s+/g, "").length : sentence.length), 0);
	return (spoken / CHARACTERS_PER_SECOND[language]) * 1000 + PAUSE_MS * Math.max(0, sentences.length - 1);
}

/** About how many characters (Korean: syllables) can be said in `spanMs` at a brisk pace (1.2×), for the LLM's brief. */
export function speechBudgetChars(spanMs: number, language: "ko" | "en"): number {
	return Math.max(8, Math.round((spanMs / 1000) * CHARACTERS_PER_SECOND[language] * 1.2));
}

function clampSpeed(speed: number): number {
	return Math.round(Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed)) * 100) / 100;
}

/**
 * The speed to speak at: the brand's preferred one, faster when the words would not fit the
 * video at it (never slower than preferred: a short script just ends early), within 0.5–2.
 */
export function fittingSpeed(sentences: readonly string[], language: "ko" | "en", targetMs: number, preferred: number): number {
	const needed = estimatedSpeechMs(sentences, language) / (targetMs * FILL);
	return clampSpeed(Math.max(preferred, needed));
}

/** Whether a spoken voice overruns the video (more than 5 % past its target). */
export function voiceOverruns(voiceMs: number, targetMs: number): boolean {
	return voiceMs > targetMs * 1.05;
}

/** The speed for a second try after a voice spoken at `speed` lasted `voiceMs`: scaled to fit. */
export function correctedSpeed(speed: number, voiceMs: number, targetMs: number): number {
	return clampSpeed((speed * voiceMs) / (targetMs * FILL));
}

/**
 * Scenes re-timed to the voice: each scene starts when its first sentence is spoken (the first at
 * 0) and lasts until the next one starts; the last ends at `endMs`. `sentenceCounts[i]` is how
 * many of the voice's sentences scene i holds, in order.
 */
export function scenesAlongVoice(sentenceCounts: readonly number[], sentenceStartsMs: readonly number[], endMs: number): { startMs: number; endMs: number }[] {
	const starts: number[] = [];
	let index = 0;
	for (const [i, count] of sentenceCounts.entries()) {
		const previous = starts[i - 1] ?? 0;
		starts.push(i === 0 ? 0 : Math.max(previous + 1, Math.round(sentenceStartsMs[index] ?? previous + 1)));
		index += count;
	}
	return starts.map((startMs, i) => ({ startMs, endMs: i === starts.length - 1 ? Math.max(endMs, startMs + 1) : (starts[i + 1] as number) }));
}
