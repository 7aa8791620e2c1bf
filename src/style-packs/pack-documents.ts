import { cleanText, escapeHtml, escapeMarkdown } from "../pipeline/generators/template/escape";
import type { StylePackLicense } from "../shared/style-packs";

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
};

/** The rights of each licence, in the words LICENSE.txt and the storefront use. */
const GRANTS: Record<StylePackLicense, string[]> = {
	personal: [
		"Use the images for your own personal, non-commercial purposes: wallpapers, prints for your home, personal projects, gifts.",
		"Edit, crop and adapt the images for those purposes.",
	],
	commercial: [
		"Use the images in your own commercial work: websites, marketing, client projects, merchandise, books, games and videos.",
		"Edit, crop and adapt the images, and combine them with other work, for personal and commercial purposes.",
		"Print and sell physical products that incorporate the images, where the images are part of a larger design.",
	],
};

/** One-line summary of a licence, for the pack's pages. */
export function licenseSummary(license: StylePackLicense): string {
	return license === "commercial" ? "Commercial licence: use in your own commercial work" : "Personal licence: personal, non-commercial use";
}

/**
 * LICENSE.txt: the artist's licence terms, naming the artist, the style and each image with its
 * SHA-256, so a buyer can prove which files the licence covers.
 */
export function renderLicenseText(input: PackDocumentInput): string {
	const artist = cleanText(input.artistName);
	const style = cleanText(input.styleTitle);
	const title = cleanText(input.title);
	const kind = input.license === "commercial" ? "COMMERCIAL" : "PERSONAL";
	const lines = [
		`${kind} USE LICENCE — "${title}"`,
		"",
		`Artist: ${artist} (artist id ${input.artistId})`,
		`Style: ${style} (style id ${input.styleId})`,
		"",
		`This licence is granted by ${artist} (the "Artist") to the buyer of the style pack "${title}" (the "Pack").`,
		`It covers the ${input.images.length} images listed below, generated in the Artist's licensed style "${style}" and`,
		"identified by their SHA-256 checksums. Each image carries the Artist's signature and provenance metadata.",
		"",
		"YOU MAY",
		...GRANTS[input.license].map((grant) => `  - ${grant}`),
		"",
		"YOU MAY NOT",
		"  - Resell, sublicense, share or give away the images as they are, alone or in a collection, including as a",
		"    competing style pack, stock image set, wallpaper pack, template or NFT.",
		"  - Remove, cover or alter the Artist's signature or the provenance metadata in order to hide where an image comes from.",
		"  - Use the images to train, fine-tune or evaluate an AI model, or to imitate the Artist's style.",
		"  - Present the images as your own artwork, or imply that the Artist endorses you or your products.",
		...(input.license === "personal" ? ["  - Use the images in anything you sell, advertise or make money from."] : []),
		"",
		"The Artist keeps the copyright in the images and the style. This licence is non-exclusive and non-transferable,",
		"and ends automatically if its terms are broken. The images are provided as they are, without warranty.",
		"",
		"IMAGES COVERED (path, size, SHA-256)",
		...input.images.map((image) => `  ${image.path}  ${image.width}x${image.height}  ${image.sha256}`),
		"",
	];
	return lines.join("\n");
}

/** README.md: what the pack is, what is in it and how to check the files. */
export function renderReadme(input: PackDocumentInput): string {
	const md = (text: string) => escapeMarkdown(cleanText(text));
	return [
		`# ${md(input.title)}`,
		"",
		input.description.trim() ? md(input.description) : `${input.images.length} images in the style "${md(input.styleTitle)}" by ${md(input.artistName)}.`,
		"",
		"## What's inside",
		"",
		`- \`images/\`: ${input.images.length} PNG images, each stamped with the artist's signature.`,
		"- `index.html`: a gallery of every image; open it in a browser.",
		"- `images.json`: each image's size, SHA-256 and provenance (artist, style, generation).",
		`- \`LICENSE.txt\`: what you may do with the images (${licenseSummary(input.license).toLowerCase()}).`,
		"- `manifest.json`: every file of the package with its size and SHA-256.",
		"",
		"## Images",
		"",
		...input.images.map((image) => `- \`${image.path}\` (${image.width}×${image.height}): ${md(image.prompt) || "untitled"}`),
		"",
		"## Checking the files",
		"",
		"Every image's SHA-256 is listed in `images.json`, `LICENSE.txt` and `manifest.json`; `sha256sum images/*.png` prints the same values.",
		"The provenance is in each PNG's EXIF data (ImageDescription and Artist), readable with `exiftool`.",
		"",
	].join("\n");
}

/** index.html: a self-contained gallery of the pack, the preview the storefront and QA1 render. */
export function renderGallery(input: PackDocumentInput): string {
	const title = escapeHtml(cleanText(input.title));
	const artist = escapeHtml(cleanText(input.artistName));
	const style = escapeHtml(cleanText(input.styleTitle));
	const description = escapeHtml(cleanText(input.description) || `${input.images.length} images in the style ${cleanText(input.styleTitle)}.`);
	const figures = input.images
		.map((image, i) => {
			const alt = escapeHtml(cleanText(image.prompt) || `Image ${i + 1}`);
			const src = image.path.split("/").map(encodeURIComponent).join("/");
			return `<figure><a href="${src}"><img src="${src}" alt="${alt}" width="${image.width}" height="${image.height}" loading="lazy"></a><figcaption>${alt} · ${image.width}×${image.height}</figcaption></figure>`;
		})
		.join("\n\t\t\t");
	return `<!doctype html>
<html lang="en">
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
			<p>By ${artist} · style ${style} · ${escapeHtml(licenseSummary(input.license))}</p>
		</header>
		<main class="gallery">
			${figures}
		</main>
	</body>
</html>
`;
}
