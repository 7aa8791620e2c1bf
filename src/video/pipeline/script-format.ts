import type { ScriptSection } from "../../shared/video";

/**
 * The script's timestamped format, `[INTRO 0:00–0:03] … [MAIN 0:03–0:25] … [OUTRO 0:25–0:30]`:
 * one bracketed block per scene, sections in order. Pure: no I/O.
 */
export type ScriptBlock = { section: ScriptSection; startS: number; endS: number; text: string };

const BLOCK = /\[\s*(INTRO|MAIN|OUTRO)\s+(\d{1,2}):(\d{2})\s*[–—-]\s*(\d{1,2}):(\d{2})\s*\]([^[]*)/g;
const ORDER: Record<ScriptSection, number> = { INTRO: 0, MAIN: 1, OUTRO: 2 };

/** `m:ss`. */
export function clock(seconds: number): string {
	const whole = Math.max(0, Math.round(seconds));
	return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

/**
 * The blocks of a script, or null when it is not in the format: at least one INTRO, MAIN and
 * OUTRO block, in that order, each with words, times that do not run backwards. The gateway's
 * offline `llm.text` answers a Markdown note, which fails here and gets the template script.
 */
export function parseScript(script: string): ScriptBlock[] | null {
	const blocks: ScriptBlock[] = [];
	for (const match of script.matchAll(BLOCK)) {
		const text = (match[6] ?? "").replace(/\s+/g, " ").trim();
		const startS = Number(match[2]) * 60 + Number(match[3]);
		const endS = Number(match[4]) * 60 + Number(match[5]);
		if (!text || endS <= startS) return null;
		blocks.push({ section: match[1] as ScriptSection, startS, endS, text });
	}
	if (blocks.length < 3) return null;
	for (let i = 1; i < blocks.length; i++) {
		const previous = blocks[i - 1] as ScriptBlock;
		const block = blocks[i] as ScriptBlock;
		if (ORDER[block.section] < ORDER[previous.section] || block.startS < previous.startS) return null;
	}
	const sections = new Set(blocks.map((block) => block.section));
	return sections.size === 3 ? blocks : null;
}

/** Blocks written back in the format, one per line. */
export function formatScript(blocks: readonly ScriptBlock[]): string {
	return blocks.map((block) => `[${block.section} ${clock(block.startS)}–${clock(block.endS)}] ${block.text}`).join("\n");
}
