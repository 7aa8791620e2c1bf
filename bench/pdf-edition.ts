/**
 * The PDF edition's cost: generating and packaging a digital kit (Korean primary + English, the
 * offline template generator) with its PDFs (guide.pdf and checklist.pdf per language version)
 * against the same without them, in the same run, in-process under Node (not `wrangler dev`):
 * the generate stage's work (generator, PDF setting) and the package stage's (src/lib/zip.ts
 * ZIP with manifest, drained and SHA-256 hashed as uploadStream does), with no D1 or R2.
 * `npm run bench -- pdf [--runs 5] [--save]`, or `node --import tsx bench/pdf-edition.ts`.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { median, round, saveResult, table } from "./stats.ts";

type File = { path: string; body: Uint8Array; contentType: string };
type Locale = "ko" | "en";
type Fonts = { hangul: Uint8Array; latin: Uint8Array };
type Modules = {
	generate: (input: Record<string, unknown>) => Promise<{ description: string; files: File[] }>;
	pdfEdition: (files: File[], version: { title: string; description: string; language: Locale }, fonts: Fonts) => Promise<File[]>;
	zipStream: (entries: { path: string; open: () => Promise<Uint8Array> }[], mtime: Date) => ReadableStream<Uint8Array>;
};

const TOPIC = "초보자를 위한 사워도우 빵 굽기";
const TITLES: Record<Locale, string> = { ko: "초보자를 위한 사워도우 빵 굽기 스타터 키트", en: "Sourdough Baking for Beginners Starter Kit" };

/** src/ is loaded by computed specifiers (see bench/packaging.ts's loadZipStream for why). */
async function load(): Promise<Modules> {
	const at = (path: string) => import(new URL(`../src/${path}`, import.meta.url).href);
	const [template, edition, zip] = await Promise.all([at("pipeline/generators/template.ts"), at("pipeline/pdf/edition.ts"), at("lib/zip.ts")]);
	return { generate: (input) => template.templateGenerator.generate(input), pdfEdition: edition.pdfEdition, zipStream: zip.zipStream };
}

/** The fonts as the Worker reads them from its static assets (public/fonts, copied at install). */
function fonts(): Fonts {
	const read = (name: string) => new Uint8Array(readFileSync(new URL(`../public/fonts/${name}`, import.meta.url)));
	return { hangul: read("noto-sans-kr-korean-400-normal.woff"), latin: read("noto-sans-kr-latin-400-normal.woff") };
}

/** One product, generated and packaged; returns the archive's size and the PDFs' bytes. */
async function once(modules: Modules, withPdf: boolean, fontFiles: Fonts): Promise<{ ms: number; zipBytes: number; pdfBytes: number }> {
	const start = performance.now();
	const files: File[] = [];
	let pdfBytes = 0;
	for (const language of ["ko", "en"] as const) {
		const folder = language === "ko" ? "" : `${language}/`;
		const title = TITLES[language];
		const version = await modules.generate({ productId: "bench", kind: "digital_kit", topic: TOPIC, title, language, generation: 1, feedback: [] });
		const derived = withPdf ? await modules.pdfEdition(version.files, { title, description: version.description, language }, fontFiles) : [];
		pdfBytes += derived.reduce((sum, file) => sum + file.body.byteLength, 0);
		files.push(...[...version.files, ...derived].map((file) => ({ ...file, path: `${folder}${file.path}` })));
	}
	const manifest = {
		files: files.map((file) => ({ path: file.path, size: file.body.byteLength, sha256: createHash("sha256").update(file.body).digest("hex") })),
	};
	const entries = [...files, { path: "manifest.json", body: new TextEncoder().encode(JSON.stringify(manifest)) }].map((file) => ({
		path: file.path,
		open: async () => file.body,
	}));
	const hash = createHash("sha256");
	let zipBytes = 0;
	for await (const chunk of modules.zipStream(entries, new Date("2026-01-01T00:00:00Z")) as unknown as AsyncIterable<Uint8Array>) {
		hash.update(chunk);
		zipBytes += chunk.byteLength;
	}
	hash.digest();
	return { ms: performance.now() - start, zipBytes, pdfBytes };
}

async function main(): Promise<void> {
	const { values } = parseArgs({ options: { runs: { type: "string", default: "5" }, save: { type: "boolean", default: false } }, strict: false });
	const runs = Math.max(1, Number(values.runs) || 5);
	const modules = await load();
	const fontFiles = fonts();
	// Warm-up: the first run pays for module compilation and font parsing in both variants.
	await once(modules, false, fontFiles);
	await once(modules, true, fontFiles);
	const samples = { without: [] as number[], with: [] as number[] };
	let last = { withZip: 0, withoutZip: 0, pdfBytes: 0 };
	for (let i = 0; i < runs; i++) {
		// Alternating the order spreads drift over both variants.
		for (const withPdf of i % 2 === 0 ? [false, true] : [true, false]) {
			const sample = await once(modules, withPdf, fontFiles);
			(withPdf ? samples.with : samples.without).push(sample.ms);
			if (withPdf) last = { ...last, withZip: sample.zipBytes, pdfBytes: sample.pdfBytes };
			else last = { ...last, withoutZip: sample.zipBytes };
		}
	}
	const withMs = median(samples.with);
	const withoutMs = median(samples.without);
	console.log("host: in-process Node (tsx), not wrangler dev; one product = Korean + English versions\n");
	console.log(
		table(
			["variant", "median ms", "ZIP bytes"],
			[
				["generate + package, no PDFs", withoutMs.toFixed(0), String(last.withoutZip)],
				["generate + package + 4 PDFs", withMs.toFixed(0), String(last.withZip)],
			],
		),
	);
	console.log(
		`\nwith PDFs / without: time ${(withMs / withoutMs).toFixed(1)}x, ZIP size ${(last.withZip / last.withoutZip).toFixed(1)}x; the 4 PDFs: ${last.pdfBytes} bytes`,
	);
	const line = JSON.stringify({
		bench: "pdf-edition",
		host: "in-process node",
		date: new Date().toISOString(),
		cpus: cpus().length,
		cpu: cpus()[0]?.model ?? "",
		node: process.version,
		runs,
		without_pdf_ms: Math.round(withoutMs),
		with_pdf_ms: Math.round(withMs),
		ratio: round(withMs / withoutMs, 2),
		zip_bytes: { without: last.withoutZip, with: last.withZip },
		pdf_bytes: last.pdfBytes,
	});
	if (values.save) saveResult("pdf-edition", line);
	console.log(line);
}

await main();
