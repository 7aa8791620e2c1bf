/** Characters that common file systems refuse in a file name. */
const REFUSED = new Set([...'/\\:*?"<>|']);

function isRefused(char: string): boolean {
	const code = char.charCodeAt(0);
	return code < 0x20 || code === 0x7f || REFUSED.has(char);
}

/**
 * The name a buyer's download is saved under: the product title (any script, kept as it is,
 * sent per RFC 8187) with characters that file systems refuse replaced, plus the version.
 */
export function packageFileName(title: string, version: number): string {
	const cleaned = [...title].map((char) => (isRefused(char) ? " " : char)).join("");
	const safe = cleaned.replace(/\s+/g, " ").trim().slice(0, 150) || "download";
	return `${safe} v${version}.zip`;
}
