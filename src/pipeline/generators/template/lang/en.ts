import { enAngles } from "../angle-bank/en";
import * as bank from "../content-bank";
import { DOMAINS, GENERIC_DOMAIN } from "../domains";
import type { KitLanguage, KitUi } from "./types";

const ui: KitUi = {
	htmlLang: "en",
	defaults: {
		topic: "your new skill",
		subjectOfSymbols: "this topic",
		outcome: "make real progress",
		outcomeB: "build lasting skills",
		terms: ["the fundamentals", "feedback", "consistency"],
	},
	checklistStart: "Before you start",
	checklistReview: "Review after 30 days",
	plan: ({ a, b, c }, firstGroup, variant = 0) => {
		const pick = (options: readonly string[]): string => options[variant % options.length] ?? options[0] ?? "";
		return [
			{
				title: "Week 1: foundations",
				body: pick([
					`Read the first two chapters, complete the "Before you start" and "${firstGroup}" sections of the checklist, and write down exactly where you are starting from.`,
					`Only two sections this week: "Before you start" and "${firstGroup}". Record your starting point with a date, so next month's comparison is easy.`,
					`This is the week of the starting line. Read the opening chapters, tick "${firstGroup}" and note one thing you can already do and one you cannot yet.`,
				]),
			},
			{
				title: `Week 2: ${a}`,
				body: pick([
					`Make ${a} the focus of every session and note what changes. Keep sessions short and regular rather than long and rare.`,
					`${a} leads this week. Spend the first five minutes of each session on it and write down one difference afterwards.`,
					`Practise ${a} on its own three times, the same way each time, so the change is visible.`,
				]),
			},
			{
				title: `Week 3: ${b} and ${c}`,
				body: pick([
					`Add ${b} first, then ${c}, one at a time, while the checklist keeps the basics steady. Write one line in your log after each session.`,
					`Give the first half of the week to ${b} and the second to ${c}. Never change both at once, and note every change you make.`,
					`Alternate ${b} and ${c}. Mark which one feels harder; that mark sets next month's goal for you.`,
				]),
			},
			{
				title: "Week 4: review and adjust",
				body: pick([
					`Compare your notes with week 1, repeat what worked, drop what did not and work through "Review after 30 days" to choose next month's focus.`,
					`Read the month's notes from the start. Pick the biggest change and the most stubborn problem, and write both under "Review after 30 days".`,
					`Start nothing new this week. Fill in "Review after 30 days" and choose the two habits you will keep.`,
				]),
			},
		];
	},
	fileLabels: { guide: "The guide", checklist: "The checklist", readme: "Quick start" },
	heroPoints: (chapters, items) => [`${chapters}-chapter guide`, `${items}-item checklist`, "Works offline"],
	landing: {
		getStarted: "Get started",
		readFaq: "Read the FAQ",
		statChapters: "chapters",
		statItems: "checklist items",
		statAnswers: "answers inside",
		whatYouGet: "What you get",
		topicsCovered: "Topics covered",
		theKit: "The kit",
		gettingStarted: "Getting started",
		whoFor: "Who it is for",
		openChecklist: "Open the checklist",
		faq: "FAQ",
		skipToContent: "Skip to content",
		pageSections: "Page sections",
		features: "Features",
		kitFiles: "Kit files",
		guide: "Guide",
		checklist: "Checklist",
		readMe: "Read me",
		license: "License",
		backToTop: "Back to top",
		titleSuffix: (domainLabel) => `${domainLabel} kit`,
		footer: (domainLabel, subject) => `A ${domainLabel.toLowerCase()} kit about ${subject}.`,
	},
	heroAlt: (subject, description) => `Illustration for ${subject}: ${description}`,
	guide: {
		planTitle: "Your first 30 days",
		tagline: (subject, audience) => `*A practical guide to ${subject} for ${audience}.*`,
		howToUse: "How to use this guide",
		theChapters: "The chapters:",
		tryThis: "**Try this:**",
		planIntro: (subject) =>
			`Reading is only the start. Use this four-week plan for ${subject} together with \`checklist.md\` to turn the chapters into a routine. Each week has one focus; keep everything else simple.`,
		keepGoing: "Keep going",
		week: (title, body) => `- **${title}.** ${body}`,
	},
	checklist: ({ title, intro, count, sections, groups, subject }) => `# ${title}: checklist

${intro}

**${count} items in ${sections} sections.** The middle sections put the chapters of \`guide.md\` into practice; the last one closes your first month.

${groups}

---

Tip: date each tick. A dated checklist doubles as a record of your progress with ${subject}.
`,
	readme: (c) => `# ${c.title}

${c.description}

## What is inside

- \`index.html\`: the kit's landing page with an overview, the features and answers to common questions. Open it in any browser.
- \`assets/styles.css\`: the stylesheet of the landing page.
- \`assets/hero.svg\`: the illustration on the landing page.
- \`guide.md\`: the ${c.chapterCount}-chapter guide to ${c.subject}, ending with a 30-day plan.
- \`checklist.md\`: ${c.checklistCount} tick-box items grouped by stage.
- \`README.md\`: this file.
- \`LICENSE.md\`: what you may and may not do with the kit.

## How to use it

1. Unzip the kit into a folder and open \`index.html\` in your browser for the overview. Everything works offline.
2. Read \`guide.md\` from the start. Any text editor can open it; a Markdown viewer (many notes apps and code editors have one) shows the formatting.
3. Copy \`checklist.md\` into your notes app or print it, then tick items as you go.
4. After 30 days, work through the review section of the checklist and pick your next focus.

## About this kit

- Topic: ${c.topic}
- Focus area: ${c.domainLabel}
- Written for: ${c.audience} (${c.levelLabel.toLowerCase()})
- Key words: ${c.keywords}
- Edition: ${c.generation}

The content is general educational material. It does not replace advice from a qualified professional who knows your situation.
`,
	license: (name) => `# License for "${name}"

This license applies to the digital kit "${name}" (the "Kit"): its guide, checklist, landing page, stylesheet and illustration. By downloading or using the Kit you agree to these terms.

## What you may do

- Use the Kit and everything in it for your own personal purposes.
- Use the content in your own commercial work, such as your business, your client projects, your courses or your products, including quoting, adapting and building on it.
- Edit, print and copy the files for your own use and for use inside your organisation.
- Keep backups of the Kit on your own devices and storage.

## What you may not do

- Resell, sublicense, give away or otherwise redistribute the Kit, or any of its files, as they are or with only minor changes.
- Publish the Kit's files where others can download them, including shared drives, marketplaces, file-sharing sites and public repositories.
- Present the Kit, as a whole, as your own work.

## Ownership

All rights not expressly granted here are reserved by the publisher of "${name}". Buying the Kit grants a license to use it; it does not transfer ownership.

## No warranty

The Kit is provided "as is", for general educational purposes. It is not professional, financial, medical or legal advice. The publisher is not liable for any loss arising from its use. Check important decisions with a qualified professional.
`,
};

/** English: the original phrase banks, wording and packs. */
export const en: KitLanguage = { bank, ui, angles: enAngles, domains: DOMAINS, generic: GENERIC_DOMAIN };
