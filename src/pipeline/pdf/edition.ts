import type { Locale } from "../../shared/locale";
import type { GeneratedFile } from "../generators/types";
import type { RequiredEntry } from "../kinds";
import type { PdfFontFiles } from "./fonts";
import type { PdfInput } from "./guide";

const PDF = "application/pdf";
const decoder = new TextDecoder();

/**
 * The PDFs every digital kit ships beside its Markdown, the Markdown each is set from, and its
 * renderer. Renderers load pdf-lib and fontkit (megabytes of code) on first use, so a Worker
 * isolate that serves pages and downloads never evaluates them: only the pipeline pays.
 */
export const PDF_EDITION = [
	{ pdf: "guide.pdf", markdown: "guide.md", render: async (source: PdfInput) => (await import("./guide")).renderGuidePdf(source) },
	{ pdf: "checklist.pdf", markdown: "checklist.md", render: async (source: PdfInput) => (await import("./checklist")).renderChecklistPdf(source) },
] as const;

/** QA2: the primary version's PDFs must be in the package (the manifest lists every version's). */
export const PDF_PACKAGE_ENTRIES: readonly RequiredEntry[] = PDF_EDITION.map(({ pdf }) => [pdf, new RegExp(`^${pdf.replace(".", "\\.")}$`)] as const);

/**
 * The PDF edition of one language version: `guide.pdf` and `checklist.pdf` set from its
 * `guide.md` and `checklist.md`, whichever generator wrote them. A version without one of the
 * Markdown files gets no PDF for it, and QA1 says so.
 */
export async function pdfEdition(
	files: readonly GeneratedFile[],
	version: { title: string; description: string; language: Locale },
	fonts: PdfFontFiles,
): Promise<GeneratedFile[]> {
	const edition: GeneratedFile[] = [];
	for (const { pdf, markdown, render } of PDF_EDITION) {
		const source = files.find((file) => file.path === markdown);
		if (!source) continue;
		const body = await render({
			title: version.title,
			subtitle: version.description,
			language: version.language,
			markdown: decoder.decode(source.body),
			fonts,
		});
		edition.push({ path: pdf, body, contentType: PDF });
	}
	return edition;
}
