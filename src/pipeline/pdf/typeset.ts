import { type Color, type PDFDocument, type PDFFont, type PDFPage, rgb } from "@cantoo/pdf-lib";
import * as fontkit from "fontkit";
import type { Locale } from "../../shared/locale";
import type { PdfFontFiles } from "./fonts";
import { unwrapWoff } from "./woff";

/** A stretch of text set in one font. */
type Run = { font: PDFFont; text: string };

/** Characters neither font has, set as the nearest ones they have rather than as blanks. */
const SUBSTITUTES: Record<string, string> = { "→": "->", "←": "<-", "✓": "v", "✔": "v", "☐": "[ ]", "•": "-", "\u00a0": " " };
const INK: Color = rgb(0.13, 0.13, 0.15);

/**
 * Sets text in the two Noto Sans KR files: a document with Hangul in the Korean file (which has
 * ASCII too), any character it lacks and every character of a document without Hangul in the Latin
 * file, so the two subsets together cover a mixed line. Fonts are embedded with pdf-lib's
 * fontkit (2.0.4) subsetting, which keeps only the glyphs drawn: sound for these TrueType-outline fonts.
 */
export class Typesetter {
	private constructor(
		private readonly latin: PDFFont,
		private readonly hangul: PDFFont | null,
		private readonly hasLatin: (codePoint: number) => boolean,
		private readonly hasHangul: (codePoint: number) => boolean,
	) {}

	/** A typesetter for `doc`; the Korean font is embedded only when `allText` needs it. */
	static async create(doc: PDFDocument, files: PdfFontFiles, allText: string): Promise<Typesetter> {
		// fontkit 2 has the synchronous subset `encode()` @cantoo/pdf-lib calls; its types are ours.
		doc.registerFontkit(fontkit as unknown as Parameters<PDFDocument["registerFontkit"]>[0]);
		const latinFile = unwrapWoff(files.latin);
		const hangulFile = unwrapWoff(files.hangul);
		const latinFace = fontkit.create(latinFile);
		const hangulFace = fontkit.create(hangulFile);
		const hasLatin = (codePoint: number) => latinFace.hasGlyphForCodePoint(codePoint);
		const hasHangul = (codePoint: number) => hangulFace.hasGlyphForCodePoint(codePoint);
		const needsHangul = [...allText].some((char) => {
			const codePoint = char.codePointAt(0) ?? 0;
			return !hasLatin(codePoint) && hasHangul(codePoint);
		});
		const latin = await doc.embedFont(latinFile, { subset: true });
		const hangul = needsHangul ? await doc.embedFont(hangulFile, { subset: true }) : null;
		return new Typesetter(latin, hangul, hasLatin, hasHangul);
	}

	/** `text` split into runs of one font each. */
	runs(text: string): Run[] {
		const runs: Run[] = [];
		for (const original of text) {
			for (const { font, char } of this.setAs(original)) {
				const last = runs.at(-1);
				if (last && last.font === font) last.text += char;
				else runs.push({ font, text: char });
			}
		}
		return runs;
	}

	/** How one character is set (font, substitute and advance), decided once per typesetter: fontkit's cmap lookups are slow. */
	private setAs(original: string): { font: PDFFont; char: string; advance: number }[] {
		let set = this.settings.get(original);
		if (!set) {
			set = [...this.drawable(original)].map((char) => {
				const codePoint = char.codePointAt(0) ?? 0;
				// The Korean file has ASCII too: a Korean line stays in one font, one text run, where
				// switching at every space made pdf-lib shape five times as many runs.
				const font = this.hangul && this.hasHangul(codePoint) ? this.hangul : this.latin;
				return { font, char, advance: font.widthOfTextAtSize(char, 1000) };
			});
			this.settings.set(original, set);
		}
		return set;
	}

	private readonly settings = new Map<string, { font: PDFFont; char: string; advance: number }[]>();

	/**
	 * The advance of `text` at `size`, summed from each character's cached advance: shaping a whole
	 * line through fontkit for every trial break made a Korean guide take close to a minute.
	 */
	width(text: string, size: number): number {
		let units = 0;
		for (const original of text) for (const set of this.setAs(original)) units += set.advance;
		return (units * size) / 1000;
	}

	draw(page: PDFPage, text: string, x: number, y: number, size: number, color: Color = INK): void {
		let at = x;
		for (const run of this.runs(text)) {
			page.drawText(run.text, { x: at, y, size, font: run.font, color });
			at += this.width(run.text, size);
		}
	}

	/**
	 * Breaks `text` into lines no wider than `maxWidth`: Korean may break after any Hangul or Han
	 * character (it needs no spaces), English only between words; a word wider than a line is cut.
	 */
	wrap(text: string, size: number, maxWidth: number, language: Locale): string[] {
		const tokens = language === "ko" ? text.match(/[\p{Script=Hangul}\p{Script=Han}]|[^\s\p{Script=Hangul}\p{Script=Han}]+|\s+/gu) : text.match(/\S+|\s+/g);
		const lines: string[] = [];
		const spaceWidth = this.width(" ", size);
		let line = "";
		let lineWidth = 0;
		let space = "";
		for (const token of tokens ?? []) {
			if (/^\s+$/.test(token)) {
				if (line) space = " ";
				continue;
			}
			// Widths add up token by token, so a paragraph is measured once, not once per trial break.
			const tokenWidth = this.width(token, size);
			const joined = lineWidth + (space ? spaceWidth : 0) + tokenWidth;
			if (!line || joined <= maxWidth) {
				line = line ? line + space + token : token;
				lineWidth = line === token ? tokenWidth : joined;
			} else {
				lines.push(line);
				line = token;
				lineWidth = tokenWidth;
			}
			space = "";
			// A single token wider than the line (a long URL, an unbroken word) is cut by character.
			while (this.width(line, size) > maxWidth && [...line].length > 1) {
				const chars = [...line];
				let fit = chars.length - 1;
				while (fit > 1 && this.width(chars.slice(0, fit).join(""), size) > maxWidth) fit--;
				lines.push(chars.slice(0, fit).join(""));
				line = chars.slice(fit).join("");
				lineWidth = this.width(line, size);
			}
		}
		if (line) lines.push(line);
		return lines;
	}

	private drawable(char: string): string {
		const substitute = SUBSTITUTES[char];
		if (substitute !== undefined) return substitute;
		const codePoint = char.codePointAt(0) ?? 0;
		if (codePoint < 0x20) return " ";
		if (this.hasLatin(codePoint) || (this.hangul && this.hasHangul(codePoint))) return char;
		return "?";
	}
}
