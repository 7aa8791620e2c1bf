import { mkdirSync, writeFileSync } from "node:fs";

/** The p-th percentile (0-100) by linear interpolation between closest ranks; NaN when empty. */
export function percentile(values: number[], p: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = (p / 100) * (sorted.length - 1);
	const low = Math.floor(rank);
	const lower = sorted[low] ?? Number.NaN;
	const upper = sorted[Math.min(low + 1, sorted.length - 1)] ?? lower;
	return lower + (upper - lower) * (rank - low);
}

export function median(values: number[]): number {
	return percentile(values, 50);
}

export function round(value: number, digits = 2): number {
	return Number(value.toFixed(digits));
}

/** Pads cells into aligned columns: the first left-aligned (labels), the rest right-aligned (numbers). */
export function table(header: string[], rows: string[][]): string {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
	const format = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ");
	return [format(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(format)].join("\n");
}

/** Keeps a result line under bench/results/ (gitignored), for comparing runs; never committed. */
export function saveResult(name: string, line: string): void {
	const dir = new URL("./results/", import.meta.url);
	mkdirSync(dir, { recursive: true });
	writeFileSync(new URL(`${name}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`, dir), `${line}\n`);
}
