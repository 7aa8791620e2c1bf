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
 * Sets text in the two Noto Sans KR files: each character in the first font that has it, so the
 * Korean and the Latin subsets together cover a mixed line. Fonts are embedded with pdf-lib's
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
			for (const char of this.drawable(original)) {
				const codePoint = char.codePointAt(0) ?? 0;
				const font = !this.hasLatin(codePoint) && this.hangul && this.hasHangul(codePoint) ? this.hangul : this.latin;
				const last = runs.at(-1);
				if (last && last.font === font) last.text += char;
				else runs.push({ font, text: char });
			}
		}
		return runs;
	}

	/**
	 * The advance of `text` at `size`, summed from each character's cached advance: shaping a whole
	 * line through fontkit for every trial break made a Korean guide take close to a minute.
	 */
	width(text: string, size: number): number {
		let units = 0;
		for (const run of this.runs(text)) for (const char of run.text) units += this.advance(run.font, char);
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
		let line = "";
		let space = "";
		for (const token of tokens ?? []) {
			if (/^\s+$/.test(token)) {
				if (line) space = " ";
				continue;
			}
			if (!line || this.width(line + space + token, size) <= maxWidth) {
				line = line ? line + space + token : token;
			} else {
				lines.push(line);
				line = token;
			}
			space = "";
			// A single token wider than the line (a long URL, an unbroken word) is cut by character.
			while (this.width(line, size) > maxWidth && [...line].length > 1) {
				const chars = [...line];
				let fit = chars.length - 1;
				while (fit > 1 && this.width(chars.slice(0, fit).join(""), size) > maxWidth) fit--;
				lines.push(chars.slice(0, fit).join(""));
				line = chars.slice(fit).join("");
			}
		}
		if (line) lines.push(line);
		return lines;
	}

	private readonly advances = new Map<PDFFont, Map<string, number>>();

	/** One character's advance in thousandths of the font size. */
	private advance(font: PDFFont, char: string): number {
		let widths = this.advances.get(font);
		if (!widths) {
			widths = new Map();
			this.advances.set(font, widths);
		}
		let width = widths.get(char);
		if (width === undefined) {
			width = font.widthOfTextAtSize(char, 1000);
			widths.set(char, width);
		}
		return width;
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
