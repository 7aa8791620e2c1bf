/**
 * A URL slug: lowercase ASCII letters, digits and single hyphens, at most `maxLength` characters
 * (accents folded, everything else a separator); `fallback` when nothing of the text is left.
 */
export function slugify(text: string, maxLength: number, fallback: string): string {
	const slug = text
		.normalize("NFKD")
		.replace(/[\u0300-\u036f]/g, "")
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, "-")
		.replace(/^-+|-+$/g, "")
		.slice(0, maxLength)
		.replace(/-+$/g, "");
	return slug || fallback;
}

/**
 * A URL slug that keeps Hangul: lowercase Latin letters, digits, Hangul syllables and jamo,
 * single hyphens, NFC, at most `maxLength` characters. Korean buyers read a Korean product's
 * address; dropping Hangul would leave nothing of a Korean title. Browsers percent-encode it
 * in links and Hono decodes route parameters, so `/products/:slug` finds it either way.
 * Returns "" when nothing usable is left, so the caller picks its own fallback.
 */
export function unicodeSlug(text: string, maxLength: number): string {
	const folded = text
		.normalize("NFKD")
		.replace(/[\u0300-\u036f]/g, "")
		// NFKD splits Hangul syllables into jamo; NFC puts them back together.
		.normalize("NFC")
		.toLowerCase();
	return [...folded.replace(/[^a-z0-9\uac00-\ud7a3\u1100-\u11ff\u3131-\u318e]+/gu, "-").replace(/^-+|-+$/g, "")]
		.slice(0, maxLength)
		.join("")
		.replace(/-+$/g, "");
}
