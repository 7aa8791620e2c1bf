/** A satisfiable byte range, inclusive at both ends. */
export type ByteRange = { start: number; end: number };

/**
 * Parses a `Range` header for a resource of `size` bytes (RFC 9110): one range `a-b`, `a-` or
 * `-n`. Returns null to serve the whole resource (no header, a unit other than bytes, several
 * ranges, or malformed), or "unsatisfiable" for a range that starts past the end.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | "unsatisfiable" | null {
	if (!header) return null;
	const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
	if (!match) return null;
	const [, first = "", last = ""] = match;
	if (first === "" && last === "") return null;
	if (first === "") {
		const suffix = Number(last);
		if (suffix === 0) return "unsatisfiable";
		return { start: Math.max(0, size - suffix), end: size - 1 };
	}
	const start = Number(first);
	const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
	if (start >= size) return "unsatisfiable";
	if (end < start) return null;
	return { start, end };
}

/** `Content-Disposition: attachment` with an ASCII fallback and the UTF-8 name (RFC 8187). */
export function attachmentDisposition(fileName: string): string {
	const fallback =
		fileName
			.normalize("NFKD")
			.replace(/[^\x20-\x7e]/g, "")
			.replace(/["\\]/g, "_") || "download";
	const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
	return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
