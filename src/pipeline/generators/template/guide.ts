import { escapeMarkdown as md } from "./escape";
import type { KitContent } from "./kit-content";

/** The number of chapters `renderGuide` writes: the domain chapters plus the 30-day plan. */
export function guideChapterCount(content: KitContent): number {
	return content.chapters.length + 1;
}

/**
 * Renders `guide.md`: an introduction, a table of contents, the numbered domain chapters with
 * "try this" tips, and a closing 30-day plan that reuses the checklist's section names.
 */
export function renderGuide(content: KitContent): string {
	const total = guideChapterCount(content);
	const planTitle = "Your first 30 days";
	const toc = [...content.chapters.map((c) => c.title), planTitle].map((title, i) => `${i + 1}. ${md(title)}`).join("\n");
	const chapters = content.chapters
		.map((chapter, i) => {
			const tips = chapter.tips.map((tip) => `- ${md(tip)}`).join("\n");
			return `## ${i + 1}. ${md(chapter.title)}

${chapter.paragraphs.map(md).join("\n\n")}

**Try this:**

${tips}`;
		})
		.join("\n\n");
	const plan = content.plan.map((week) => `- **${md(week.title)}.** ${md(week.body)}`).join("\n");
	return `# ${md(content.title)}

*A practical guide to ${md(content.subject)} for ${md(content.audience)}.*

## How to use this guide

${content.guideIntro.map(md).join("\n\n")}

The chapters:

${toc}

${chapters}

## ${total}. ${planTitle}

Reading is only the start. Use this four-week plan together with \`checklist.md\` to turn the chapters into a routine. Each week has one focus; keep everything else simple.

${plan}

## Keep going

${md(content.guideClosing)}
`;
}
