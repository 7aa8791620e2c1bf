/**
 * Normalises a relative file path for storage and ZIP entries: forward slashes, no `.`
 * segments. Returns null for anything that could escape the product's folder or confuse an
 * unzip tool: absolute paths, drive letters, `..`, control characters, empty segments.
 */
export function safeRelativePath(path: string): string | null {
	if (path.length === 0 || path.length > 255) return null;
	// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
	if (/[\u0000-\u001f\u007f]/.test(path)) return null;
	const unified = path.replaceAll("\\", "/");
	if (unified.startsWith("/") || /^[a-zA-Z]:/.test(unified)) return null;
	const segments = unified.split("/").filter((segment) => segment !== ".");
	if (segments.some((segment) => segment === "" || segment === "..")) return null;
	return segments.length > 0 ? segments.join("/") : null;
}

/**
 * Checks a set of entry paths: every one safe and no two equal, ignoring case (two names that
 * differ only in case overwrite each other on common file systems).
 */
export function findUnsafePaths(paths: string[]): string[] {
	const problems: string[] = [];
	const seen = new Set<string>();
	for (const path of paths) {
		const safe = safeRelativePath(path);
		if (safe === null || safe !== path) {
			problems.push(`unsafe path ${JSON.stringify(path)}`);
			continue;
		}
		const folded = path.toLowerCase();
		if (seen.has(folded)) problems.push(`duplicate path ${JSON.stringify(path)}`);
		seen.add(folded);
	}
	return problems;
}
