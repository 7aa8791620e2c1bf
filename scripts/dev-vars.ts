/**
 * The variables of a dotenv-style file such as `.dev.vars`: `NAME="value"`, `'value'` or bare
 * `value` (an unquoted value ends at a comment, as in wrangler's own parsing). Later lines win.
 */
export function parseDevVars(text: string): Record<string, string> {
	const vars: Record<string, string> = {};
	for (const line of text.split(/\r?\n/)) {
		const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
		if (!match?.[1]) continue;
		const raw = (match[2] ?? "").trim();
		const quoted = /^"([^"]*)"|^'([^']*)'/.exec(raw);
		vars[match[1]] = quoted ? (quoted[1] ?? quoted[2] ?? "") : (raw.split(/\s+#/)[0] ?? "").trim();
	}
	return vars;
}

/** One variable of a dotenv-style file; an empty value is no value. */
export function readDevVar(text: string, name: string): string | undefined {
	return parseDevVars(text)[name] || undefined;
}
