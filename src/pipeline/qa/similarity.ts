import type { Locale } from "../../shared/locale";

/**
 * Paragraph similarity between products, without re-reading the catalog: each product's guide
 * becomes a set of shingles, summarised by a MinHash signature that is stored in D1 when QA1
 * passes. The share of equal signature slots estimates the Jaccard similarity of two shingle sets.
 */

/** Hash functions per signature: the estimate's standard error at J = 1/3 is about 0.04. */
export const SIGNATURE_HASHES = 128;
/** Above this estimated Jaccard, two products share more than a third of their paragraphs. */
export const MAX_SIMILARITY = 1 / 3;
/** English shingles: runs of this many words. */
const WORD_SHINGLE = 5;
/**
 * Korean shingles: runs of this many syllables, spaces removed. Korean glues particles and
 * endings to words (사워도우를, 사워도우는), so word runs rarely repeat even when the sentence
 * does, and spacing varies between writers. Ten syllables are about three Korean words, which say
 * about what five English words say: the same span of meaning as the English shingle, so a Korean
 * product is held to the same bar as an English one (six syllables, two words, matched shared
 * phrasing and endings, and refused Korean kits an English reader would call distinct).
 */
const HANGUL_SHINGLE = 10;

/** The paragraphs of a Markdown text: blank-line blocks, without Markdown marks, lower-cased, spaces collapsed. */
export function paragraphs(markdown: string): string[] {
	return markdown
		.split(/\n\s*\n/)
		.map((block) =>
			block
				.replace(/^\s*(?:#{1,6}\s+|[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+|>\s*)/gm, "")
				.replace(/[*_`~[\]()>#|]/g, " ")
				.toLowerCase()
				.replace(/\s+/g, " ")
				.trim(),
		)
		.filter((block) => block.length > 0);
}

/**
 * The shingles of a guide: word 5-grams (syllable 10-grams in Korean) inside each paragraph, never
 * across two. A paragraph shorter than one shingle counts whole, so short headings still compare.
 */
export function paragraphShingles(markdown: string, language: Locale): string[] {
	const shingles = new Set<string>();
	for (const paragraph of paragraphs(markdown)) {
		const units = language === "ko" ? [...paragraph.replace(/[\s\p{P}]+/gu, "")] : paragraph.split(/[^\p{L}\p{N}']+/u).filter(Boolean);
		const size = language === "ko" ? HANGUL_SHINGLE : WORD_SHINGLE;
		const joiner = language === "ko" ? "" : " ";
		if (units.length === 0) continue;
		if (units.length <= size) {
			shingles.add(units.join(joiner));
			continue;
		}
		for (let i = 0; i + size <= units.length; i++) shingles.add(units.slice(i, i + size).join(joiner));
	}
	return [...shingles];
}

/** FNV-1a over the UTF-16 code units: a fast, stable 32-bit hash of a shingle. */
function fnv1a(text: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return hash >>> 0;
}

/** Murmur3's finaliser: mixes every input bit into every output bit. */
function mix(value: number): number {
	let h = value >>> 0;
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

/** One fixed seed per hash function, so signatures computed on any day compare. */
const SEEDS: readonly number[] = Array.from({ length: SIGNATURE_HASHES }, (_, i) => mix(0x9e3779b9 + i * 0x632be5ab));

/** The MinHash signature of a shingle set: per seed, the least mixed hash. Empty sets give all 0xffffffff. */
export function minHash(shingles: readonly string[]): number[] {
	const signature = new Array<number>(SIGNATURE_HASHES).fill(0xffffffff);
	for (const shingle of shingles) {
		const base = fnv1a(shingle);
		for (let i = 0; i < SIGNATURE_HASHES; i++) {
			const value = mix(base ^ (SEEDS[i] as number));
			if (value < (signature[i] as number)) signature[i] = value;
		}
	}
	return signature;
}

/** A signature as stored in D1: 8 hex digits per hash. */
export function encodeSignature(signature: readonly number[]): string {
	return signature.map((value) => value.toString(16).padStart(8, "0")).join("");
}

/** A stored signature back to numbers, or null when it is not one this code wrote. */
export function decodeSignature(stored: string): number[] | null {
	if (stored.length !== SIGNATURE_HASHES * 8 || !/^[0-9a-f]+$/.test(stored)) return null;
	return Array.from({ length: SIGNATURE_HASHES }, (_, i) => Number.parseInt(stored.slice(i * 8, i * 8 + 8), 16));
}

/** The estimated Jaccard similarity of the shingle sets behind two signatures (share of equal slots). */
export function estimatedSimilarity(a: readonly number[], b: readonly number[]): number {
	let equal = 0;
	for (let i = 0; i < SIGNATURE_HASHES; i++) if (a[i] === b[i]) equal++;
	return equal / SIGNATURE_HASHES;
}

/** The exact Jaccard similarity of two shingle lists (tests and small comparisons). */
export function jaccard(a: readonly string[], b: readonly string[]): number {
	const left = new Set(a);
	const right = new Set(b);
	let shared = 0;
	for (const shingle of left) if (right.has(shingle)) shared++;
	const union = left.size + right.size - shared;
	return union === 0 ? 0 : shared / union;
}
