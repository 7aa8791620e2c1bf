import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { mulberry32 } from "../src/shared/prng.ts";

/** One file of the generated product, relative to the product folder. */
export type FixtureFile = { path: string; size: number };

type Rng = () => number;

const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, items: readonly T[], fallback: T): T => items[Math.floor(rng() * items.length)] ?? fallback;

const COMMON = [
	"the",
	"of",
	"and",
	"to",
	"a",
	"in",
	"is",
	"for",
	"that",
	"with",
	"on",
	"as",
	"your",
	"it",
	"by",
	"this",
	"be",
	"are",
	"from",
	"or",
	"can",
	"you",
	"at",
	"an",
	"each",
	"more",
	"when",
	"how",
	"one",
	"all",
];
const SYLLABLES = [
	"ka",
	"lo",
	"ren",
	"ti",
	"mar",
	"sol",
	"vi",
	"den",
	"qua",
	"ber",
	"ni",
	"tor",
	"al",
	"es",
	"pri",
	"mon",
	"ul",
	"zen",
	"ca",
	"dro",
	"fa",
	"lin",
	"gor",
	"ise",
	"ment",
	"ter",
	"ab",
	"ous",
	"ly",
	"tion",
];

/**
 * Words drawn from a Zipf-like distribution over a fixed vocabulary, as in real prose: deflate
 * finds repeated words and common bigrams, but no long repeated runs, so the ratio stays near
 * that of natural text (about 2.5-3.5x) instead of the 100x of a repeated paragraph.
 */
function wordSource(rng: Rng): () => string {
	const vocabulary = [...COMMON];
	while (vocabulary.length < 6000) {
		let word = "";
		for (let i = int(rng, 1, 4); i > 0; i--) word += pick(rng, SYLLABLES, "a");
		vocabulary.push(word);
	}
	// A 64 Ki-slot table sampled uniformly stands in for a Zipf CDF search on every word.
	const weights = vocabulary.map((_, rank) => 1 / (rank + 1) ** 1.05);
	const total = weights.reduce((sum, w) => sum + w, 0);
	const table = new Uint16Array(65536);
	let slot = 0;
	weights.forEach((weight, rank) => {
		const end = rank === weights.length - 1 ? table.length : Math.min(table.length, slot + Math.round((weight / total) * table.length));
		table.fill(rank, slot, end);
		slot = end;
	});
	return () => vocabulary[table[Math.floor(rng() * 65536)] ?? 0] ?? "the";
}

type Writer = { rng: Rng; word: () => string };

function sentence({ rng, word }: Writer): string {
	const words: string[] = [];
	for (let i = int(rng, 6, 22); i > 0; i--) words.push(word());
	const first = words[0] ?? "it";
	words[0] = first.charAt(0).toUpperCase() + first.slice(1);
	if (words.length > 10 && rng() < 0.4) words[int(rng, 3, 8)] += ",";
	return `${words.join(" ")}${rng() < 0.1 ? "?" : "."}`;
}

function paragraph(w: Writer): string {
	const sentences: string[] = [];
	for (let i = int(w.rng, 2, 7); i > 0; i--) sentences.push(sentence(w));
	return sentences.join(" ");
}

function title(w: Writer, words = 4): string {
	const picked = Array.from({ length: int(w.rng, 2, words) }, w.word);
	return picked.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(" ");
}

/** Fills a file up to `size` characters from a generator of blocks. */
function fill(size: number, head: string, block: () => string, tail = ""): string {
	const parts = [head];
	let length = head.length + tail.length;
	while (length < size) {
		const next = block();
		parts.push(next);
		length += next.length;
	}
	parts.push(tail);
	return parts.join("");
}

function markdown(w: Writer, size: number): string {
	return fill(size, `# ${title(w, 6)}\n\n`, () => {
		const roll = w.rng();
		if (roll < 0.1) return `## ${title(w)}\n\n`;
		if (roll < 0.2) return `${Array.from({ length: int(w.rng, 3, 6) }, () => `- ${sentence(w)}`).join("\n")}\n\n`;
		if (roll < 0.24) return `\`\`\`json\n{ "${w.word()}": ${int(w.rng, 0, 9999)}, "${w.word()}": "${w.word()}" }\n\`\`\`\n\n`;
		return `${paragraph(w)}\n\n`;
	});
}

