// The part of fontkit 2 (which ships no types) the PDF edition uses; pdf-lib drives the rest.
declare module "fontkit" {
	export interface Font {
		hasGlyphForCodePoint(codePoint: number): boolean;
	}
	export function create(data: Uint8Array, postscriptName?: string): Font;
}
