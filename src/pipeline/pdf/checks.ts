import type { QaCheck } from "../../shared/qa";
import type { ProductFileUnderTest } from "../qa/qa1-checks";
import { check } from "../qa/score";
import { PDF_EDITION } from "./edition";
import type { inspectPdf } from "./inspect";
import { chapterTitles, parseMarkdown } from "./markdown";

const decoder = new TextDecoder();

/**
 * QA1's `pdf.guide` and `pdf.checklist` for one language version: each PDF is present, parses
 * back, has the pages it promises (the guide: cover, contents and one page per chapter of its
 * `guide.md`), embeds every font it uses and carries the version's title in its extractable text.
 */
export async function pdfChecks(files: readonly ProductFileUnderTest[], title: string): Promise<QaCheck[]> {
	const byPath = new Map(files.map((file) => [file.path, file]));
	const checks: QaCheck[] = [];
	for (const { pdf, markdown } of PDF_EDITION) {
		const name = `pdf.${pdf.replace(/\.pdf$/, "")}`;
		const body = byPath.get(pdf)?.body;
		if (!body) {
			checks.push(check(name, "functional", false, `${pdf} is missing`, true));
			continue;
		}
		const source = byPath.get(markdown)?.body;
		const chapters = source ? chapterTitles(parseMarkdown(decoder.decode(source))).length : 0;
		const minPages = pdf === "guide.pdf" ? 2 + chapters : 1;
		checks.push(await pdfCheck(name, pdf, body, minPages, title));
	}
	return checks;
}

async function pdfCheck(name: string, pdf: string, body: Uint8Array, minPages: number, title: string): Promise<QaCheck> {
	let facts: Awaited<ReturnType<typeof inspectPdf>>;
	try {
		// pdf.js and pdf-lib load on first use (see PDF_EDITION): only the pipeline's isolates pay for them.
		facts = await (await import("./inspect")).inspectPdf(body);
	} catch (err) {
		return check(name, "functional", false, `${pdf} does not open: ${err instanceof Error ? err.message : String(err)}`, true);
	}
	const bare = (text: string) => text.replace(/\s+/g, "");
	const notEmbedded = facts.fonts.filter((font) => !font.embedded).map((font) => font.name);
	const problems = [
		facts.pages >= minPages ? "" : `${facts.pages} pages, at least ${minPages} promised`,
		facts.fonts.length > 0 ? "" : "no fonts",
		notEmbedded.length === 0 ? "" : `fonts not embedded: ${notEmbedded.join(", ")}`,
		bare(facts.text).includes(bare(title)) ? "" : `the title "${title}" is not in its text`,
	].filter(Boolean);
	return check(
		name,
		"functional",
		problems.length === 0,
		problems.length === 0
			? `${pdf}: ${facts.pages} pages (at least ${minPages}), ${facts.fonts.length} fonts embedded, title in its text`
			: `${pdf}: ${problems.join("; ")}`,
		true,
	);
}
