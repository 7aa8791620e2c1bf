/**
 * Packaging throughput: the project's streaming ZIP writer (src/lib/zip.ts, fflate) against
 * Info-ZIP `zip -6` on the same ~50 MB product, in the same run. Needs the tsx loader (src/
 * uses extensionless imports): `npm run bench -- packaging`, or with Node 22 on the PATH
 * `node --import tsx bench/packaging.ts [--runs 3] [--size 50] [--save]`.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, createReadStream, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { parseArgs } from "node:util";
import { type FixtureFile, writeFixture } from "./fixture.ts";
import { median, round, saveResult, table } from "./stats.ts";

/** The signature of `zipStream` in src/lib/zip.ts (see loadZipStream for why it is restated). */
type ZipSource = { path: string; open: () => Promise<ReadableStream<Uint8Array> | Uint8Array> };
type ZipStream = (entries: ZipSource[], mtime: Date) => ReadableStream<Uint8Array>;

/** What one timed run of a variant produced. */
type Sample = { ms: number; bytes: number; hashMs: number; sha256: string };

/** One way of packaging the product; `run` archives it once and reports the time taken. */
type Variant = { key: string; label: string; run: (sink?: string) => Promise<Sample> };

const MB = 1_000_000;
const MTIME = new Date("2026-01-01T00:00:00Z");
/** The suffixes src/lib/zip.ts stores instead of deflating, as a `zip -n` list. */
const STORED_SUFFIXES = ".png:.jpg:.jpeg:.gif:.webp:.avif:.zip:.gz:.bz2:.xz:.7z:.mp4:.m4a:.mp3:.ogg:.webm:.woff:.woff2:.pdf";

/**
 * src/ is written for the Workers bundler (extensionless imports) and type-checked by
 * tsconfig.json; a static import here would pull it into tsconfig.node.json's nodenext check,
 * which rejects those imports. A computed specifier keeps tsc out and tsx still resolves it.
 */
async function loadZipStream(): Promise<ZipStream> {
	const specifier = new URL("../src/lib/zip.ts", import.meta.url).href;
	const mod: unknown = await import(specifier);
	if (typeof mod === "object" && mod !== null && "zipStream" in mod && typeof mod.zipStream === "function") return mod.zipStream as ZipStream;
	throw new Error("src/lib/zip.ts has no zipStream export; run this file with tsx");
}

/** Each product file as the package stage sees an R2 body: a web stream opened on demand. */
function streamEntries(dir: string, files: FixtureFile[]): ZipSource[] {
	return files.map((file) => ({
		path: file.path,
		open: async () => Readable.toWeb(createReadStream(join(dir, file.path))) as unknown as ReadableStream<Uint8Array>,
	}));
}

/** Whole files in memory: isolates the ZIP writer from the fs-to-web-stream adapter. */
function bufferEntries(dir: string, files: FixtureFile[]): ZipSource[] {
	return files.map((file) => ({ path: file.path, open: async () => new Uint8Array(readFileSync(join(dir, file.path))) }));
}

/** Drains the archive as uploadStream does (counting and SHA-256 hashing every chunk). */
async function drain(stream: ReadableStream<Uint8Array>, sink?: string): Promise<Omit<Sample, "ms">> {
	const hash = createHash("sha256");
	const fd = sink ? openSync(sink, "w") : null;
	let bytes = 0;
	let hashMs = 0;
	try {
		const reader = stream.getReader();
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			bytes += value.byteLength;
			const t = performance.now();
			hash.update(value);
			hashMs += performance.now() - t;
			if (fd !== null) writeSync(fd, value);
		}
	} finally {
		if (fd !== null) closeSync(fd);
	}
	return { bytes, hashMs, sha256: hash.digest("hex") };
}

function projectVariant(zipStream: ZipStream, key: string, label: string, entries: () => ZipSource[]): Variant {
	return {
		key,
		label,
		run: async (sink) => {
			const start = performance.now();
			const result = await drain(zipStream(entries(), MTIME), sink);
			return { ms: performance.now() - start, ...result };
		},
	};
}

