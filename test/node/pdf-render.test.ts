import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDocument, setTextRenderingMode, TextRenderingMode } from "@cantoo/pdf-lib";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";

/** The parts of src/ this test drives (see loadSrc for why they are restated here). */
type Locale = "ko" | "en";
type PdfFontFiles = { hangul: Uint8Array; latin: Uint8Array };
type PdfInput = { title: string; subtitle: string; language: Locale; markdown: string; fonts: PdfFontFiles };
type Typesetter = {
	draw(page: unknown, text: string, x: number, y: number, size: number): void;
	wrap(text: string, size: number, maxWidth: number, language: Locale): string[];
	width(text: string, size: number): number;
};
type Src = {
	generate(input: Record<string, unknown>): Promise<{ description: string; files: { path: string; body: Uint8Array }[] }>;
	renderGuidePdf(input: PdfInput): Promise<Uint8Array>;
	renderChecklistPdf(input: PdfInput): Promise<Uint8Array>;
	chapterTitles(blocks: unknown[]): string[];
	parseMarkdown(source: string): unknown[];
	createTypesetter(doc: PDFDocument, fonts: PdfFontFiles, allText: string): Promise<Typesetter>;
};

/**
 * src/ is written for the Workers bundler (extensionless imports); a static import would pull it
 * into tsconfig.node.json's nodenext check, which rejects those. Computed specifiers keep tsc out
 * and vitest still resolves them (as bench/packaging.ts does).
 */
async function loadSrc(): Promise<Src> {
	const at = (path: string) => import(new URL(`../../src/${path}`, import.meta.url).href);
	const [template, guide, checklist, markdown, typeset] = await Promise.all([
		at("pipeline/generators/template.ts"),
		at("pipeline/pdf/guide.ts"),
		at("pipeline/pdf/checklist.ts"),
		at("pipeline/pdf/markdown.ts"),
		at("pipeline/pdf/typeset.ts"),
	]);
	return {
		generate: (input) => template.templateGenerator.generate(input),
		renderGuidePdf: guide.renderGuidePdf,
		renderChecklistPdf: checklist.renderChecklistPdf,
		chapterTitles: markdown.chapterTitles,
		parseMarkdown: markdown.parseMarkdown,
		createTypesetter: (doc, fonts, allText) => typeset.Typesetter.create(doc, fonts, allText),
	};
}

/**
 * The PDF edition as a reader's machine sees it: poppler (Debian's poppler-utils, not the library
 * that wrote the files) renders pages to PNG and extracts the text. Rendering proves the glyphs are
 * drawn: a broken font subset still extracts its text but paints nothing.
 */

const root = join(import.meta.dirname, "..", "..");
const SCREENSHOTS = join(root, "test", "e2e", "screenshots");
const TITLES: Record<Locale, string> = { ko: "초보자를 위한 사워도우 빵 굽기 스타터 키트", en: "Sourdough Baking for Beginners Starter Kit" };
const dir = mkdtempSync(join(tmpdir(), "pdf-edition-"));
const bare = (text: string) => text.replace(/\s+/g, "");

/** The fonts as the Worker gets them, read from the package they come from (public/fonts is a copy). */
const fontFile = (name: string) => new Uint8Array(readFileSync(join(root, "node_modules/@fontsource/noto-sans-kr/files", name)));
const fonts: PdfFontFiles = { hangul: fontFile("noto-sans-kr-korean-400-normal.woff"), latin: fontFile("noto-sans-kr-latin-400-normal.woff") };
let src: Src;

type Edition = { guide: string; checklist: string; guideBytes: number; chapters: string[] };
const editions = {} as Record<Locale, Edition>;

