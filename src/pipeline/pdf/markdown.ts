/**
 * The Markdown subset the PDF edition sets: `#`/`##`/`###` headings, paragraphs, `-`/`*` list
 * items and `- [ ]`/`- [x]` tasks. Inline marks (bold, italics, code, links) are reduced to their
 * words, since the PDF has one weight; anything else reads as a paragraph, so no text is lost.
 */
export type MarkdownBlock =
	| { type: "heading"; level: 1 | 2 | 3; text: string }
	| { type: "paragraph"; text: string }
	| { type: "item"; text: string }
	| { type: "task"; text: string; done: boolean };

const HEADING = /^(#{1,6})\s+(.*)$/;
const TASK = /^\s*[-*+]\s+\[( |x|X)\]\s+(.*)$/;
const ITEM = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/;

export function parseMarkdown(source: string): MarkdownBlock[] {
	const blocks: MarkdownBlock[] = [];
	let paragraph: string[] = [];
	const flush = () => {
		if (paragraph.length > 0) blocks.push({ type: "paragraph", text: inline(paragraph.join(" ")) });
		paragraph = [];
	};
	for (const raw of source.replace(/\r\n?/g, "\n").split("\n")) {
		const line = raw.trimEnd();
		if (line.trim() === "" || /^\s*(?:---+|\*\*\*+)\s*$/.test(line)) {
			flush();
			continue;
		}
		const heading = HEADING.exec(line);
		const task = TASK.exec(line);
		const item = ITEM.exec(line);
		if (heading?.[1] && heading[2] !== undefined) {
			flush();
			blocks.push({ type: "heading", level: Math.min(heading[1].length, 3) as 1 | 2 | 3, text: inline(heading[2]) });
		} else if (task?.[1] && task[2] !== undefined) {
			flush();
			blocks.push({ type: "task", text: inline(task[2]), done: task[1].toLowerCase() === "x" });
		} else if (item?.[1] !== undefined) {
			flush();
			blocks.push({ type: "item", text: inline(item[1]) });
		} else {
			paragraph.push(line.trim().replace(/^>\s?/, ""));
		}
	}
	flush();
	return blocks.filter((block) => block.text !== "");
}

/** Plain words of an inline Markdown run. */
export function inline(text: string): string {
	// Escaped marks (`\*`) are set aside as private-use characters, so they survive as themselves.
	return text
		.replace(/\\([!-/:-@[-`{-~])/g, (_, mark: string) => String.fromCharCode(0xe000 + mark.charCodeAt(0)))
		.replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
		.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
		.replace(/(\*\*|__)(.+?)\1/g, "$2")
		.replace(/(^|[^\p{L}\p{N}])[*_](.+?)[*_](?=$|[^\p{L}\p{N}])/gu, "$1$2")
		.replace(/`([^`]*)`/g, "$1")
		.replace(/[\ue000-\ue07f]/g, (mark) => String.fromCharCode(mark.charCodeAt(0) - 0xe000))
		.replace(/\s+/g, " ")
		.trim();
}

/** The guide's chapters: its `##` headings (or its `#` headings after the title when it has none). */
export function chapterTitles(blocks: readonly MarkdownBlock[]): string[] {
	const level2 = blocks.filter((block) => block.type === "heading" && block.level === 2);
	if (level2.length > 0) return level2.map((block) => block.text);
	return blocks
		.filter((block) => block.type === "heading" && block.level === 1)
		.slice(1)
		.map((block) => block.text);
}
