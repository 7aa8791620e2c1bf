import { AppError } from "../lib/errors";
import { htmlText } from "./html-text";

/** Most keywords a prompt may have. */
export const MAX_PROMPT_KEYWORDS = 40;
/** Longest normalised prompt (keywords joined by ", "). */
export const MAX_PROMPT_LENGTH = 300;
/** Longest raw prompt accepted before normalising, so a huge body is refused before any parsing. */
export const MAX_RAW_PROMPT_LENGTH = 2_000;

/** A letter outside ASCII: the prompt is not English tag keywords. */
const NON_ASCII_LETTER = /(?![A-Za-z])\p{L}/u;

/**
 * A prompt as the style model takes it: English tag keywords, lowercase, `[a-z0-9-]` only,
 * comma-separated. HTML is reduced to its visible text first, so markup can neither reach the
 * model nor be echoed back into a page. Anything else separates keywords; letters of other
 * alphabets are refused rather than silently dropped, so the user learns why their words vanished.
 * Failures are `422 VALIDATION_FAILED`.
 */
export function normalizePrompt(raw: string): string {
	if (raw.length > MAX_RAW_PROMPT_LENGTH) throw invalid(`prompt: at most ${MAX_RAW_PROMPT_LENGTH} characters`);
	const text = htmlText(raw).normalize("NFC");
	if (NON_ASCII_LETTER.test(text)) throw invalid("prompt: use English keywords (letters a-z only)");
	const seen = new Set<string>();
	for (const word of text.toLowerCase().split(/[^a-z0-9-]+/)) {
		const keyword = word.replace(/^-+|-+$/g, "").replace(/-{2,}/g, "-");
		if (keyword) seen.add(keyword);
	}
	const keywords = [...seen];
	if (keywords.length === 0) throw invalid("prompt: no keywords left; describe the image with English words such as 'fox, forest, dawn'");
	if (keywords.length > MAX_PROMPT_KEYWORDS) throw invalid(`prompt: at most ${MAX_PROMPT_KEYWORDS} keywords`);
	const prompt = keywords.join(", ");
	if (prompt.length > MAX_PROMPT_LENGTH) throw invalid(`prompt: at most ${MAX_PROMPT_LENGTH} characters of keywords`);
	return prompt;
}

function invalid(message: string): AppError {
	return new AppError(422, "VALIDATION_FAILED", message);
}
