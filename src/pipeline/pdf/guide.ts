import { PDFDocument } from "@cantoo/pdf-lib";
import type { Locale } from "../../shared/locale";
import type { PdfFontFiles } from "./fonts";
import { chapterTitles, parseMarkdown } from "./markdown";
import { ACCENT, MUTED, numberPages, PAGE, PageFlow, TEXT_WIDTH } from "./page-flow";
import { Typesetter } from "./typeset";

/** What a PDF of one language version is made from. */
export type PdfInput = {
	/** The version's title (products.texts), set on the cover and in the PDF's metadata. */
	title: string;
	/** The version's description, the cover's subtitle. */
	subtitle: string;
	language: Locale;
	markdown: string;
	fonts: PdfFontFiles;
};

const TOC_HEADING: Record<Locale, string> = { ko: "차례", en: "Contents" };
const TOC_SIZE = 12;

/**
 * `guide.pdf`: a cover (title and subtitle), a table of contents with page numbers, then each
 * `##` chapter of `guide.md` from a new page, with page numbers in the footer.
 */
export async function renderGuidePdf(input: PdfInput): Promise<Uint8Array> {
	const blocks = parseMarkdown(input.markdown);
	const doc = await PDFDocument.create();
	describe(doc, input);
	const type = await Typesetter.create(doc, input.fonts, `${input.title}${input.subtitle}${TOC_HEADING[input.language]}${input.markdown}0123456789/ .`);
	const chapters = chapterTitles(blocks);
	const chapterLevel = blocks.some((block) => block.type === "heading" && block.level === 2) ? 2 : 1;

	// The cover.
	const cover = doc.addPage([PAGE.width, PAGE.height]);
	let y = PAGE.height * 0.62;
	for (const line of type.wrap(input.title, 26, TEXT_WIDTH, input.language)) {
		type.draw(cover, line, PAGE.margin, y, 26);
		y -= 26 * 1.35;
	}
	cover.drawLine({ start: { x: PAGE.margin, y: y + 8 }, end: { x: PAGE.margin + 64, y: y + 8 }, thickness: 2, color: ACCENT });
	y -= 18;
	for (const line of type.wrap(input.subtitle, 13, TEXT_WIDTH, input.language)) {
		type.draw(cover, line, PAGE.margin, y, 13, MUTED);
		y -= 13 * 1.6;
	}

	// The contents' length decides where chapters start, so it is measured before anything is set.
	const tocLines = chapters.reduce((sum, title) => sum + type.wrap(title, TOC_SIZE, TEXT_WIDTH - 48, input.language).length, 0);
	const tocLinesPerPage = Math.floor((PAGE.height - 2 * PAGE.margin - PAGE.footer - 60) / (TOC_SIZE * 1.9));
	const tocPages = Math.max(1, Math.ceil(tocLines / tocLinesPerPage));

	// The chapters: the guide's own title (its first `#`) is on the cover already.
	const flow = new PageFlow(doc, type, input.language);
	const startPages: number[] = [];
	let skippedTitle = false;
	for (const block of blocks) {
		if (block.type === "heading" && block.level === 1 && !skippedTitle) {
			skippedTitle = true;
			continue;
		}
		if (block.type === "heading" && block.level === chapterLevel) {
			flow.breakPage();
			startPages.push(1 + tocPages + flow.pages.length);
		}
		flow.block(block);
	}

	// The contents, inserted after the cover now that every chapter's page is known.
	const toc = Array.from({ length: tocPages }, (_, index) => doc.insertPage(1 + index, [PAGE.width, PAGE.height]));
	let tocPage = 0;
	let tocY = PAGE.height - PAGE.margin - 20;
	const firstTocPage = toc[0];
	if (firstTocPage) type.draw(firstTocPage, TOC_HEADING[input.language], PAGE.margin, tocY, 20);
	tocY -= 40;
	chapters.forEach((title, index) => {
		const number = String(startPages[index] ?? "");
		for (const [lineIndex, line] of type.wrap(title, TOC_SIZE, TEXT_WIDTH - 48, input.language).entries()) {
			if (tocY < PAGE.margin + PAGE.footer) {
				tocPage++;
				tocY = PAGE.height - PAGE.margin - 20;
			}
			const page = toc[tocPage];
			if (!page) continue;
			type.draw(page, line, PAGE.margin, tocY, TOC_SIZE);
			if (lineIndex === 0) type.draw(page, number, PAGE.width - PAGE.margin - type.width(number, TOC_SIZE), tocY, TOC_SIZE);
			tocY -= TOC_SIZE * 1.9;
		}
	});

	numberPages(doc, type, 1);
	return doc.save();
}

/** Title, subject and language in the PDF's own metadata, so readers and search show them. */
export function describe(doc: PDFDocument, input: Pick<PdfInput, "title" | "subtitle" | "language">): void {
	doc.setTitle(input.title, { showInWindowTitleBar: true });
	doc.setSubject(input.subtitle);
	doc.setLanguage(input.language === "ko" ? "ko-KR" : "en-US");
	doc.setCreator("Edge Factory");
	doc.setProducer("Edge Factory (pdf-lib)");
}
