import type { Db } from "../db/client";
import { cleanText, escapeHtml, escapeMarkdown } from "../pipeline/generators/template/escape";
import { primaryLanguage } from "../pipeline/languages";
import { analyseLandingPage } from "../pipeline/qa/landing-page";
import { languageCheck } from "../pipeline/qa/language-check";
import { type ProductFileUnderTest, readableCheck, resolveInternal } from "../pipeline/qa/qa1-checks";
import { check } from "../pipeline/qa/score";
import type { Locale } from "../shared/locale";
import type { QaCheck, QaDimension } from "../shared/qa";
import { STYLE_PACK_IMAGES_MANIFEST, STYLE_PACK_MAX_IMAGES, STYLE_PACK_MIN_IMAGES, StylePackImageManifest } from "../shared/style-packs";
import { GENERATION_SIZES } from "../shared/styles";
import { readExifText } from "./exif";
import { loadPackSource } from "./pack-source";
import { type PngInfo, readPng } from "./png";
import { type ImageProvenance, readProvenance } from "./provenance";

/** What a style pack must be, from its database rows: QA1 checks the files against it. */
export type StylePackExpectation = {
	productId: string;
	styleId: string;
	artistId: string;
	artistName: string;
	styleTitle: string;
	/** The language the pack's documents are written in (the product's one language). */
	language: Locale;
	/**
	 * What the artist wrote and the documents quote as it is (title, description, names, prompts):
	 * left out when judging the documents' language, since prompts are often English keywords.
	 */
	artistTexts: string[];
};

/** The expectation of a pack from its rows. */
export async function stylePackExpectation(db: Db, productId: string): Promise<StylePackExpectation> {
	const source = await loadPackSource(db, productId);
	return {
		productId,
		styleId: source.style.id,
		artistId: source.artist.id,
		artistName: source.artist.name,
		styleTitle: source.style.title,
		language: primaryLanguage(source.product.languages),
		artistTexts: [
			source.product.title,
			source.product.description,
			source.artist.name,
			source.style.title,
			...source.items.map((item) => item.generation.prompt),
		],
	};
}

/** One image of the pack as QA1 sees it: declared in images.json, read from storage, decoded. */
type ImageUnderTest = {
	path: string;
	declared: StylePackImageManifest["images"][number] | null;
	file: ProductFileUnderTest | null;
	png: { ok: true; info: PngInfo; provenance: ImageProvenance } | { ok: false; error: string };
};

const decoder = new TextDecoder();
const STANDARD_SIZES = new Set(Object.values(GENERATION_SIZES).map((size) => `${size.width}x${size.height}`));
/** Schemes that point outside the pack. */
const EXTERNAL_URL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/** A check over every image: passes when no image has a problem, and names each one that has. */
function perImage(
	name: string,
	dimension: QaDimension,
	images: ImageUnderTest[],
	problem: (image: ImageUnderTest) => string | null,
	okDetail: string,
): QaCheck {
	const problems = images.map((image) => [image.path, problem(image)] as const).filter(([, text]) => text !== null);
	return check(name, dimension, problems.length === 0, problems.length === 0 ? okDetail : problems.map(([path, text]) => `${path}: ${text}`).join("; "), true);
}

async function decode(file: ProductFileUnderTest | null): Promise<ImageUnderTest["png"]> {
	if (!file?.body) return { ok: false, error: "missing from storage" };
	const result = await readPng(file.body);
	if (!result.ok) return result;
	const exif = result.info.exif ? readExifText(result.info.exif) : null;
	return { ok: true, info: result.info, provenance: readProvenance(exif, result.info.text) };
}

function parseManifest(file: ProductFileUnderTest | undefined): StylePackImageManifest | string {
	if (!file?.body) return `${STYLE_PACK_IMAGES_MANIFEST} is missing`;
	try {
		const parsed = StylePackImageManifest.safeParse(JSON.parse(decoder.decode(file.body)));
		return parsed.success ? parsed.data : `${STYLE_PACK_IMAGES_MANIFEST} is malformed: ${parsed.error.issues[0]?.message ?? "invalid"}`;
	} catch {
		return `${STYLE_PACK_IMAGES_MANIFEST} is not JSON`;
	}
}

/**
 * QA1 of a `style_pack`: every image decodes (full PNG check), has the size and SHA-256
 * images.json declares, and carries the artist's signature and provenance naming this pack's
 * artist and style; the gallery shows every image and links nothing missing; LICENSE.txt names
 * the artist and covers every image; the gallery and README are in the pack's language (its
 * `<html lang>` too). Failures name the file.
 */
