import { escapeMarkdown as md } from "./escape";
import type { KitContent } from "./kit-content";
import type { KitUi } from "./lang";

/** Renders `README.md`: what the kit is, its files and how to use them. */
export function renderReadme(content: KitContent, chapterCount: number, generation: number, ui: KitUi): string {
	return ui.readme({
		title: md(content.title),
		description: md(content.description),
		chapterCount,
		subject: md(content.subject),
		checklistCount: content.checklistCount,
		topic: md(content.topic),
		domainLabel: md(content.domainLabel),
		audience: md(content.audience),
		levelLabel: md(content.levelLabel),
		keywords: content.keywords.map(md).join(", "),
		generation,
	});
}
