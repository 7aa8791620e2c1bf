/** One subtitle cue of an SRT file. */
export type SrtCue = { index: number; startMs: number; endMs: number; text: string };

const TIME = /^(\d{2,}):([0-5]\d):([0-5]\d)[,.](\d{3})$/;

function toMs(stamp: string): number | null {
	const match = TIME.exec(stamp.trim());
	if (!match) return null;
	const [, h, m, s, ms] = match;
	return ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000 + Number(ms);
}

/**
 * Parses SubRip text (`1\n00:00:00,000 --> 00:00:02,500\ntext\n\n2 …`) strictly: every block
 * has its number, a `start --> end` line with end after start, and at least one line of text;
 * cues do not go back in time. The first problem is returned as words, naming the cue.
 */
export function parseSrt(text: string): { ok: true; cues: SrtCue[] } | { ok: false; error: string } {
	const blocks = text
		.replace(/^\uFEFF/, "")
		.replace(/\r\n?/g, "\n")
		.split(/\n{2,}/)
		.map((block) => block.trim())
		.filter(Boolean);
	const cues: SrtCue[] = [];
	for (const [i, block] of blocks.entries()) {
		const [number = "", timing = "", ...lines] = block.split("\n");
		const where = `cue ${i + 1}`;
		if (!/^\d+$/.test(number.trim())) return { ok: false, error: `${where}: "${number.slice(0, 20)}" is not a cue number` };
		const [from = "", to = "", ...rest] = timing.split("-->");
		const startMs = toMs(from);
		const endMs = toMs(to.trim().split(/\s+/)[0] ?? "");
		if (rest.length > 0 || startMs === null || endMs === null) return { ok: false, error: `${where}: "${timing.slice(0, 40)}" is not a start --> end line` };
		if (endMs <= startMs) return { ok: false, error: `${where}: ends before it starts` };
		const previous = cues.at(-1);
		if (previous && startMs < previous.startMs) return { ok: false, error: `${where}: starts before the cue before it` };
		const words = lines.join("\n").trim();
		if (!words) return { ok: false, error: `${where}: no text` };
		cues.push({ index: Number(number), startMs, endMs, text: words });
	}
	return { ok: true, cues };
}
