import { PDFArray, PDFDict, PDFDocument, PDFName } from "@cantoo/pdf-lib";
import { extractText, getDocumentProxy } from "unpdf";

/** What a PDF turned out to be when parsed back. */
export type PdfFacts = {
	pages: number;
	/** Fonts the pages use, by base name, and whether each carries its font program. */
	fonts: { name: string; embedded: boolean }[];
	/** The text of every page as a reader extracts it (through each font's ToUnicode map). */
	text: string;
};

/**
 * Parses a PDF back the way QA sees it: pdf-lib for its structure (page count, every font's
 * descriptor and whether it holds a FontFile, FontFile2 or FontFile3 stream), pdf.js (through
 * unpdf, which runs in Workers) for the text a reader would extract. Throws when it does not open.
 */
export async function inspectPdf(bytes: Uint8Array): Promise<PdfFacts> {
	const doc = await PDFDocument.load(bytes, { updateMetadata: false });
	const fonts = new Map<string, boolean>();
	for (const page of doc.getPages()) {
		const resources = page.node.Resources();
		const fontDict = resources?.lookupMaybe(PDFName.of("Font"), PDFDict);
		if (!fontDict) continue;
		for (const [, ref] of fontDict.entries()) {
			const font = doc.context.lookupMaybe(ref, PDFDict);
			if (font) fonts.set(fontName(font), fonts.get(fontName(font)) || isEmbedded(font));
		}
	}
	// pdf.js may detach the buffer it is given, so it reads a copy.
	const proxy = await getDocumentProxy(bytes.slice());
	const { text } = await extractText(proxy, { mergePages: true });
	await proxy.cleanup();
	return { pages: doc.getPageCount(), fonts: [...fonts].map(([name, embedded]) => ({ name, embedded })), text };
}

function fontName(font: PDFDict): string {
	return font.get(PDFName.of("BaseFont"))?.toString().replace(/^\//, "") ?? "(unnamed)";
}

/** A Type0 font's program is in its descendant's descriptor; a simple font's in its own. */
function isEmbedded(font: PDFDict): boolean {
	const descendants = font.lookupMaybe(PDFName.of("DescendantFonts"), PDFArray);
	const candidates: PDFDict[] = [font];
	for (let index = 0; index < (descendants?.size() ?? 0); index++) {
		const descendant = descendants?.lookupMaybe(index, PDFDict);
		if (descendant) candidates.push(descendant);
	}
	return candidates.some((dict) => {
		const descriptor = dict.lookupMaybe(PDFName.of("FontDescriptor"), PDFDict);
		return Boolean(descriptor && ["FontFile", "FontFile2", "FontFile3"].some((key) => descriptor.has(PDFName.of(key))));
	});
}
