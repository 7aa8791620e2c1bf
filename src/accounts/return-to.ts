/** The longest path a sign-in returns to; anything longer is not a page of ours. */
const MAX_RETURN_TO = 512;

/**
 * Where a sign-in may send the browser back to: a path on this site only (`/styles?tag=ink`).
 * Absolute and scheme-relative URLs (`https://evil.example`, `//evil.example`, `/\evil.example`),
 * control characters and the sign-in routes themselves all become `/`: an open redirect after
 * sign-in is a phishing tool.
 */
export function safeReturnTo(value: string | undefined | null): string {
	if (!value || value.length > MAX_RETURN_TO || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
	// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused here
	if (/[\u0000-\u001f\u007f\\]/.test(value)) return "/";
	const base = "http://same-site.invalid";
	let url: URL;
	try {
		url = new URL(value, base);
	} catch {
		return "/";
	}
	if (url.origin !== base || url.pathname.startsWith("/auth/")) return "/";
	return `${url.pathname}${url.search}${url.hash}`;
}
