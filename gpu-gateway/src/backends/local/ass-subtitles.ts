import type { SubtitleCue, VideoBrandStyle } from "../../../../src/shared/gpu-jobs.ts";

/** ASS colours are `&HAABBGGRR` (alpha 00 = opaque): `#1a2b3c` becomes `&H003C2B1A`. */
export function assColour(hex: string): string {
	const rr = hex.slice(1, 3);
	const gg = hex.slice(3, 5);
	const bb = hex.slice(5, 7);
	return `&H00${bb}${gg}${rr}`.toUpperCase();
}

/** `H:MM:SS.cc`, the centisecond clock of ASS events. */
export function assTime(ms: number): string {
	const cs = Math.max(0, Math.round(ms / 10));
	const h = Math.floor(cs / 360_000);
	const m = Math.floor((cs % 360_000) / 6_000);
	const s = Math.floor((cs % 6_000) / 100);
	const c = cs % 100;
	return `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}.${String(c).padStart(2, "0")}`;
}

/** U+2060 WORD JOINER: invisible, and breaks `\N`, `\n`, `\h` so a backslash in the text stays a backslash. */
const WORD_JOINER = "\u2060";

/**
 * Makes user text literal in an ASS event: a backslash is followed by a word joiner (so `\N` is not
 * a line break), braces are escaped (`\{`, `\}`; libass ≥ 0.15 reads them as literal braces, not an
 * override block), and real line breaks become `\N`. Commas need nothing: Text is the last field.
 */
export function escapeAssText(text: string): string {
	const escaped = text
		.replace(/\\/g, `\\${WORD_JOINER}`)
		.replace(/[{}]/g, (brace) => `\\${brace}`)
		.replace(/\r\n?|\n/g, "\\N");
	// Other control characters (tabs included) would end the line or show as boxes: a tab reads as a space.
	return Array.from(escaped, (ch) => {
		const code = ch.charCodeAt(0);
		if (code === 9) return " ";
		return code < 32 || code === 127 ? "" : ch;
	}).join("");
}

/** Where and how big the subtitles are for a frame size. */
export type SubtitleLayout = { width: number; height: number };

/**
 * An ASS script: one style in the brand's colours and font (text in `textColor`, an opaque box in
 * `accentColor`), each cue centred at 75 % of the height (`\an5\pos`), wrapped inside side margins.
 */
export function assScript(cues: readonly SubtitleCue[], style: VideoBrandStyle, frame: SubtitleLayout): string {
	const fontSize = Math.round(Math.min(frame.width, frame.height) * 0.058);
	const margin = Math.round(frame.width * 0.08);
	const box = Math.max(4, Math.round(fontSize * 0.22));
	const x = Math.round(frame.width / 2);
	const y = Math.round(frame.height * 0.75);
	const font = style.font || "Noto Sans CJK KR";
	const lines = [
		"[Script Info]",
		"ScriptType: v4.00+",
		`PlayResX: ${frame.width}`,
		`PlayResY: ${frame.height}`,
		"WrapStyle: 0",
		"ScaledBorderAndShadow: yes",
		"YCbCr Matrix: TV.709",
		"",
		"[V4+ Styles]",
		"Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding",
		// BorderStyle 3: an opaque box in OutlineColour behind the text; Encoding 1 = default charset.
		`Style: Brand,${font},${fontSize},${assColour(style.textColor)},${assColour(style.textColor)},${assColour(style.accentColor)},${assColour(style.accentColor)},1,0,0,0,100,100,0,0,3,${box},0,5,${margin},${margin},0,1`,
		"",
		"[Events]",
		"Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text",
	];
	for (const cue of cues) {
		if (cue.end_ms <= cue.start_ms) continue;
		lines.push(`Dialogue: 0,${assTime(cue.start_ms)},${assTime(cue.end_ms)},Brand,,0,0,0,,{\\an5\\pos(${x},${y})}${escapeAssText(cue.text)}`);
	}
	return `${lines.join("\n")}\n`;
}
