// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\ufffe\uffff]/g;

/**
 * Removes characters that are invalid in XML/HTML text (control characters) and collapses
 * whitespace, so user input such as the topic can be embedded anywhere after escaping.
 */
export function cleanText(text: string): string {
	return text.replace(CONTROL_CHARACTERS, " ").replace(/\s+/g, " ").trim();
}

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
	return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Escapes text for SVG/XML content and attributes (same set as HTML; `&#39;` is valid XML). */
export function escapeXml(text: string): string {
	return escapeHtml(text);
}

/**
 * Escapes text for Markdown so user input cannot inject emphasis, links or raw HTML.
 * `&` is only escaped where it could start an entity, to keep ordinary text readable.
 */
export function escapeMarkdown(text: string): string {
	return text.replace(/[\\`*_[\]<>|#]/g, (char) => `\\${char}`).replace(/&(?=#?[a-z0-9]+;)/gi, "\\&");
}
