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
