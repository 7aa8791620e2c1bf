import type { Locale } from "../../shared/locale";
import type { QaCheck } from "../../shared/qa";
import { analyseLandingPage } from "./landing-page";
import { languageCheck } from "./language-check";
import { check } from "./score";

/** A product file as QA1 sees it: the recorded row and what R2 returned for it. */
export type ProductFileUnderTest = {
	path: string;
	size: number;
	sha256: string;
	/** The bytes read back from R2, or null when the object is missing. */
	body: Uint8Array | null;
	/** SHA-256 of the bytes read back, or null when missing. */
	actualSha256: string | null;
};

const REQUIRED_SECTIONS = ["hero", "features", "cta", "faq"] as const;
const MIN_FEATURES = 3;
const MIN_FAQ = 3;
const MIN_CONTENT_WORDS = 150;
const MIN_PAGE_WORDS = 200;
/** Schemes that point outside the product; they are not the gate's business. */
const EXTERNAL_URL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;
const decoder = new TextDecoder();

/** Runs every QA1 check of a `digital_kit` over its stored files. */
export async function qa1Checks(files: ProductFileUnderTest[], topic: string, language: Locale = "en"): Promise<QaCheck[]> {
	const byPath = new Map(files.map((file) => [file.path, file]));
	const checks: QaCheck[] = [readableCheck(files)];

	const index = byPath.get("index.html");
	if (!index?.body) {
		checks.push(check("landing.present", "structural", false, "index.html is missing", true));
	} else {
		checks.push(check("landing.present", "structural", true, "index.html present"));
		checks.push(...(await landingPageChecks(decoder.decode(index.body), byPath, topic)));
	}
	checks.push(...productizationChecks(files));
	checks.push(languageCheck(files, language));
	return checks;
}

/** Every file of the generation reads back from storage with the size and SHA-256 recorded at generation (every kind). */
export function readableCheck(files: ProductFileUnderTest[]): QaCheck {
	const unreadable = files.filter((file) => file.body === null).map((file) => file.path);
	const corrupted = files
		.filter((file) => file.body !== null && (file.actualSha256 !== file.sha256 || file.body.byteLength !== file.size))
		.map((file) => file.path);
	return check(
		"files.readable",
		"functional",
		unreadable.length === 0 && corrupted.length === 0,
		unreadable.length + corrupted.length === 0
			? `${files.length} files read back from storage with matching size and SHA-256`
			: [unreadable.length ? `missing in storage: ${unreadable.join(", ")}` : "", corrupted.length ? `changed since generation: ${corrupted.join(", ")}` : ""]
					.filter(Boolean)
					.join("; "),
		true,
	);
}

