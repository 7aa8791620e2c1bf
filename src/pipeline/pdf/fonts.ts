/**
 * The fonts the PDF edition draws with: Noto Sans KR 400 (SIL Open Font License 1.1) from the npm
 * package `@fontsource/noto-sans-kr`, copied into `public/fonts` by scripts/copy-fonts.mjs and read
 * at run time through the ASSETS binding, never bundled. Both files are WOFF 1.0 with TrueType
 * (glyf) outlines, which fontkit subsets soundly (its CID-keyed CFF subsets draw blank glyphs).
 * The Korean file holds the Hangul syllables and jamo; the Latin file digits, Latin letters and
 * punctuation; every character is set in the first of them that has it.
 */
export type PdfFontFiles = { readonly hangul: Uint8Array; readonly latin: Uint8Array };

/** Where the fonts come from: the Worker's static assets, or node_modules in Node tests and bench. */
export type PdfFontSource = () => Promise<PdfFontFiles>;

/** The font files under `public/` (keep in step with scripts/copy-fonts.mjs). */
export const PDF_FONT_FILES = {
	hangul: "fonts/noto-sans-kr-korean-400-normal.woff",
	latin: "fonts/noto-sans-kr-latin-400-normal.woff",
} as const;

/**
 * Reads the fonts from the static assets once per isolate; a failed read is not cached, so the
 * next generation tries again (the generate stage throws and is retried meanwhile).
 */
export function assetFontSource(assets: Fetcher): PdfFontSource {
	let loading: Promise<PdfFontFiles> | null = null;
	return () => {
		loading ??= Promise.all([read(assets, PDF_FONT_FILES.hangul), read(assets, PDF_FONT_FILES.latin)]).then(
			([hangul, latin]) => ({ hangul, latin }),
			(err: unknown) => {
				loading = null;
				throw err;
			},
		);
		return loading;
	};
}

async function read(assets: Fetcher, path: string): Promise<Uint8Array> {
	const response = await assets.fetch(`https://assets.invalid/${path}`);
	if (!response.ok) throw new Error(`PDF font ${path} not in the static assets (${response.status}); run npm install`);
	return new Uint8Array(await response.arrayBuffer());
}
