import { PDFDocument } from "@cantoo/pdf-lib";
import { describe, type PdfInput } from "./guide";
import { parseMarkdown } from "./markdown";
import { MUTED, numberPages, PAGE, PageFlow } from "./page-flow";
import { Typesetter } from "./typeset";

/**
 * `checklist.pdf`: a printable sheet, the product's title on top and every `- [ ]` item of
 * `checklist.md` with a tick box to tick on paper, page numbers in the footer.
 */
export async function renderChecklistPdf(input: PdfInput): Promise<Uint8Array> {
	const doc = await PDFDocument.create();
	describe(doc, input);
	const type = await Typesetter.create(doc, input.fonts, `${input.title}${input.markdown}0123456789/ .`);
	const flow = new PageFlow(doc, type, input.language);
	// The product's title heads the sheet, small, above the checklist's own heading.
	flow.lines(input.title, 10, 0);
	flow.page.drawLine({ start: { x: PAGE.margin, y: flow.y - 6 }, end: { x: PAGE.width - PAGE.margin, y: flow.y - 6 }, thickness: 0.6, color: MUTED });
	flow.gap(14);
	for (const block of parseMarkdown(input.markdown)) flow.block(block);
	numberPages(doc, type, 0);
	return doc.save();
}
