import { type PDFDocument, type PDFPage, rgb } from "@cantoo/pdf-lib";
import type { Locale } from "../../shared/locale";
import type { MarkdownBlock } from "./markdown";
import type { Typesetter } from "./typeset";

/** A4 in points, with the margins of a printed page. */
export const PAGE = { width: 595.28, height: 841.89, margin: 60, footer: 32 } as const;
export const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
export const MUTED = rgb(0.42, 0.42, 0.46);
export const ACCENT = rgb(0.16, 0.36, 0.62);

/** Sizes of each block kind, in points. */
export const SIZE = { h1: 20, h2: 17, h3: 13, body: 11 } as const;

/**
 * Lays blocks down the page from top to bottom, starting a new page when the next line does not
 * fit. Korean lines get more leading than English ones, as Hangul fills its em square.
 */
export class PageFlow {
	page: PDFPage;
	y: number;
	private readonly leading: number;

	constructor(
		private readonly doc: PDFDocument,
		private readonly type: Typesetter,
		private readonly language: Locale,
	) {
		this.leading = language === "ko" ? 1.65 : 1.45;
		this.page = this.newPage();
		this.y = PAGE.height - PAGE.margin;
	}

	/** Pages this flow has added so far. */
	readonly pages: PDFPage[] = [];

	/** Starts a new page unless the current one is still empty. */
	breakPage(): void {
		if (this.y < PAGE.height - PAGE.margin) {
			this.page = this.newPage();
			this.y = PAGE.height - PAGE.margin;
		}
	}

	block(block: MarkdownBlock): void {
		if (block.type === "heading") {
			const size = block.level === 1 ? SIZE.h1 : block.level === 2 ? SIZE.h2 : SIZE.h3;
			this.gap(size * 0.6);
			// A heading never ends a page: it moves on with at least two lines of what follows.
			this.lines(block.text, size, 0, SIZE.body * this.leading * 2);
			if (block.level < 3) {
				this.page.drawLine({ start: { x: PAGE.margin, y: this.y - 3 }, end: { x: PAGE.margin + 48, y: this.y - 3 }, thickness: 1.5, color: ACCENT });
			}
			this.gap(size * 0.5);
		} else if (block.type === "paragraph") {
			this.lines(block.text, SIZE.body, 0);
			this.gap(SIZE.body * 0.6);
		} else {
			const top = this.lines(block.text, SIZE.body, 20);
			const mid = top.y + SIZE.body * 0.33;
			if (block.type === "item") {
				top.page.drawCircle({ x: PAGE.margin + 7, y: mid, size: 1.8, color: ACCENT });
			} else {
				// A tick box to tick on paper (drawn, so it needs no glyph).
				top.page.drawRectangle({ x: PAGE.margin + 2, y: mid - 5, width: 10, height: 10, borderColor: ACCENT, borderWidth: 0.9 });
				if (block.done) {
					top.page.drawLine({ start: { x: PAGE.margin + 4, y: mid }, end: { x: PAGE.margin + 6.5, y: mid - 3 }, thickness: 1.2, color: ACCENT });
					top.page.drawLine({ start: { x: PAGE.margin + 6.5, y: mid - 3 }, end: { x: PAGE.margin + 11, y: mid + 4 }, thickness: 1.2, color: ACCENT });
				}
			}
			this.gap(SIZE.body * (block.type === "task" ? 0.55 : 0.25));
		}
	}

	/** Sets `text` wrapped at the text width less `indent`; returns where its first line went. */
	lines(text: string, size: number, indent: number, keepWith = 0): { page: PDFPage; y: number } {
		const lineHeight = size * this.leading;
		const wrapped = this.type.wrap(text, size, TEXT_WIDTH - indent, this.language);
		if (this.y - lineHeight - keepWith < PAGE.margin + PAGE.footer) this.forceBreak();
		let first: { page: PDFPage; y: number } | null = null;
		for (const line of wrapped) {
			if (this.y - lineHeight < PAGE.margin + PAGE.footer) this.forceBreak();
			this.y -= lineHeight;
			this.type.draw(this.page, line, PAGE.margin + indent, this.y + (lineHeight - size) / 2, size);
			first ??= { page: this.page, y: this.y + (lineHeight - size) / 2 };
		}
		return first ?? { page: this.page, y: this.y };
	}

	gap(points: number): void {
		this.y -= points;
	}

	private forceBreak(): void {
		this.page = this.newPage();
		this.y = PAGE.height - PAGE.margin;
	}

	private newPage(): PDFPage {
		const page = this.doc.addPage([PAGE.width, PAGE.height]);
		this.pages.push(page);
		return page;
	}
}

/** Page numbers in every page's footer from `firstNumbered` on (the cover has none). */
export function numberPages(doc: PDFDocument, type: Typesetter, firstNumbered: number): void {
	const pages = doc.getPages();
	pages.forEach((page, index) => {
		if (index < firstNumbered) return;
		const text = `${index + 1} / ${pages.length}`;
		type.draw(page, text, PAGE.width - PAGE.margin - type.width(text, 9), PAGE.margin / 2 + 6, 9, MUTED);
	});
}
