import { escapeMarkdown as md } from "./escape";
import type { KitContent } from "./kit-content";

/** Renders `README.md`: what the kit is, its files and how to use them. */
export function renderReadme(content: KitContent, chapterCount: number, generation: number): string {
	return `# ${md(content.title)}

${md(content.description)}

## What is inside

- \`index.html\`: the kit's landing page with an overview, the features and answers to common questions. Open it in any browser.
- \`assets/styles.css\`: the stylesheet of the landing page.
- \`assets/hero.svg\`: the illustration on the landing page.
- \`guide.md\`: the ${chapterCount}-chapter guide to ${md(content.subject)}, ending with a 30-day plan.
- \`checklist.md\`: ${content.checklistCount} tick-box items grouped by stage.
- \`README.md\`: this file.
- \`LICENSE.md\`: what you may and may not do with the kit.

## How to use it

1. Unzip the kit into a folder and open \`index.html\` in your browser for the overview. Everything works offline.
2. Read \`guide.md\` from the start. Any text editor can open it; a Markdown viewer (many notes apps and code editors have one) shows the formatting.
3. Copy \`checklist.md\` into your notes app or print it, then tick items as you go.
4. After 30 days, work through the review section of the checklist and pick your next focus.

## About this kit

- Topic: ${md(content.topic)}
- Focus area: ${md(content.domainLabel)}
- Written for: ${md(content.audience)} (${md(content.levelLabel.toLowerCase())})
- Key words: ${content.keywords.map(md).join(", ")}
- Edition: ${generation}

The content is general educational material. It does not replace advice from a qualified professional who knows your situation.
`;
}
