/**
 * The name a buyer's download is saved under: the product title (any script, kept as it is,
 * sent per RFC 8187) with characters that file systems refuse replaced, plus the version.
 */
export function packageFileName(title: string, version: number): string {
	// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
	const safe =
		title
			.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, " ")
			.replace(/\s+/g, " ")
			.trim()
			.slice(0, 150) || "download";
	return `${safe} v${version}.zip`;
}