export async function stylePackChecks(files: ProductFileUnderTest[], pack: StylePackExpectation): Promise<QaCheck[]> {
	const byPath = new Map(files.map((file) => [file.path, file]));
	const checks: QaCheck[] = [readableCheck(files)];

	const manifest = parseManifest(byPath.get(STYLE_PACK_IMAGES_MANIFEST));
	const declared = typeof manifest === "string" ? [] : manifest.images;
	const pngPaths = files.filter((file) => /\.png$/i.test(file.path)).map((file) => file.path);
	const paths = [...new Set([...declared.map((image) => image.path), ...pngPaths])].sort();
	// One at a time: a full check inflates the image (4 MB for 1024² RGBA), and 50 at once would
	// not fit in a Worker's memory.
	const images: ImageUnderTest[] = [];
	for (const path of paths) {
		const file = byPath.get(path) ?? null;
		images.push({ path, declared: declared.find((image) => image.path === path) ?? null, file, png: await decode(file) });
	}

	const manifestProblems: string[] = [];
	if (typeof manifest === "string") manifestProblems.push(manifest);
	else {
		if (manifest.product_id !== pack.productId) manifestProblems.push(`declares product ${manifest.product_id}`);
		if (manifest.style_id !== pack.styleId || manifest.artist_id !== pack.artistId) manifestProblems.push("declares another style or artist");
		const duplicates = declared.filter((image, i) => declared.findIndex((other) => other.path === image.path) !== i).map((image) => image.path);
		if (duplicates.length > 0) manifestProblems.push(`lists twice: ${duplicates.join(", ")}`);
		for (const image of images) {
			if (!image.declared) manifestProblems.push(`${image.path} is not declared`);
			else if (!image.file) manifestProblems.push(`${image.path} is declared but not in the pack`);
			else if (image.declared.artist_id !== pack.artistId || image.declared.style_id !== pack.styleId)
				manifestProblems.push(`${image.path} declares another artist or style`);
		}
		if (declared.length < STYLE_PACK_MIN_IMAGES || declared.length > STYLE_PACK_MAX_IMAGES) {
			manifestProblems.push(`${declared.length} images, ${STYLE_PACK_MIN_IMAGES} to ${STYLE_PACK_MAX_IMAGES} expected`);
		}
	}
	checks.push(
		check(
			"images.manifest",
			"structural",
			manifestProblems.length === 0,
			manifestProblems.length === 0 ? `${declared.length} images declared in ${STYLE_PACK_IMAGES_MANIFEST}, each present` : manifestProblems.join("; "),
			true,
		),
	);

	checks.push(perImage("images.decode", "functional", images, (image) => (image.png.ok ? null : image.png.error), `${images.length} PNGs decode`));
	checks.push(
		perImage(
			"images.size",
			"technical",
			images,
			(image) => {
				if (!image.png.ok) return "does not decode";
				const { width, height } = image.png.info;
				if (!image.declared) return `${width}×${height}, nothing declared`;
				return width === image.declared.width && height === image.declared.height
					? null
					: `${width}×${height}, declared ${image.declared.width}×${image.declared.height}`;
			},
			"every image has its declared size",
		),
	);
	checks.push(
		perImage(
			"images.sha256",
			"technical",
			images,
			(image) =>
				image.declared && image.file?.actualSha256 === image.declared.sha256
					? null
					: `SHA-256 ${image.file?.actualSha256 ?? "unreadable"}, declared ${image.declared?.sha256 ?? "nothing"}`,
			"every image hashes to its declared SHA-256",
		),
	);
	checks.push(
		check(
			"images.standard_size",
			"technical",
			images.every((image) => image.png.ok && STANDARD_SIZES.has(`${image.png.info.width}x${image.png.info.height}`)),
			`sizes ${[...new Set(images.map((image) => (image.png.ok ? `${image.png.info.width}×${image.png.info.height}` : "?")))].join(", ")}; generation sizes are ${[...STANDARD_SIZES].join(", ")}`,
		),
	);
	checks.push(
		perImage(
			"images.provenance",
			"productization",
			images,
			(image) => {
				if (!image.png.ok) return "does not decode";
				const { provenance } = image.png;
				if (!provenance.source) return "no provenance metadata (EXIF ImageDescription or provenance text chunk)";
				if (provenance.artistId !== pack.artistId) return `provenance names artist ${provenance.artistId ?? "none"}, not ${pack.artistId}`;
				if (provenance.styleId !== pack.styleId) return `provenance names style ${provenance.styleId ?? "none"}, not ${pack.styleId}`;
				return null;
			},
			`every image's provenance names artist ${pack.artistId} and style ${pack.styleId}`,
		),
	);
	checks.push(
		perImage(
			"images.signature",
			"productization",
			images,
			(image) => {
				if (!image.png.ok) return "does not decode";
				const { signature, exifArtist } = image.png.provenance;
				if (!signature) return "no record of the artist's signature being stamped";
				// The gateway writes EXIF Artist only on signed images, with the artist's id.
				if (exifArtist !== null && exifArtist !== pack.artistId) return `signed for ${exifArtist}, not ${pack.artistId}`;
				return null;
			},
			"every image records the artist's stamped signature",
		),
	);

	checks.push(...(await galleryChecks(byPath.get("index.html"), byPath, images, pack.language)));
	// The documents' own words (not the artist's quoted text) are in the pack's language.
	checks.push(
		languageCheck(
			["index.html", "README.md"].map((path) => ({ path, body: withoutArtistTexts(byPath.get(path)?.body ?? null, pack.artistTexts) })),
			pack.language,
		),
	);

	const license = byPath.get("LICENSE.txt");
	const licenseText = license?.body ? decoder.decode(license.body) : null;
	const licenseProblems = licenseText === null ? ["LICENSE.txt is missing"] : licenseProblemsIn(licenseText, pack, declared);
	checks.push(
		check(
			"license.terms",
			"productization",
			licenseProblems.length === 0,
			licenseProblems.length === 0 ? `LICENSE.txt names ${pack.artistName} and covers every image` : licenseProblems.join("; "),
			true,
		),
	);
	const readme = byPath.get("README.md");
	const readmeWords = readme?.body ? decoder.decode(readme.body).split(/\s+/).filter(Boolean).length : 0;
	checks.push(check("files.readme", "productization", readmeWords > 0, readme ? `README.md, ${readmeWords} words` : "no README.md", true));
	return checks;
}

