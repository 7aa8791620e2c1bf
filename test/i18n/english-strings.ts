import { en } from "../../src/i18n/en";
import { ko } from "../../src/i18n/ko";

type Tree = { readonly [key: string]: string | Tree };

/** Every message of a catalogue, by its dotted key. */
export function leaves(tree: Tree, prefix = ""): Map<string, string> {
	const found = new Map<string, string>();
	for (const [key, value] of Object.entries(tree)) {
		const path = prefix ? `${prefix}.${key}` : key;
		if (typeof value === "string") found.set(path, value);
		else for (const [k, v] of leaves(value, path)) found.set(k, v);
	}
	return found;
}

/**
 * The English phrases that must never show on a Korean page: the fixed parts (around
 * `{{values}}`) of every English message whose Korean differs, long enough to be prose (two
 * words or more, three for a fragment between values) rather than a code, a unit or a name both
 * languages share. Text the pipeline or a person wrote (QA details, titles) is data, not a message.
 */
export function englishPhrases(): Map<string, string> {
	const english = leaves(en as unknown as Tree);
	const korean = leaves(ko as unknown as Tree);
	const phrases = new Map<string, string>();
	for (const [key, value] of english) {
		if (korean.get(key) === value) continue;
		const parts = value.split(/\{\{[^}]*\}\}/);
		// A fragment between values ("at least") is common English; only a longer one is evidence.
		const wordsNeeded = parts.length > 1 ? 3 : 2;
		for (const part of parts) {
			const phrase = part.trim().replace(/[.,:;!?()]+$/, "");
			const words = phrase.match(/[A-Za-z]{2,}/g) ?? [];
			if (words.length >= wordsNeeded && phrase.length >= 8) phrases.set(phrase, key);
		}
	}
	return phrases;
}

/** What a reader sees of a page: its text and the attributes read out or shown (titles, labels, placeholders, alt text). */
export function visibleText(html: string): string {
	// Text marked English on a Korean page is data written in English (QA details from the
	// pipeline), said so with `lang="en"` for screen readers too: not a message to translate.
	const withoutCode = html
		.replace(/<script\b[\s\S]*?<\/script>/gi, " ")
		.replace(/<style\b[\s\S]*?<\/style>/gi, " ")
		.replace(/<(\w+)\b[^>]*\slang="en"[^>]*>[\s\S]*?<\/\1>/gi, " ");
	const attributes = [...withoutCode.matchAll(/\s(?:title|aria-label|placeholder|alt|value|content)="([^"]*)"/gi)].map((m) => m[1] ?? "");
	const text = withoutCode.replace(/<[^>]+>/g, " ");
	return decode(`${text} ${attributes.join(" ")}`).replace(/\s+/g, " ");
}

function decode(text: string): string {
	return text
		.replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
		.replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
		.replace(/&quot;/g, '"')
		.replace(/&#39;|&apos;/g, "'")
		.replace(/&lt;/g, "<")
		.replace(/&gt;/g, ">")
		.replace(/&amp;/g, "&");
}