function html(w: Writer, size: number): string {
	const head = `<!doctype html>\n<html lang="en">\n<head>\n\t<meta charset="utf-8">\n\t<title>${title(w, 6)}</title>\n\t<link rel="stylesheet" href="../assets/css/site.css">\n</head>\n<body>\n\t<main class="content">\n`;
	return fill(
		size,
		head,
		() => {
			const roll = w.rng();
			if (roll < 0.12) return `\t\t<h2 id="${w.word()}-${w.word()}">${title(w)}</h2>\n`;
			if (roll < 0.22)
				return `\t\t<ul class="list-${w.word()}">\n${Array.from({ length: int(w.rng, 2, 5) }, () => `\t\t\t<li>${sentence(w)}</li>`).join("\n")}\n\t\t</ul>\n`;
			if (roll < 0.3) return `\t\t<p class="note"><a href="/${w.word()}/${w.word()}.html">${title(w, 3)}</a> ${sentence(w)}</p>\n`;
			return `\t\t<p>${paragraph(w)}</p>\n`;
		},
		"\t</main>\n</body>\n</html>\n",
	);
}

function css(w: Writer, size: number): string {
	const properties = ["margin", "padding", "font-size", "line-height", "border-radius", "gap", "width", "max-width", "top", "left"];
	const hex = () =>
		Math.floor(w.rng() * 0xffffff)
			.toString(16)
			.padStart(6, "0");
	return fill(size, "/* generated theme */\n", () => {
		const lines = [`.${w.word()}-${w.word()} ${pick(w.rng, ["", "> a", ":hover", " .icon", "::after"], "")} {`];
		for (let i = int(w.rng, 2, 6); i > 0; i--) lines.push(`\t${pick(w.rng, properties, "margin")}: ${int(w.rng, 0, 64)}px;`);
		lines.push(`\tcolor: #${hex()};`, "}\n");
		return lines.join("\n");
	});
}

function json(w: Writer, size: number): string {
	let id = 0;
	const record = () =>
		JSON.stringify(
			{
				id: ++id,
				slug: `${w.word()}-${w.word()}-${int(w.rng, 1, 999)}`,
				title: title(w, 5),
				summary: sentence(w),
				tags: Array.from({ length: int(w.rng, 1, 4) }, w.word),
				price_cents: int(w.rng, 99, 9999),
				rating: Math.round(w.rng() * 50) / 10,
				created_at: new Date(Date.UTC(2025, 0, 1) + int(w.rng, 0, 3e10)).toISOString(),
			},
			null,
			"\t",
		);
	const body = fill(size - 2, "[\n", () => `${record()},\n`);
	return `${body.slice(0, -2)}\n]\n`;
}

function csv(w: Writer, size: number): string {
	return fill(size, "id,sku,name,category,price,stock,updated_at\n", () => {
		const row = [
			int(w.rng, 1, 1e6),
			`SKU-${int(w.rng, 1e4, 99999)}`,
			`"${title(w, 3)}"`,
			w.word(),
			(w.rng() * 200).toFixed(2),
			int(w.rng, 0, 500),
			`2026-${String(int(w.rng, 1, 12)).padStart(2, "0")}-${String(int(w.rng, 1, 28)).padStart(2, "0")}`,
		];
		return `${row.join(",")}\n`;
	});
}

function svg(w: Writer, size: number): string {
	const n = () => (w.rng() * 512).toFixed(2);
	return fill(
		size,
		'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">\n',
		() =>
			`\t<path fill="#${Math.floor(w.rng() * 0xffffff)
				.toString(16)
				.padStart(6, "0")}" d="M${n()} ${n()}C${n()} ${n()} ${n()} ${n()} ${n()} ${n()}L${n()} ${n()}Z"/>\n`,
		"</svg>\n",
	);
}

