import { escapeMarkdown as md } from "./escape";
import type { KitContent } from "./kit-content";
import type { KitUi } from "./lang";

/** The number of chapters `renderGuide` writes: the domain chapters plus the 30-day plan. */
export function guideChapterCount(content: KitContent): number {
	return content.chapters.length + 1;
}

/**
 * Renders `guide.md`: an introduction, a table of contents, the numbered domain chapters with
 * "try this" tips, and a closing 30-day plan that reuses the checklist's section names.
 */
export function renderGuide(content: KitContent, ui: KitUi): string {
	const total = guideChapterCount(content);
	const planTitle = ui.guide.planTitle;
	const toc = [...content.chapters.map((c) => c.title), planTitle].map((title, i) => `${i + 1}. ${md(title)}`).join("\n");
	const chapters = content.chapters
		.map((chapter, i) => {
			const tips = chapter.tips.map((tip) => `- ${md(tip)}`).join("\n");
			return `## ${i + 1}. ${md(chapter.title)}

${chapter.paragraphs.map(md).join("\n\n")}

${ui.guide.tryThis}

${tips}`;
		})
		.join("\n\n");
	const plan = content.plan.map((week) => ui.guide.week(md(week.title), md(week.body))).join("\n");
	return `# ${md(content.title)}

${ui.guide.tagline(md(content.subject), md(content.audience))}

## ${ui.guide.howToUse}

${content.guideIntro.map(md).join("\n\n")}

${ui.guide.theChapters}

${toc}

${chapters}

## ${total}. ${planTitle}

${ui.guide.planIntro(md(content.subject))}

${plan}

## ${ui.guide.keepGoing}

${md(content.guideClosing)}
`;
}
