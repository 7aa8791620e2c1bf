import { escapeMarkdown as md } from "./escape";
import type { KitContent } from "./kit-content";

/** Renders `checklist.md`: every group as a heading with GitHub-style `- [ ]` task items. */
export function renderChecklist(content: KitContent): string {
	const groups = content.checklist.map((group) => `## ${md(group.title)}\n\n${group.items.map((item) => `- [ ] ${md(item)}`).join("\n")}`).join("\n\n");
	return `# ${md(content.title)}: checklist

${md(content.checklistIntro)}

**${content.checklistCount} items in ${content.checklist.length} sections.** The middle sections put the chapters of \`guide.md\` into practice; the last one closes your first month.

${groups}

---

Tip: date each tick. A dated checklist doubles as a record of your progress with ${md(content.subject)}.
`;
}