/** Info-ZIP into a fresh archive outside the product folder (an existing one would be updated). */
function zipVariant(key: string, label: string, dir: string, out: string, extra: string[]): Variant {
	return {
		key,
		label,
		run: async () => {
			rmSync(out, { force: true });
			const start = performance.now();
			const code = await new Promise<number | null>((resolve, reject) => {
				const child = spawn("zip", ["-6", ...extra, "-r", "-q", out, "."], { cwd: dir, stdio: "inherit" });
				child.once("error", reject);
				child.once("exit", resolve);
			});
			const ms = performance.now() - start;
			if (code !== 0) throw new Error(`zip exited with ${code}`);
			return { ms, bytes: statSync(out).size, hashMs: 0, sha256: "" };
		},
	};
}

/** Checks the project's archive with Info-ZIP and that it holds every file. */
function verifyArchive(path: string, fileCount: number): string {
	const test = spawnSync("unzip", ["-tq", path], { encoding: "utf8" });
	if (test.status !== 0) throw new Error(`unzip -t failed on the project's archive:\n${test.stdout}${test.stderr}`);
	const list = spawnSync("unzip", ["-Z1", path], { encoding: "utf8" });
	const entries = list.stdout.split("\n").filter(Boolean).length;
	if (entries !== fileCount) throw new Error(`the project's archive holds ${entries} entries, expected ${fileCount}`);
	return test.stdout.trim();
}

type Summary = {
	label: string;
	medianMs: number;
	minMs: number;
	maxMs: number;
	mbPerS: number;
	outputBytes: number;
	compression: number;
	hashMs: number;
	sha256: string;
};

function summarize(variant: Variant, samples: Sample[], inputBytes: number): Summary {
	const ms = samples.map((s) => s.ms);
	const medianMs = median(ms);
	const last = samples.at(-1);
	const outputBytes = last?.bytes ?? 0;
	return {
		label: variant.label,
		medianMs,
		minMs: Math.min(...ms),
		maxMs: Math.max(...ms),
		mbPerS: inputBytes / MB / (medianMs / 1000),
		outputBytes,
		compression: inputBytes / outputBytes,
		hashMs: median(samples.map((s) => s.hashMs)),
		sha256: last?.sha256 ?? "",
	};
}

function printTable(rows: Summary[]): void {
	const header = ["variant", "median s", "min-max s", "MB/s", "output MB", "in/out"];
	const cells = rows.map((r) => [
		r.label,
		(r.medianMs / 1000).toFixed(2),
		`${(r.minMs / 1000).toFixed(2)}-${(r.maxMs / 1000).toFixed(2)}`,
		r.mbPerS.toFixed(1),
		(r.outputBytes / MB).toFixed(2),
		`${r.compression.toFixed(2)}x`,
	]);
	console.log(table(header, cells));
}

function options() {
	// strict: false because bench/run.ts forwards the same arguments to every benchmark.
	const { values } = parseArgs({ options: { runs: { type: "string" }, size: { type: "string" }, save: { type: "boolean" } }, strict: false });
	const runs = Number.parseInt(typeof values.runs === "string" ? values.runs : "3", 10);
	const size = Number.parseFloat(typeof values.size === "string" ? values.size : "50");
	if (!(runs >= 1 && size > 0)) throw new Error("--runs must be a positive integer and --size a positive number of MB");
	return { runs, sizeMb: size, save: values.save === true };
}

function zipVersion(): string {
	const out = spawnSync("zip", ["-v"], { encoding: "utf8" }).stdout;
	return /This is (Zip [^,]+)/.exec(out)?.[1] ?? "zip";
}