function licenseProblemsIn(text: string, pack: StylePackExpectation, declared: StylePackImageManifest["images"]): string[] {
	const problems: string[] = [];
	if (!text.includes(pack.artistName)) problems.push(`LICENSE.txt does not name the artist ${pack.artistName}`);
	if (!text.includes(pack.styleTitle)) problems.push(`LICENSE.txt does not name the style ${pack.styleTitle}`);
	const uncovered = declared.filter((image) => !text.includes(image.sha256)).map((image) => image.path);
	if (uncovered.length > 0) problems.push(`LICENSE.txt does not list ${uncovered.join(", ")}`);
	return problems;
}

/**
 * A document without the artist's texts, as the documents write them (plain, HTML- or
 * Markdown-escaped), longest first. Texts under two characters are kept: they would cut words.
 */
function withoutArtistTexts(body: Uint8Array | null, texts: string[]): Uint8Array | null {
	if (!body) return null;
	const forms = texts
		.map(cleanText)
		.filter((text) => text.length >= 2)
		.flatMap((text) => [text, escapeHtml(text), escapeMarkdown(text)])
		.sort((a, b) => b.length - a.length);
	let text = decoder.decode(body);
	for (const form of new Set(forms)) text = text.replaceAll(form, " ");
	return new TextEncoder().encode(text);
}

async function galleryChecks(
	index: ProductFileUnderTest | undefined,
	byPath: Map<string, ProductFileUnderTest>,
	images: ImageUnderTest[],
	language: Locale,
): Promise<QaCheck[]> {
	if (!index?.body) return [check("preview.document", "structural", false, "index.html is missing", true)];
	const page = await analyseLandingPage(decoder.decode(index.body));
	const documentProblems = [
		page.doctype ? "" : "no <!doctype html>",
		page.elements.html === 1 && page.elements.head === 1 && page.elements.body === 1 ? "" : "html, head and body must each appear once",
		page.title ? "" : "empty or missing <title>",
		page.charset ? "" : "no <meta charset>",
		page.lang ? "" : "no lang attribute on <html>",
		// Its primary subtag: "ko-KR" is Korean too.
		page.lang && page.lang.split("-")[0]?.toLowerCase() !== language ? `<html lang="${page.lang}">, the pack is in ${language}` : "",
	].filter(Boolean);
	const broken: string[] = [];
	const shown = new Set<string>();
	for (const ref of page.references) {
		if (ref.url === "" || ref.url.startsWith("#") || EXTERNAL_URL.test(ref.url)) {
			if (/^javascript:/i.test(ref.url)) broken.push(`${ref.tag} ${ref.url}`);
			continue;
		}
		const target = resolveInternal(ref.url);
		if (target === null || !byPath.has(target)) broken.push(`${ref.tag} ${ref.url}`);
		else if (ref.tag === "img") shown.add(target);
	}
	const notShown = images.filter((image) => !shown.has(image.path)).map((image) => image.path);
	const galleryProblems = [
		broken.length > 0 ? `broken: ${broken.join(", ")}` : "",
		notShown.length > 0 ? `not shown: ${notShown.join(", ")}` : "",
		page.imagesWithoutAlt > 0 ? `${page.imagesWithoutAlt} images without alt text` : "",
	].filter(Boolean);
	return [
		check(
			"preview.document",
			"structural",
			documentProblems.length === 0,
			documentProblems.length === 0 ? `index.html: doctype, lang="${page.lang}", charset, title` : documentProblems.join("; "),
			true,
		),
		check(
			"preview.gallery",
			"functional",
			galleryProblems.length === 0,
			galleryProblems.length === 0 ? `index.html shows all ${images.length} images and links nothing missing` : galleryProblems.join("; "),
			true,
		),
	];
}