async function landingPageChecks(html: string, byPath: Map<string, ProductFileUnderTest>, topic: string): Promise<QaCheck[]> {
	const page = await analyseLandingPage(html);
	const checks: QaCheck[] = [];
	for (const section of REQUIRED_SECTIONS) {
		const present = page.sections.has(section);
		checks.push(
			check(`section.${section}`, "structural", present, present ? `data-section="${section}" present` : `no element with data-section="${section}"`, true),
		);
	}
	checks.push(
		check(
			"features.count",
			"structural",
			page.featureItems >= MIN_FEATURES,
			`${page.featureItems} features (h3 in the features section), at least ${MIN_FEATURES} expected`,
			true,
		),
	);
	checks.push(
		check("faq.count", "structural", page.faqItems >= MIN_FAQ, `${page.faqItems} questions (details or dt in the FAQ section), at least ${MIN_FAQ} expected`),
	);
	checks.push(
		check(
			"cta.action",
			"functional",
			page.ctaActions > 0,
			page.ctaActions > 0 ? `${page.ctaActions} call-to-action links or buttons` : "the CTA section has no link or button",
		),
	);
	checks.push(check("heading.single_h1", "structural", page.h1Count === 1, `${page.h1Count} h1 elements, exactly 1 expected`));

	const ids = new Set(page.ids);
	const brokenLinks: string[] = [];
	const missingAssets: string[] = [];
	for (const ref of page.references) {
		if (ref.url === "" || EXTERNAL_URL.test(ref.url)) {
			if (/^javascript:/i.test(ref.url)) brokenLinks.push(`${ref.tag} ${ref.url}`);
			continue;
		}
		if (ref.url.startsWith("#")) {
			const fragment = decodeURIComponent(ref.url.slice(1));
			if (fragment !== "" && fragment !== "top" && !ids.has(fragment)) brokenLinks.push(`${ref.url} (no element with that id)`);
			continue;
		}
		const target = resolveInternal(ref.url);
		if (target === null || !byPath.has(target)) {
			(ref.tag === "a" ? brokenLinks : missingAssets).push(`${ref.tag} ${ref.url}`);
		}
	}
	checks.push(
		check(
			"links.internal",
			"functional",
			brokenLinks.length === 0,
			brokenLinks.length === 0 ? "every internal link resolves" : `broken: ${brokenLinks.join(", ")}`,
			true,
		),
	);
	checks.push(
		check(
			"assets.present",
			"functional",
			missingAssets.length === 0,
			missingAssets.length === 0 ? "every referenced asset is in the product" : `missing: ${missingAssets.join(", ")}`,
			true,
		),
	);
	checks.push(check("assets.stylesheet", "productization", page.stylesheets > 0, `${page.stylesheets} linked stylesheets`));
	checks.push(check("assets.images", "productization", page.images > 0, `${page.images} images`));

	const documentProblems = [
		page.doctype ? "" : "no <!doctype html>",
		page.elements.html === 1 && page.elements.head === 1 && page.elements.body === 1 ? "" : "html, head and body must each appear once",
		page.title ? "" : "empty or missing <title>",
	].filter(Boolean);
	checks.push(
		check(
			"html.document",
			"technical",
			documentProblems.length === 0,
			documentProblems.length === 0 ? "doctype, html/head/body and title" : documentProblems.join("; "),
			true,
		),
	);
	checks.push(check("html.charset", "technical", page.charset, page.charset ? "charset declared" : "no <meta charset>"));
	checks.push(check("html.viewport", "technical", page.viewport, page.viewport ? "viewport meta present" : "no viewport meta: breaks on phones"));
	checks.push(check("html.lang", "technical", Boolean(page.lang), page.lang ? `lang="${page.lang}"` : "no lang attribute on <html>"));
	const duplicateIds = [...ids].filter((id) => page.ids.indexOf(id) !== page.ids.lastIndexOf(id));
	checks.push(
		check("html.unique_ids", "technical", duplicateIds.length === 0, duplicateIds.length === 0 ? "ids unique" : `duplicate ids: ${duplicateIds.join(", ")}`),
	);
	checks.push(
		check(
			"html.img_alt",
			"technical",
			page.imagesWithoutAlt === 0,
			page.imagesWithoutAlt === 0 ? "every image has alt text" : `${page.imagesWithoutAlt} images without alt text`,
		),
	);
	checks.push(
		check(
			"meta.description",
			"productization",
			Boolean(page.description?.trim()),
			page.description?.trim() ? "meta description present" : "no meta description",
		),
	);
	checks.push(
		check("landing.substance", "productization", page.wordCount >= MIN_PAGE_WORDS, `${page.wordCount} words of page text, at least ${MIN_PAGE_WORDS} expected`),
	);
	const topicWords = significantWords(topic);
	const pageText = `${page.title} ${html}`.toLowerCase();
	const mentioned = topicWords.filter((word) => pageText.includes(word));
	checks.push(
		check(
			"landing.on_topic",
			"productization",
			topicWords.length === 0 || mentioned.length * 2 >= topicWords.length,
			`mentions ${mentioned.length} of ${topicWords.length} topic words`,
		),
	);
	return checks;
}

function productizationChecks(files: ProductFileUnderTest[]): QaCheck[] {
	const words = (file: ProductFileUnderTest) => (file.body ? decoder.decode(file.body).split(/\s+/).filter(Boolean).length : 0);
	const readme = files.find((file) => /^readme(\.md|\.txt)?$/i.test(file.path));
	const license = files.find((file) => /^licen[sc]e(\.md|\.txt)?$/i.test(file.path));
	const content = files.filter((file) => /\.(md|txt)$/i.test(file.path) && file !== readme && file !== license);
	const substantial = content.filter((file) => words(file) >= MIN_CONTENT_WORDS);
	return [
		check("files.readme", "productization", Boolean(readme && words(readme) > 0), readme ? `${readme.path} present` : "no README", true),
		check("files.license", "productization", Boolean(license && words(license) > 0), license ? `${license.path} present` : "no LICENSE", true),
		check(
			"files.content",
			"productization",
			substantial.length >= 2,
			`${substantial.length} content files of at least ${MIN_CONTENT_WORDS} words (${content.map((file) => file.path).join(", ") || "none"}), 2 expected`,
			true,
		),
	];
}

/** The product path an internal URL of index.html points to, or null when it leaves the product. */
export function resolveInternal(url: string): string | null {
	const base = "https://product.invalid/";
	let resolved: URL;
	try {
		resolved = new URL(url, `${base}index.html`);
	} catch {
		return null;
	}
	if (resolved.origin !== new URL(base).origin) return null;
	const path = decodeURIComponent(resolved.pathname.slice(1));
	return path === "" ? "index.html" : path;
}

function significantWords(topic: string): string[] {
	return [
		...new Set(
			topic
				.toLowerCase()
				.split(/[^\p{L}\p{N}]+/u)
				.filter((word) => word.length > 3),
		),
	];
}
