/** View-only helpers of the storefront: product covers and labels. */

/** Number of cover palettes defined in `public/css/store.css` (`.cover-0` … `.cover-7`). */
const COVER_COUNT = 8;

/**
 * Picks a stable cover palette class for a product from its slug, so a product keeps its colour
 * across pages and renders. A class (not an inline style) keeps the pages compatible with a
 * strict Content-Security-Policy.
 */
export function coverClass(slug: string): string {
	let hash = 0;
	for (let i = 0; i < slug.length; i++) {
		hash = (hash * 31 + slug.charCodeAt(i)) >>> 0;
	}
	return `cover-${hash % COVER_COUNT}`;
}

/** Up to two initials of a product title for its cover, e.g. `"Remote Work Starter Kit"` → `"RW"`. */
export function initials(title: string): string {
	const words = title.match(/[\p{L}\p{N}]+/gu) ?? [];
	return words
		.slice(0, 2)
		.map((word) => word.charAt(0).toUpperCase())
		.join("");
}