async function makeEdition(language: Locale): Promise<Edition> {
	const title = TITLES[language];
	const kit = await src.generate({
		productId: "p1",
		kind: "digital_kit",
		topic: "초보자를 위한 사워도우 빵 굽기",
		title,
		language,
		generation: 1,
		feedback: [],
	});
	const markdown = (path: string) => new TextDecoder().decode(kit.files.find((file) => file.path === path)?.body);
	const input = { title, subtitle: kit.description, language, fonts };
	const guide = await src.renderGuidePdf({ ...input, markdown: markdown("guide.md") });
	const checklist = await src.renderChecklistPdf({ ...input, markdown: markdown("checklist.md") });
	writeFileSync(join(dir, `guide-${language}.pdf`), guide);
	writeFileSync(join(dir, `checklist-${language}.pdf`), checklist);
	return {
		guide: join(dir, `guide-${language}.pdf`),
		checklist: join(dir, `checklist-${language}.pdf`),
		guideBytes: guide.byteLength,
		chapters: src.chapterTitles(src.parseMarkdown(markdown("guide.md"))),
	};
}

function tool(command: string, args: string[]): string {
	try {
		return execFileSync(command, args, { encoding: "utf8" });
	} catch (err) {
		throw new Error(`${command} failed (install Debian's poppler-utils): ${err instanceof Error ? err.message : String(err)}`);
	}
}

/** Page `page` of `pdf` as a PNG at `dpi`, by pdftoppm. */
function render(pdf: string, page: number, dpi = 60): string {
	const prefix = join(dir, `${pdf.split("/").at(-1)}-${page}-${dpi}`);
	tool("pdftoppm", ["-png", "-r", String(dpi), "-f", String(page), "-l", String(page), "-singlefile", pdf, prefix]);
	return `${prefix}.png`;
}

/** Dark pixels (luma below 128) in a band of rows and columns, given as fractions of the page. */
async function ink(png: string, band: { top: number; bottom: number; left?: number; right?: number }): Promise<number> {
	const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
	const [x0, x1] = [Math.floor((band.left ?? 0) * info.width), Math.floor((band.right ?? 1) * info.width)];
	const [y0, y1] = [Math.floor(band.top * info.height), Math.floor(band.bottom * info.height)];
	let dark = 0;
	for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if ((data[y * info.width + x] ?? 255) < 128) dark++;
	return dark;
}

/** The 1-based page whose text starts with `heading`. */
function pageOf(pdf: string, heading: string, pages: number): number {
	for (let page = 3; page <= pages; page++) {
		if (bare(tool("pdftotext", ["-f", String(page), "-l", String(page), pdf, "-"])).startsWith(bare(heading))) return page;
	}
	throw new Error(`no page starts with ${heading}`);
}

const pageCount = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(tool("pdfinfo", [pdf]))?.[1]);

beforeAll(async () => {
	src = await loadSrc();
	editions.ko = await makeEdition("ko");
	editions.en = await makeEdition("en");
});

