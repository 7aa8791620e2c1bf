/** Most images a style pack shows for free on its product page. */
const MAX_SAMPLES = 4;

/**
 * The images of a pack the storefront shows as samples: its first few, and never all of them,
 * so the pack always holds images a visitor has not seen. Paths as the package manifest lists them.
 */
export function samplePaths(paths: string[]): string[] {
	const images = paths.filter((path) => /^images\/[^/]+\.png$/.test(path)).sort();
	return images.slice(0, Math.min(MAX_SAMPLES, Math.max(0, images.length - 1)));
}

/** Where the storefront serves a sample image of a pack. */
export function sampleUrl(slug: string, path: string): string {
	return `/products/${encodeURIComponent(slug)}/samples/${encodeURIComponent(path.slice("images/".length))}`;
}
