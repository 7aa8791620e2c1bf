/**
 * Colours of chart series, drawn as SVG presentation attributes (`stroke`, `fill`) rather than
 * classes: the storefront's stylesheet has no chart rules, and a strict CSP forbids `style`
 * attributes. Picked to stay apart from each other on light and dark backgrounds.
 */
export const SERIES_COLOURS = ["#4f46e5", "#0d9488", "#d97706", "#db2777", "#2563eb", "#65a30d"] as const;

export function seriesColour(index: number): string {
	return SERIES_COLOURS[index % SERIES_COLOURS.length] ?? "#4f46e5";
}

/** A round top for an axis (1, 2, 5 or 10 times a power of ten), so the gridlines land on round values. */
export function roundCeiling(value: number): number {
	if (!(value > 0)) return 1;
	const magnitude = 10 ** Math.floor(Math.log10(value));
	for (const step of [1, 2, 5, 10]) if (step * magnitude >= value) return step * magnitude;
	return 10 * magnitude;
}
