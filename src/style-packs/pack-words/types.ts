import type { StylePackLicense } from "../../shared/style-packs";

/**
 * Every word a style pack's documents (LICENSE.txt, README.md, index.html, the storefront
 * description) are written with, in one language. Values are plain text: the documents escape
 * them. A line break inside a list item continues the item on the next line.
 */
export type PackWords = {
	/** One-line summary of each licence (the studio's own words for it, from the `styles` catalogue). */
	licenseSummary: Readonly<Record<StylePackLicense, string>>;
	/** The storefront description of a pack without one of its own. */
	fallbackDescription: (v: { count: number; style: string; artist: string }) => string;
	license: {
		heading: (v: { license: StylePackLicense; title: string }) => string;
		artist: (v: { artist: string; artistId: string }) => string;
		style: (v: { style: string; styleId: string }) => string;
		/** Who grants the licence to whom, and which images it covers. */
		intro: (v: { artist: string; title: string; count: number; style: string }) => string[];
		mayHeading: string;
		grants: Readonly<Record<StylePackLicense, readonly string[]>>;
		mayNotHeading: string;
		prohibitions: readonly string[];
		/** Further prohibitions of the personal licence. */
		personalProhibitions: readonly string[];
		closing: readonly string[];
		imagesHeading: string;
	};
	readme: {
		/** The README's first paragraph when the pack has no description (Markdown-escaped values). */
		fallbackIntro: (v: { count: number; style: string; artist: string }) => string;
		insideHeading: string;
		inside: (v: { count: number; licenseSummary: string }) => string[];
		imagesHeading: string;
		untitled: string;
		checkingHeading: string;
		checking: readonly string[];
	};
	gallery: {
		fallbackDescription: (v: { count: number; style: string }) => string;
		imageAlt: (number: number) => string;
		byline: (v: { artist: string; style: string; licenseSummary: string }) => string;
	};
};