describe("guide.pdf and checklist.pdf, rendered by poppler", () => {
	it("draws the Korean cover and a chapter page (ink where the text is), and its Korean text extracts", async () => {
		const { guide, chapters } = editions.ko;
		const cover = render(guide, 1);
		// The title's line (about 38% from the top, above the accent rule) is inked; the lower cover is
		// blank, so the measure can tell drawn glyphs from blank ones.
		expect(await ink(cover, { top: 0.33, bottom: 0.4, left: 0.08, right: 0.92 })).toBeGreaterThan(1000);
		expect(await ink(cover, { top: 0.7, bottom: 0.9 })).toBe(0);
		expect(bare(tool("pdftotext", ["-f", "1", "-l", "1", guide, "-"]))).toContain(bare(TITLES.ko));

		const first = chapters[0] ?? "";
		const page = pageOf(guide, first, pageCount(guide));
		const chapter = render(guide, page);
		expect(await ink(chapter, { top: 0.05, bottom: 0.4, left: 0.08, right: 0.92 })).toBeGreaterThan(1000);
		const text = tool("pdftotext", ["-f", String(page), "-l", String(page), guide, "-"]);
		expect((text.match(/[가-힣]/g) ?? []).length).toBeGreaterThan(100);

		// A page per chapter after the cover and the contents, which name every chapter.
		expect(pageCount(guide)).toBeGreaterThanOrEqual(2 + chapters.length);
		const contents = bare(tool("pdftotext", ["-f", "2", "-l", "2", guide, "-"]));
		for (const title of chapters) expect(contents).toContain(bare(title));

		mkdirSync(SCREENSHOTS, { recursive: true });
		copyFileSync(render(guide, 1, 100), join(SCREENSHOTS, "guide-pdf-ko.png"));
	});

	it("embeds every font it uses, as a subset small enough to mail: a Korean guide.pdf under 1 MB", () => {
		for (const edition of [editions.ko, editions.en]) {
			for (const pdf of [edition.guide, edition.checklist]) {
				const rows = tool("pdffonts", [pdf]).trim().split("\n").slice(2);
				expect(rows.length).toBeGreaterThan(0);
				// Columns: name, type (two words), encoding, emb, sub, uni, object, generation.
				for (const row of rows) expect(row.split(/\s+/).at(-5), row).toBe("yes");
			}
		}
		expect(editions.ko.guideBytes).toBeLessThan(1024 * 1024);
	});

	it("draws the English cover and the printable Korean checklist with its tick boxes", async () => {
		const { guide } = editions.en;
		const cover = render(guide, 1);
		expect(await ink(cover, { top: 0.33, bottom: 0.4, left: 0.08, right: 0.92 })).toBeGreaterThan(1000);
		expect(bare(tool("pdftotext", ["-f", "1", "-l", "1", guide, "-"]))).toContain(bare(TITLES.en));
		mkdirSync(SCREENSHOTS, { recursive: true });
		copyFileSync(render(guide, 1, 100), join(SCREENSHOTS, "guide-pdf-en.png"));

		const checklist = render(editions.ko.checklist, 1);
		// The tick boxes' column (left of the item text) has ink, and so has the text beside it.
		expect(await ink(checklist, { top: 0.25, bottom: 0.9, left: 0.095, right: 0.125 })).toBeGreaterThan(100);
		expect(await ink(checklist, { top: 0.25, bottom: 0.9, left: 0.14, right: 0.9 })).toBeGreaterThan(1000);
		expect(bare(tool("pdftotext", ["-f", "1", "-l", "1", editions.ko.checklist, "-"]))).toContain(bare(TITLES.ko));
	});

	it("tells text that extracts but is not drawn (the symptom of a broken subset) from drawn text", async () => {
		// The same fonts and title, set in the invisible text mode: a reader extracts it, nothing is painted.
		const doc = await PDFDocument.create();
		const type = await src.createTypesetter(doc, fonts, TITLES.ko);
		const page = doc.addPage([595.28, 841.89]);
		page.pushOperators(setTextRenderingMode(TextRenderingMode.Invisible));
		type.draw(page, TITLES.ko, 60, 841.89 * 0.62, 26);
		const pdf = join(dir, "invisible.pdf");
		writeFileSync(pdf, await doc.save());
		expect(bare(tool("pdftotext", [pdf, "-"]))).toContain(bare(TITLES.ko));
		expect(await ink(render(pdf, 1), { top: 0.33, bottom: 0.4, left: 0.08, right: 0.92 })).toBe(0);
	});

	it("wraps Korean by character, with no spaces needed, and English only between words", async () => {
		const korean = "사워도우빵굽기는천천히배우는기술입니다".repeat(6);
		const english = "Sourdough baking rewards patience, careful measuring and a written plan for every week.".repeat(3);
		const type = await src.createTypesetter(await PDFDocument.create(), fonts, korean + english);
		const lines = type.wrap(korean, 11, 200, "ko");
		expect(lines.length).toBeGreaterThan(3);
		expect(lines.join("")).toBe(korean);
		for (const line of lines) expect(type.width(line, 11)).toBeLessThanOrEqual(200);
		const words = new Set(english.split(" "));
		const englishLines = type.wrap(english, 11, 200, "en");
		expect(englishLines.length).toBeGreaterThan(3);
		for (const line of englishLines) {
			expect(type.width(line, 11)).toBeLessThanOrEqual(200);
			for (const word of line.split(" ")) expect(words.has(word), word).toBe(true);
		}
		expect(englishLines.join(" ")).toBe(english);
	});
});
