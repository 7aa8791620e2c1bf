import { escapeMarkdown as md } from "./escape";
import type { KitContent } from "./kit-content";
import type { KitUi } from "./lang";

/** Renders `checklist.md`: every group as a heading with GitHub-style `- [ ]` task items. */
export function renderChecklist(content: KitContent, ui: KitUi): string {
	const groups = content.checklist.map((group) => `## ${md(group.title)}\n\n${group.items.map((item) => `- [ ] ${md(item)}`).join("\n")}`).join("\n\n");
	return ui.checklist({
		title: md(content.title),
		intro: md(content.checklistIntro),
		count: content.checklistCount,
		sections: content.checklist.length,
		groups,
		subject: md(content.subject),
	});
}
