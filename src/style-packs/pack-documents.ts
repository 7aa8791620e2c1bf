import { cleanText, escapeHtml, escapeMarkdown } from "../pipeline/generators/template/escape";
import type { Locale } from "../shared/locale";
import type { StylePackLicense } from "../shared/style-packs";
import { packWords } from "./pack-words";

/** An image of the pack as its documents list it. */
export type PackImageEntry = { path: string; width: number; height: number; sha256: string; prompt: string };

/** What every document of a pack is written from. */
export type PackDocumentInput = {
	title: string;
	description: string;
	license: StylePackLicense;
	artistName: string;
	artistId: string;
	styleTitle: string;
	styleId: string;
	images: PackImageEntry[];
	/** The one language every document of the pack is written in (the product's language). */
	language: Locale;
};

/** One-line summary of a licence in `language`, for the pack's documents. */
export function licenseSummary(license: StylePackLicense, language: Locale): string {
	return packWords(language).licenseSummary[license];
}

/** A list item of a plain-text document: `  - ` and its continuation lines indented under it. */
function textItem(item: string): string {
	return `  - ${item.replace(/\n/g, "\n    ")}`;
}

/**
 * LICENSE.txt: the artist's licence terms, naming the artist, the style and each image with its
 * SHA-256, so a buyer can prove which files the licence covers.
 */
export function renderLicenseText(input: PackDocumentInput): string {
	const words = packWords(input.language).license;
	const artist = cleanText(input.artistName);
	const style = cleanText(input.styleTitle);
	const title = cleanText(input.title);
	const lines = [
		words.heading({ license: input.license, title }),
		"",
		words.artist({ artist, artistId: input.artistId }),
		words.style({ style, styleId: input.styleId }),
		"",
		...words.intro({ artist, title, count: input.images.length, style }),
		"",
		words.mayHeading,
		...words.grants[input.license].map(textItem),
		"",
		words.mayNotHeading,
		...words.prohibitions.map(textItem),
		...(input.license === "personal" ? words.personalProhibitions.map(textItem) : []),
		"",
		...words.closing,
		"",
		words.imagesHeading,
		...input.images.map((image) => `  ${image.path}  ${image.width}x${image.height}  ${image.sha256}`),
		"",
	];
	return lines.join("\n");
}

/** README.md: what the pack is, what is in it and how to check the files. */
export function renderReadme(input: PackDocumentInput): string {
	const words = packWords(input.language).readme;
	const md = (text: string) => escapeMarkdown(cleanText(text));
	const count = input.images.length;
	return [
		`# ${md(input.title)}`,
		"",
		input.description.trim() ? md(input.description) : words.fallbackIntro({ count, style: md(input.styleTitle), artist: md(input.artistName) }),
		"",
		`## ${words.insideHeading}`,
		"",
		...words.inside({ count, licenseSummary: licenseSummary(input.license, input.language) }).map((item) => `- ${item}`),
		"",
		`## ${words.imagesHeading}`,
		"",
		...input.images.map((image) => `- \`${image.path}\` (${image.width}×${image.height}): ${md(image.prompt) || words.untitled}`),
		"",
		`## ${words.checkingHeading}`,
		"",
		...words.checking,
		"",
	].join("\n");
}

/** index.html: a self-contained gallery of the pack, the preview the storefront and QA1 render. */
export function renderGallery(input: PackDocumentInput): string {
	const words = packWords(input.language).gallery;
	const title = escapeHtml(cleanText(input.title));
	const description = escapeHtml(cleanText(input.description) || words.fallbackDescription({ count: input.images.length, style: cleanText(input.styleTitle) }));
	const byline = words.byline({
		artist: cleanText(input.artistName),
		style: cleanText(input.styleTitle),
		licenseSummary: licenseSummary(input.license, input.language),
	});
	const figures = input.images
		.map((image, i) => {
			const alt = escapeHtml(cleanText(image.prompt) || words.imageAlt(i + 1));
			const src = image.path.split("/").map(encodeURIComponent).join("/");
			return `<figure><a href="${src}"><img src="${src}" alt="${alt}" width="${image.width}" height="${image.height}" loading="lazy"></a><figcaption>${alt} · ${image.width}×${image.height}</figcaption></figure>`;
		})
		.join("\n\t\t\t");
	return `<!doctype html>
<html lang="${input.language}">
	<head>
		<meta charset="utf-8">
		<meta name="viewport" content="width=device-width, initial-scale=1">
		<title>${title}</title>
		<meta name="description" content="${description}">
		<style>
			body { font-family: system-ui, sans-serif; margin: 0; padding: 2rem; background: #111; color: #eee; }
			.gallery { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 1rem; }
			figure { margin: 0; } img { width: 100%; height: auto; border-radius: 6px; display: block; }
			figcaption { font-size: 0.85rem; opacity: 0.8; margin-top: 0.35rem; }
		</style>
	</head>
	<body>
		<header>
			<h1>${title}</h1>
			<p>${description}</p>
			<p>${escapeHtml(byline)}</p>
		</header>
		<main class="gallery">
			${figures}
		</main>
	</body>
</html>
`;
}
