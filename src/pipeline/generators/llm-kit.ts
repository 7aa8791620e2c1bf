import { z } from "zod";

/** Fewest chapters, words per chapter and checklist items the model's answer must have. */
export const LLM_KIT_MINIMUMS = { chapters: 6, chapterWords: 250, checklistItems: 20, faq: 6 } as const;

const text = (max: number) => z.string().trim().min(1).max(max);

/** Whitespace-separated words, the way QA1 counts them (a Korean 어절 is one word). */
export function wordCount(parts: readonly string[]): number {
	return parts.reduce((sum, part) => sum + part.split(/\s+/).filter(Boolean).length, 0);
}

const LlmChapter = z
	.object({
		heading: text(200),
		// Long enough for a real paragraph, bounded so one runaway answer cannot fill the store.
		paragraphs: z.array(text(8000)).min(1).max(12),
		bullets: z.array(text(500)).min(1).max(12),
	})
	.superRefine((chapter, ctx) => {
		const words = wordCount([...chapter.paragraphs, ...chapter.bullets]);
		if (words < LLM_KIT_MINIMUMS.chapterWords) {
			ctx.addIssue({
				code: "custom",
				message: `chapter "${chapter.heading.slice(0, 60)}" has ${words} words, at least ${LLM_KIT_MINIMUMS.chapterWords} expected`,
			});
		}
	});

const LlmChecklistGroup = z.object({ title: text(200), items: z.array(text(300)).min(1).max(40) });

/**
 * The content the model writes for one language version of a `digital_kit`: the words only. The
 * files (landing page, guide, checklist, README, LICENSE, stylesheet, hero) are rendered from it
 * by the template generator's renderers, so the model never writes HTML or links.
 *
 * The schema holds the floors QA1 cannot see on the rendered files (chapter count and length,
 * checklist size); an answer below them is rejected and the generate stage retries. The FAQ is
 * asked for (6+) but its count is left to QA1, which measures it on the landing page
 * (`section.faq`, `faq.count`) and sends a shortfall back to the model as feedback; a kit with no
 * FAQ entries renders no FAQ section and fails the gate.
 */
export const LlmKit = z
	.object({
		subtitle: text(300),
		description: text(500),
		audience: text(200),
		chapters: z.array(LlmChapter).min(LLM_KIT_MINIMUMS.chapters).max(16),
		checklist: z.array(LlmChecklistGroup).min(1).max(10),
		faq: z.array(z.object({ question: text(300), answer: text(2000) })).max(20),
	})
	.superRefine((kit, ctx) => {
		const items = kit.checklist.reduce((sum, group) => sum + group.items.length, 0);
		if (items < LLM_KIT_MINIMUMS.checklistItems) {
			ctx.addIssue({ code: "custom", path: ["checklist"], message: `${items} checklist items, at least ${LLM_KIT_MINIMUMS.checklistItems} expected` });
		}
	});
export type LlmKit = z.infer<typeof LlmKit>;

/** The first few schema problems of an answer, as one line naming where each is. */
export function describeIssues(error: z.ZodError): string {
	return error.issues
		.slice(0, 3)
		.map((issue) => `${issue.path.length > 0 ? `${issue.path.join(".")}: ` : ""}${issue.message}`)
		.join("; ");
}

/** What the system prompt tells the model to answer with (kept next to the schema it mirrors). */
export const LLM_KIT_FORMAT = `{
  "subtitle": "one line under the title",
  "description": "one or two sentences for the store",
  "audience": "who the kit is for, as a short noun phrase",
  "chapters": [{"heading": "chapter heading", "paragraphs": ["paragraph", "..."], "bullets": ["thing to try", "..."]}],
  "checklist": [{"title": "group heading", "items": ["action", "..."]}],
  "faq": [{"question": "...", "answer": "..."}]
}`;