/** Incompressible bytes behind a real magic number, like the images and video of a product. */
function binary(rng: Rng, size: number, magic: number[]): Uint8Array {
	const bytes = new Uint8Array(size);
	const words = new Uint32Array(bytes.buffer, 0, Math.floor(size / 4));
	for (let i = 0; i < words.length; i++) words[i] = Math.floor(rng() * 4294967296);
	for (let i = words.length * 4; i < size; i++) bytes[i] = Math.floor(rng() * 256);
	bytes.set(magic.slice(0, size));
	return bytes;
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff, 0xe0];
const MP4 = [0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d];
const WOFF2 = [0x77, 0x4f, 0x46, 0x32];

/** A group of similar files: how many, what share of the product, and how to make one. */
type Group = { count: number; share: number; path: (i: number) => string; make: (w: Writer, size: number) => string | Uint8Array };

const two = (i: number) => String(i + 1).padStart(2, "0");

/** About 60% text, 30% already-compressed media and 10% mid-size assets, like a course or template pack. */
const GROUPS: Group[] = [
	{ count: 48, share: 0.24, path: (i) => `docs/part-${Math.floor(i / 12) + 1}/chapter-${two(i)}.md`, make: markdown },
	{ count: 24, share: 0.18, path: (i) => `site/${i === 0 ? "index" : `pages/page-${two(i)}`}.html`, make: html },
	{ count: 10, share: 0.1, path: (i) => `data/catalog-${two(i)}.json`, make: json },
	{ count: 8, share: 0.03, path: (i) => `site/assets/css/${i === 0 ? "site" : `theme-${two(i)}`}.css`, make: css },
	{ count: 6, share: 0.05, path: (i) => `data/inventory-${two(i)}.csv`, make: csv },
	{ count: 28, share: 0.14, path: (i) => `site/assets/img/figure-${two(i)}.png`, make: (w, size) => binary(w.rng, size, PNG) },
	{ count: 16, share: 0.08, path: (i) => `media/photos/photo-${two(i)}.jpg`, make: (w, size) => binary(w.rng, size, JPEG) },
	{ count: 1, share: 0.08, path: () => "media/video/intro.mp4", make: (w, size) => binary(w.rng, size, MP4) },
	{ count: 20, share: 0.06, path: (i) => `site/assets/icons/icon-set-${two(i)}.svg`, make: svg },
	{ count: 8, share: 0.04, path: (i) => `site/assets/fonts/face-${two(i)}.woff2`, make: (w, size) => binary(w.rng, size, WOFF2) },
];

/**
 * Writes a deterministic product of about `totalBytes` under `dir` and lists its files, sorted
 * by path as the package stage orders them. Each file's size varies by up to ±35% around its
 * group's mean, so the archive sees both small and large entries.
 */
export function writeFixture(dir: string, totalBytes: number, seed = 20260101): FixtureFile[] {
	// mulberry32 (src/shared/prng.ts): the same seed gives the same product.
	const rng = mulberry32(seed);
	const writer: Writer = { rng, word: wordSource(rng) };
	const files: FixtureFile[] = [
		{ path: "README.md", size: writeFile(dir, "README.md", markdown(writer, 4_000)) },
		{ path: "LICENSE.txt", size: writeFile(dir, "LICENSE.txt", `${paragraph(writer)}\n`) },
	];
	for (const group of GROUPS) {
		const mean = (totalBytes * group.share) / group.count;
		for (let i = 0; i < group.count; i++) {
			const path = group.path(i);
			const size = Math.max(1024, Math.round(mean * (0.65 + 0.7 * rng())));
			files.push({ path, size: writeFile(dir, path, group.make(writer, size)) });
		}
	}
	return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function writeFile(dir: string, path: string, content: string | Uint8Array): number {
	const full = join(dir, path);
	mkdirSync(dirname(full), { recursive: true });
	const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
	writeFileSync(full, bytes);
	return bytes.byteLength;
}
