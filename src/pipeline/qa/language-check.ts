import type { Locale } from "../../shared/locale";
import type { QaCheck } from "../../shared/qa";
import { check } from "./score";

/**
 * "Mostly" in the language, as a share of the letters of a file's visible text:
 * - ko: at least 50% Hangul. Korean counts one letter per syllable while an English word counts
 *   five or more, so a Korean guide that names tools in English ("Notion", "SEO") stays well
 *   above this, while English text labelled Korean (near 0%) fails.
 * - en: at least 80% Latin, leaving room for a Korean name or quote in an English guide.
 */
export const MIN_SHARE: Record<Locale, number> = { ko: 0.5, en: 0.8 };
/** Files too short to judge (a few letters) pass: a tiny checklist says nothing about the language. */
const MIN_LETTERS = 20;
const LANGUAGE_NAME: Record<Locale, string> = { ko: "Korean", en: "English" };
const decoder = new TextDecoder();

/** A file QA1 reads for its language: its path and bytes (null when missing; another check reports that). */
type TextFile = { path: string; body: Uint8Array | null };

/**
 * The text a reader sees: HTML without scripts, styles, tags and entities; Markdown without
 * code blocks, inline code and link targets; and no URLs anywhere.
 */
export function visibleText(path: string, text: string): string {
	let visible = text;
	if (/\.html?$/i.test(path)) {
		visible = visible
			.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, " ")
			.replace(/<!--[\s\S]*?-->/g, " ")
			.replace(/<[^>]*>/g, " ")
			.replace(/&[a-z0-9#]+;/gi, " ");
	} else {
		visible = visible
			.replace(/```[\s\S]*?```/g, " ")
			.replace(/`[^`]*`/g, " ")
			.replace(/\]\([^)]*\)/g, "] ");
	}
	return visible.replace(/\b(?:https?|mailto):\S+/gi, " ");
}

/** The share of `language`'s script among the letters of `text`, and how many letters it has. */
export function scriptShare(text: string, language: Locale): { share: number; letters: number } {
	const hangul = text.match(/[\uac00-\ud7a3\u1100-\u11ff\u3131-\u318e]/g)?.length ?? 0;
	const latin = text.match(/[A-Za-z\u00c0-\u024f]/g)?.length ?? 0;
	const letters = hangul + latin;
	if (letters === 0) return { share: 1, letters };
	return { share: (language === "ko" ? hangul : latin) / letters, letters };
}

/** Whether the buyer-facing text files (landing page, guide, checklist, README) are in `language`. */
export function languageCheck(files: TextFile[], language: Locale): QaCheck {
	const wrong: string[] = [];
	let judged = 0;
	for (const file of files) {
		if (!file.body || !/\.(html?|md|txt)$/i.test(file.path) || /(^|\/)LICENSE/i.test(file.path)) continue;
		const { share, letters } = scriptShare(visibleText(file.path, decoder.decode(file.body)), language);
		if (letters < MIN_LETTERS) continue;
		judged++;
		if (share < MIN_SHARE[language]) wrong.push(`${file.path} (${Math.round(share * 100)}% ${LANGUAGE_NAME[language]})`);
	}
	const name = LANGUAGE_NAME[language];
	return check(
		"content.language",
		"productization",
		wrong.length === 0,
		wrong.length === 0
			? `${judged} text files are mostly ${name} (${language})`
			: `not mostly ${name} (${language}, needs ${Math.round(MIN_SHARE[language] * 100)}% of letters): ${wrong.join(", ")}`,
		// A buyer who chose Korean and gets English (or the reverse) did not get what was sold.
		true,
	);
}
