import type { Locale } from "../../shared/locale";
import type { DomainPack } from "../generators/template/domains/types";
import { kitLanguage } from "../generators/template/lang";

/**
 * What QA1 knows of each subject domain, derived from the template generator's domain packs
 * rather than copied: a new pack (or a reworded one) changes what the gate looks for with it.
 * - `terms`: the pack's detection keywords and vocabulary, the "synonyms from the domain" a
 *   chapter about the topic may use instead of the topic's own words;
 * - `distinctive`: words written in this pack's text and in no other pack of the language (shop
 *   front and signage are the small-business pack's alone), which mark a sentence as belonging to
 *   that domain.
 */
export type DomainVocabulary = { id: string; terms: string[]; distinctive: Set<string> };

/** Whether a word's letters are Hangul. */
export function isHangul(word: string): boolean {
	return /[\uac00-\ud7a3]/.test(word);
}

/**
 * Word tokens as the gate compares them: lower-cased runs of letters and digits. Latin words
 * shorter than 5 letters and single Hangul syllables are too common to say anything about a domain.
 */
export function contentWords(text: string): string[] {
	return (text.toLowerCase().match(/[\p{L}\p{N}]+(?:[-'][\p{L}\p{N}]+)*/gu) ?? []).filter((word) =>
		/[\uac00-\ud7a3]/.test(word) ? word.length >= 2 : word.length >= 5,
	);
}

/** Every piece of text a pack writes, placeholders removed (they are the user's words, not the pack's). */
function packText(pack: DomainPack): string {
	const parts = [
		pack.label,
		pack.audience,
		...Object.keys(pack.keywords),
		...pack.terms,
		...pack.outcomes,
		...pack.features.flatMap((feature) => [feature.title, feature.body]),
		...pack.faqs.flatMap((faq) => [faq.question, faq.answer]),
		...pack.chapters.flatMap((chapter) => [chapter.title, ...chapter.paragraphs, ...chapter.tips]),
		...pack.checklist.flatMap((group) => [group.title, ...group.items]),
	];
	return parts.join("\n").replace(/\{[^}]*\}/g, " ");
}

/** Every string inside a value (the language's shared phrase bank and fixed wording), functions skipped. */
function strings(value: unknown): string[] {
	if (typeof value === "string") return [value];
	if (Array.isArray(value)) return value.flatMap(strings);
	if (value && typeof value === "object") return Object.values(value).flatMap(strings);
	return [];
}

const cache = new Map<Locale, DomainVocabulary[]>();

/** The vocabulary of every pack of `language`, the generic pack included (it has no distinctive claim on others). */
export function domainVocabularies(language: Locale): DomainVocabulary[] {
	const cached = cache.get(language);
	if (cached) return cached;
	const kit = kitLanguage(language);
	const packs = [...kit.domains, kit.generic];
	const words = packs.map((pack) => new Set(contentWords(packText(pack))));
	// Words of the shared phrase bank and wording appear in every kit, whatever its domain.
	const shared = new Set(
		contentWords(
			strings([kit.bank, kit.ui])
				.join("\n")
				.replace(/\{[^}]*\}/g, " "),
		),
	);
	const vocabularies = packs.map((pack, i) => {
		const own = words[i] as Set<string>;
		const distinctive = new Set([...own].filter((word) => !shared.has(word) && words.every((other, j) => j === i || !other.has(word))));
		const terms = [...Object.keys(pack.keywords), ...pack.terms].map((term) => term.toLowerCase());
		return { id: pack.id, terms, distinctive };
	});
	cache.set(language, vocabularies);
	return vocabularies;
}
