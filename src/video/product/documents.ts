import { escapeHtml, escapeMarkdown } from "../../pipeline/generators/template/escape";
import type { Locale } from "../../shared/locale";
import { type VideoFacts, videoWords } from "./words";

/** Standard base64 of bytes, in chunks so a large cover does not overflow the argument list. */
function base64(bytes: Uint8Array): string {
	let binary = "";
	for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(binary);
}

/** `README.md`: what the package holds and how to check it, in the product's language. */
export function renderVideoReadme(facts: VideoFacts, description: string, language: Locale): string {
	const words = videoWords(language).readme;
	return [
		`# ${escapeMarkdown(facts.title)}`,
		"",
		escapeMarkdown(description),
		"",
		`## ${words.insideHeading}`,
		"",
		...words.inside(facts).map((line) => `- ${line}`),
		"",
		`## ${words.checkingHeading}`,
		"",
		words.checking(facts),
		"",
	].join("\n");
}

/** `LICENSE.txt`: the buyer's rights to the video, naming it by title and checksum. */
export function renderVideoLicense(facts: VideoFacts, language: Locale): string {
	const words = videoWords(language).license;
	return [
		words.heading(facts),
		"",
		words.intro(facts),
		"",
		words.mayHeading,
		...words.may.map((line) => `- ${line}`),
		"",
		words.mayNotHeading,
		...words.mayNot.map((line) => `- ${line}`),
		"",
		words.closing,
		"",
		words.fileLine(facts),
		"",
	].join("\n");
}

/**
 * `index.html`: the storefront's preview of the product (the store shows a product's
 * `index.html` in a sandboxed frame). The cover is inlined as a data URL: the sandbox serves only
 * the page and `assets/`, and the paid files stay private.
 */
export function renderVideoPreview(facts: VideoFacts, description: string, thumbnail: Uint8Array, language: Locale): string {
	const words = videoWords(language).preview;
	const title = escapeHtml(facts.title);
	return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
body { margin: 0; font-family: system-ui, sans-serif; background: #111; color: #f5f5f5; display: grid; place-items: center; min-height: 100vh; }
main { max-width: 28rem; padding: 1.5rem; text-align: center; }
img { max-width: 100%; max-height: 70vh; border-radius: 0.75rem; }
p { line-height: 1.5; }
</style>
</head>
<body>
<main>
<h1>${title}</h1>
<img src="data:image/jpeg;base64,${base64(thumbnail)}" alt="${escapeHtml(words.poster(facts))}">
<p>${escapeHtml(description)}</p>
<p>${escapeHtml(words.facts(facts))}</p>
<p><small>${escapeHtml(words.note)}</small></p>
</main>
</body>
</html>
`;
}