async function main(): Promise<void> {
	const { runs, sizeMb, save } = options();
	const zipStream = await loadZipStream();
	const root = mkdtempSync(join(tmpdir(), "edge-factory-bench-"));
	try {
		const dir = join(root, "product");
		mkdirSync(dir);
		let start = performance.now();
		const files = writeFixture(dir, sizeMb * MB);
		const inputBytes = files.reduce((sum, f) => sum + f.size, 0);
		const textBytes = files.filter((f) => !STORED_SUFFIXES.split(":").some((suffix) => f.path.endsWith(suffix))).reduce((sum, f) => sum + f.size, 0);
		console.log(
			`product: ${files.length} files, ${(inputBytes / MB).toFixed(1)} MB (${(textBytes / MB).toFixed(1)} MB text, ${((inputBytes - textBytes) / MB).toFixed(1)} MB binary), generated in ${((performance.now() - start) / 1000).toFixed(1)} s`,
		);
		console.log(
			`machine: ${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}, ${zipVersion()}; ${runs} timed runs per variant after one warm-up\n`,
		);

		const variants: Variant[] = [
			projectVariant(zipStream, "project", "project zipStream (fs web streams)", () => streamEntries(dir, files)),
			projectVariant(zipStream, "project_buffers", "project zipStream (whole-file buffers)", () => bufferEntries(dir, files)),
			zipVariant("zip6", "zip -6", dir, join(root, "zip6.zip"), []),
			zipVariant("zip6_stored", "zip -6 -n <media suffixes>", dir, join(root, "zip6n.zip"), ["-n", STORED_SUFFIXES]),
		];

		// The warm-up also fills the page cache for every variant and keeps the archive for unzip -t.
		start = performance.now();
		const archive = join(root, "project.zip");
		for (const variant of variants) await variant.run(variant.key === "project" ? archive : undefined);
		const verified = verifyArchive(archive, files.length);
		console.log(`unzip -t of the project's archive: passed (${verified})`);
		console.log(`warm-up took ${((performance.now() - start) / 1000).toFixed(1)} s\n`);

		const samples = new Map<string, Sample[]>(variants.map((v) => [v.key, []]));
		for (let i = 0; i < runs; i++) {
			// Alternating the order spreads any drift (thermal, page cache, neighbours) over all variants.
			const order = i % 2 === 0 ? variants : [...variants].reverse();
			for (const variant of order) samples.get(variant.key)?.push(await variant.run());
		}

		const summary = Object.fromEntries(variants.map((v) => [v.key, summarize(v, samples.get(v.key) ?? [], inputBytes)]));
		const { project, project_buffers, zip6, zip6_stored } = summary;
		if (!project || !project_buffers || !zip6 || !zip6_stored) throw new Error("a variant produced no samples");
		printTable([project, project_buffers, zip6, zip6_stored]);

		const ratio = {
			throughput_vs_zip6: project.mbPerS / zip6.mbPerS,
			size_vs_zip6: project.outputBytes / zip6.outputBytes,
			throughput_vs_zip6_stored: project.mbPerS / zip6_stored.mbPerS,
			size_vs_zip6_stored: project.outputBytes / zip6_stored.outputBytes,
		};
		console.log(
			`\nproject / zip -6:            throughput ${ratio.throughput_vs_zip6.toFixed(2)}x, size ${ratio.size_vs_zip6.toFixed(3)}x` +
				`\nproject / zip -6 -n (media stored, as the project does): throughput ${ratio.throughput_vs_zip6_stored.toFixed(2)}x, size ${ratio.size_vs_zip6_stored.toFixed(3)}x` +
				`\nSHA-256 of the project's archive (hashed while streaming, as uploadStream does): ${project.sha256.slice(0, 16)}…, ${project.hashMs.toFixed(0)} ms of the median run` +
				"\n(throughput > 1 means the project is faster; size < 1 means the project's archive is smaller)",
		);

		const result = {
			bench: "packaging",
			date: new Date().toISOString(),
			cpus: cpus().length,
			cpu: cpus()[0]?.model ?? "",
			node: process.version,
			zip: zipVersion(),
			runs,
			files: files.length,
			input_bytes: inputBytes,
			text_bytes: textBytes,
			unzip_test: "passed",
			variants: Object.fromEntries(
				Object.entries(summary).map(([key, s]) => [
					key,
					{
						median_ms: Math.round(s.medianMs),
						min_ms: Math.round(s.minMs),
						max_ms: Math.round(s.maxMs),
						mb_per_s: round(s.mbPerS),
						output_bytes: s.outputBytes,
						compression: round(s.compression),
						...(s.sha256 ? { sha256: s.sha256, hash_ms: Math.round(s.hashMs) } : {}),
					},
				]),
			),
			ratio: Object.fromEntries(Object.entries(ratio).map(([k, v]) => [k, round(v, 3)])),
		};
		const line = JSON.stringify(result);
		if (save) saveResult("packaging", line);
		console.log(line);
	} finally {
		rmSync(root, { recursive: true, force: true });
	}
}

await main();
