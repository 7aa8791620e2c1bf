/** Text formatting shared by the progress display, the summary and `status`. */

/** `m:ss` (or `h:mm:ss`) for a duration in milliseconds. */
export function formatDuration(ms: number): string {
	const total = Math.max(0, Math.floor(ms / 1000));
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = String(total % 60).padStart(2, "0");
	return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** `$19.00` for 1900 usd; a plain `19.00 XYZ` when the currency is unknown to Intl. */
export function formatPrice(cents: number, currency: string): string {
	try {
		return new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(cents / 100);
	} catch {
		return `${(cents / 100).toFixed(2)} ${currency.toUpperCase()}`;
	}
}

/** `12.3 KiB` style sizes. */
export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	const units = ["KiB", "MiB", "GiB"];
	let value = bytes / 1024;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	return `${value.toFixed(1)} ${units[unit]}`;
}

/** Cuts text to `width` characters with an ellipsis. */
export function truncate(text: string, width: number): string {
	if (width <= 0) return "";
	return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/** A left-aligned text table: a header row, a rule, the rows; `notes` print indented under their row. */
export function renderTable(headers: string[], rows: { cells: string[]; notes?: string[] }[]): string {
	const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row.cells[i] ?? "").length)));
	const line = (cells: string[]) =>
		cells
			.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
			.join("  ")
			.trimEnd();
	const out = [line(headers), line(widths.map((w) => "-".repeat(w)))];
	for (const row of rows) {
		out.push(line(row.cells));
		for (const note of row.notes ?? []) out.push(`  ↳ ${note}`);
	}
	return `${out.join("\n")}\n`;
}
