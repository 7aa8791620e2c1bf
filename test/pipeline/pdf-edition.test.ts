import { env } from "cloudflare:workers";
import { PDFDocument, StandardFonts } from "@cantoo/pdf-lib";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/lib/hash";
import { createProducts } from "../../src/pipeline/create-product";
import { pdfChecks } from "../../src/pipeline/pdf/checks";
import { inspectPdf } from "../../src/pipeline/pdf/inspect";
import { chapterTitles, parseMarkdown } from "../../src/pipeline/pdf/markdown";
import type { ProductFileUnderTest } from "../../src/pipeline/qa/qa1-checks";
import type { QaReportView } from "../../src/shared/qa";
import { api, drain, testDeps } from "../support/helpers";

const SETTINGS = { kind: "digital_kit" as const, price_cents: 9900, currency: "krw", download_limit: 3, link_ttl_seconds: 3600 };
const decoder = new TextDecoder();
type Manifest = { files: { path: string; size: number; sha256: string }[] };

async function underTest(path: string, body: Uint8Array): Promise<ProductFileUnderTest> {
	const sha256 = await sha256Hex(body);
	return { path, size: body.byteLength, sha256, body, actualSha256: sha256 };
}

/** A one-page PDF with the title in Helvetica, a standard font PDF readers supply: nothing embedded. */
async function helveticaPdf(title: string, pages: number): Promise<Uint8Array> {
	const doc = await PDFDocument.create();
	const font = await doc.embedFont(StandardFonts.Helvetica);
	for (let index = 0; index < pages; index++) doc.addPage().drawText(title, { x: 50, y: 700, size: 20, font });
	return doc.save();
}

describe("the PDF edition", () => {
	it("puts guide.pdf and checklist.pdf in every language version, checked by QA1, packaged with their SHA-256 and listed on the storefront", async () => {
		const deps = await testDeps();
		const [created] = await createProducts(deps, [{ ...SETTINGS, topic: "초보자를 위한 사워도우 빵 굽기", languages: ["ko", "en"] }]);
		if (!created) throw new Error("not created");
		await drain(deps);
		const detail = (await (await api(`/api/products/${created.id}`)).json()) as { product: { status: string }; qa_reports: QaReportView[] };
		expect(detail.product.status).toBe("PUBLISHED");

		// QA1 checked each version's PDFs and they passed.
		const qa1 = detail.qa_reports.find((report) => report.stage === 1);
		for (const name of ["pdf.guide", "pdf.checklist", "en/pdf.guide", "en/pdf.checklist"]) {
			const found = qa1?.checks.find((check) => check.name === name);
			expect(found, name).toMatchObject({ passed: true, required: true, dimension: "functional" });
		}
		// QA2 required them in the archive.
		const qa2 = detail.qa_reports.find((report) => report.stage === 2);
		expect(qa2?.checks.find((check) => check.name === "zip.required_files")?.detail).toContain("guide.pdf");

		// The package holds them, each listed in the manifest with its SHA-256.
		const row = await env.DB.prepare("SELECT p.r2_key, t.texts FROM packages p JOIN products t ON t.id = p.product_id WHERE p.product_id = ?")
			.bind(created.id)
			.first<{ r2_key: string; texts: string }>();
		const zip = await env.FILES.get(row?.r2_key ?? "");
		const entries = unzipSync(new Uint8Array(await (zip as R2ObjectBody).arrayBuffer()));
		const manifest = JSON.parse(decoder.decode(entries["manifest.json"])) as Manifest;
		for (const path of ["guide.pdf", "checklist.pdf", "en/guide.pdf", "en/checklist.pdf"]) {
			const body = entries[path];
			if (!body) throw new Error(`${path} not in the package`);
			expect(decoder.decode(body.subarray(0, 5))).toBe("%PDF-");
			expect(manifest.files.find((file) => file.path === path)).toEqual({ path, size: body.byteLength, sha256: await sha256Hex(body) });
		}
		// The Markdown stays beside them.
		expect(Object.keys(entries)).toEqual(expect.arrayContaining(["guide.md", "checklist.md", "en/guide.md", "en/checklist.md"]));

		// The Korean guide, parsed back: cover, contents and a page per chapter, fonts embedded,
		// the Korean title in its text, and small.
		const texts = JSON.parse(row?.texts ?? "{}") as Record<string, { title: string }>;
		const guide = entries["guide.pdf"] as Uint8Array;
		const chapters = chapterTitles(parseMarkdown(decoder.decode(entries["guide.md"])));
		expect(chapters.length).toBeGreaterThanOrEqual(3);
		const facts = await inspectPdf(guide);
		expect(facts.pages).toBeGreaterThanOrEqual(2 + chapters.length);
		expect(facts.fonts.length).toBeGreaterThan(0);
		expect(facts.fonts.every((font) => font.embedded)).toBe(true);
		const bare = (text: string) => text.replace(/\s+/g, "");
		expect(bare(facts.text)).toContain(bare(texts.ko?.title ?? "missing"));
		expect(bare(facts.text)).toContain(bare(chapters[0] ?? "missing"));
		expect(guide.byteLength).toBeLessThan(1024 * 1024);
		const english = await inspectPdf(entries["en/guide.pdf"] as Uint8Array);
		expect(bare(english.text)).toContain(bare(texts.en?.title ?? "missing"));
		const checklist = await inspectPdf(entries["checklist.pdf"] as Uint8Array);
		expect(checklist.fonts.every((font) => font.embedded)).toBe(true);
		expect(bare(checklist.text)).toContain(bare(texts.ko?.title ?? "missing"));

		// The storefront's file list names them.
		const page = await (await api(`/products/${encodeURIComponent(created.slug)}`, { auth: null })).text();
		const files = page.slice(page.indexOf('class="product-files"'));
		expect(files).toContain("guide.pdf");
		expect(files).toContain("checklist.pdf");
	});

	it("fails QA1's pdf checks for a PDF without embedded fonts, with missing pages, or missing", async () => {
		const title = "사워도우 빵 굽기 입문 키트";
		const guideMd = "# Guide\n\n## One\n\nText.\n\n## Two\n\nText.\n\n## Three\n\nText.\n";
		const files = [
			await underTest("guide.md", new TextEncoder().encode(guideMd)),
			await underTest("guide.pdf", await helveticaPdf("Sourdough Kit", 6)),
			await underTest("checklist.pdf", await helveticaPdf("Sourdough Kit", 1)),
		];
		const checks = await pdfChecks(files, "Sourdough Kit");
		const guide = checks.find((check) => check.name === "pdf.guide");
		expect(guide).toMatchObject({ passed: false, required: true });
		expect(guide?.detail).toContain("fonts not embedded: Helvetica");

		// Two pages where cover, contents and three chapters promise five.
		const short = await pdfChecks([files[0] as ProductFileUnderTest, await underTest("guide.pdf", await helveticaPdf(title, 2))], title);
		expect(short.find((check) => check.name === "pdf.guide")?.detail).toContain("2 pages, at least 5 promised");
		expect(short.find((check) => check.name === "pdf.checklist")).toMatchObject({ passed: false, detail: "checklist.pdf is missing" });

		// Not a PDF at all.
		const broken = await pdfChecks([await underTest("guide.pdf", new TextEncoder().encode("not a pdf")), files[2] as ProductFileUnderTest], "Sourdough Kit");
		expect(broken.find((check) => check.name === "pdf.guide")?.detail).toContain("does not open");
		expect(broken.find((check) => check.name === "pdf.checklist")?.detail).toContain("fonts not embedded");
	});
});
