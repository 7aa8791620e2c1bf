import type { Product } from "./api.ts";
import { formatDuration, truncate } from "./format.ts";

/** The pipeline's stages as the progress bar shows them, in order. */
export const STAGES = [
	{ stage: "generate", label: "generate" },
	{ stage: "qa1", label: "QA1" },
	{ stage: "package", label: "package" },
	{ stage: "qa2", label: "QA2" },
	{ stage: "publish", label: "publish" },
] as const;

/** How far a product is: stages done, the stage it is in (or stopped at), and whether it stopped. */
export type StageProgress = { done: number; current: number; failed: boolean };

/** Stages completed by the time a product reaches each status (README "The factory pipeline"). */
const DONE_AT: Record<string, number> = {
	DRAFT: 0,
	GENERATING: 0,
	QA1_FAILED: 1,
	QA1_PASSED: 2,
	PACKAGING: 2,
	PACKAGED: 3,
	QA2_FAILED: 3,
	QA2_PASSED: 4,
	PUBLISHED: 5,
	UNPUBLISHED: 5,
	ARCHIVED: 5,
};

/** A product's place on the bar from its status and `failed_stage`. */
export function stageProgress(product: Pick<Product, "status" | "failed_stage">): StageProgress {
	const done = DONE_AT[product.status] ?? 0;
	// A gate failure stops at the gate itself, although failed_stage names the stage a retry
	// re-runs (QA1 failing sets "generate": a retry regenerates).
	if (product.status === "QA1_FAILED" || product.status === "QA2_FAILED") return { done, current: done, failed: true };
	const failedAt = STAGES.findIndex((s) => s.stage === product.failed_stage);
	if (failedAt >= 0) return { done: Math.min(done, failedAt), current: failedAt, failed: true };
	return { done, current: done, failed: false };
}

const CELLS_PER_STAGE = 3;

/** A bar of the five stages: done, in progress, failed, pending (ASCII for logs, blocks for terminals). */
export function renderBar(progress: StageProgress, unicode: boolean): string {
	const glyph = unicode ? { done: "█", active: "▒", failed: "×", pending: "░" } : { done: "#", active: ">", failed: "x", pending: "." };
	let bar = "";
	for (let i = 0; i < STAGES.length; i++) {
		const kind = i < progress.done ? "done" : i === progress.current ? (progress.failed ? "failed" : "active") : "pending";
		bar += glyph[kind].repeat(CELLS_PER_STAGE);
	}
	return unicode ? bar : `[${bar}]`;
}

/** What the watcher knows about one product. */
export type Tracked = {
	product: Product;
	/** When the CLI started watching it (ms). */
	startedAt: number;
	/** When it reached PUBLISHED or failed (ms), so its clock stops there. */
	finishedAt: number | undefined;
	outcome: "running" | "published" | "failed";
};

/** Draws the watched products somewhere; called after every poll. */
export type ProgressRenderer = { update(tracked: readonly Tracked[], now: number): void; finish(): void };

/** Where progress goes: a TTY gets in-place redraws, anything else appended lines. */
export type ProgressOutput = { write(text: string): unknown; isTTY?: boolean; columns?: number; rows?: number };

function label(progress: StageProgress, outcome: Tracked["outcome"]): string {
	if (outcome === "published") return "done";
	const stage = STAGES[Math.min(progress.current, STAGES.length - 1)];
	return stage ? stage.label : "";
}

const SPINNER = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/**
 * One line per product, redrawn in place with ANSI cursor movement. Lines are cut to the
 * terminal's width: a wrapped line would throw the cursor arithmetic off.
 */
export function ttyRenderer(out: ProgressOutput, color: boolean): ProgressRenderer {
	let drawn = 0;
	let frame = 0;
	const paint = (code: string, text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
	out.write("\x1b[?25l");
	return {
		update(tracked, now) {
			frame++;
			// A pseudo-terminal may report 0 columns: assume a common width then.
			const columns = out.columns !== undefined && out.columns >= 20 ? out.columns : 100;
			const titleWidth = Math.max(12, Math.min(40, columns - 52));
			let text = drawn > 0 ? `\x1b[${drawn}F` : "";
			for (const t of tracked) {
				const progress = stageProgress(t.product);
				const elapsed = formatDuration((t.finishedAt ?? now) - t.startedAt);
				const tone = t.outcome === "published" ? "32" : t.outcome === "failed" ? "31" : "36";
				const icon = t.outcome === "published" ? "✓" : t.outcome === "failed" ? "✗" : (SPINNER[frame % SPINNER.length] ?? "-");
				const fixed = `${icon} ${"".padEnd(titleWidth)} ${renderBar(progress, true)} 5/5 ${"".padEnd(8)} ${t.product.status.padEnd(12)} ${elapsed}`;
				const line =
					fixed.length <= columns
						? `${paint(tone, icon)} ${truncate(t.product.title, titleWidth).padEnd(titleWidth)} ${renderBar(progress, true)} ${progress.done}/5 ${label(progress, t.outcome).padEnd(8)} ${paint(tone, t.product.status.padEnd(12))} ${elapsed}`
						: truncate(`${icon} ${renderBar(progress, true)} ${t.product.status} ${elapsed} ${t.product.title}`, columns - 1);
				text += `\x1b[2K${line}\n`;
			}
			drawn = tracked.length;
			out.write(text);
		},
		finish() {
			out.write("\x1b[?25h");
		},
	};
}

/** Appended lines for logs and pipes: one line whenever a product's status changes. */
export function plainRenderer(out: ProgressOutput): ProgressRenderer {
	const last = new Map<string, string>();
	return {
		update(tracked, now) {
			for (const t of tracked) {
				const key = `${t.product.status}|${t.outcome}|${t.product.failed_stage ?? ""}`;
				if (last.get(t.product.id) === key) continue;
				last.set(t.product.id, key);
				const progress = stageProgress(t.product);
				const elapsed = formatDuration((t.finishedAt ?? now) - t.startedAt);
				out.write(`${elapsed.padStart(5)}  ${renderBar(progress, false)} ${t.product.status.padEnd(11)} ${t.product.title} (${t.product.id})\n`);
			}
		},
		finish() {},
	};
}
