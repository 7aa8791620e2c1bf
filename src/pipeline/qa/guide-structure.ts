/**
 * The parts of a `digital_kit` that QA1 reads for content fit, parsed from its files: the guide's
 * numbered chapters, the checklist's items, the landing page's FAQ answers and the counts the
 * page promises. Parsing only; the rules live in content-fit.ts.
 */

/** One numbered chapter of guide.md (`## 3. Title`). */
export type GuideChapterText = { number: number; title: string; body: string; words: number };

/** Whitespace-separated words, the unit of "250 words" in both languages. */
export function wordCount(text: string): number {
	return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** The numbered `## N. Title` sections of a guide, each with its text up to the next `##` heading. */
export function guideChapters(markdown: string): GuideChapterText[] {
	const chapters: GuideChapterText[] = [];
	const sections = markdown.split(/^(?=##\s)/m);
	for (const section of sections) {
		const heading = /^##\s+(\d+)[.)]\s+(.+)$/m.exec(section.split("\n")[0] ?? "");
		if (!heading) continue;
		const body = section.slice(section.indexOf("\n") + 1);
		chapters.push({ number: Number(heading[1]), title: (heading[2] ?? "").trim(), body, words: wordCount(body) });
	}
	return chapters;
}

/** The task items of a checklist (`- [ ] item`). */
export function checklistItems(markdown: string): string[] {
	return [...markdown.matchAll(/^\s*[-*+]\s+\[[ xX]\]\s+(.+)$/gm)].map((match) => (match[1] ?? "").trim());
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", apos: "'", nbsp: " " };

/** Visible text of an HTML fragment: tags dropped, common entities decoded, spaces collapsed. */
export function htmlText(html: string): string {
	return html
		.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, " ")
		.replace(/<[^>]+>/g, " ")
		.replace(/&(#?\w+);/g, (whole, name: string) => ENTITIES[name] ?? whole)
		.replace(/\s+/g, " ")
		.trim();
}

/** The FAQ of the landing page: each `<details>` (summary, then answer) or `<dt>`/`<dd>` pair of the FAQ section. */
export function faqAnswers(html: string): { question: string; answer: string }[] {
	const start = html.search(/data-section=["']faq["']/i);
	if (start < 0) return [];
	const end = html.indexOf("</section>", start);
	const section = html.slice(start, end < 0 ? undefined : end);
	const fromDetails = [...section.matchAll(/<details\b[^>]*>([\s\S]*?)<\/details>/gi)].map((match) => {
		const inner = match[1] ?? "";
		const summary = /<summary\b[^>]*>([\s\S]*?)<\/summary>/i.exec(inner);
		return { question: htmlText(summary?.[1] ?? ""), answer: htmlText(inner.replace(/<summary\b[^>]*>[\s\S]*?<\/summary>/i, "")) };
	});
	const fromList = [...section.matchAll(/<dt\b[^>]*>([\s\S]*?)<\/dt>\s*<dd\b[^>]*>([\s\S]*?)<\/dd>/gi)].map((match) => ({
		question: htmlText(match[1] ?? ""),
		answer: htmlText(match[2] ?? ""),
	}));
	return [...fromDetails, ...fromList].filter((faq) => faq.answer.length > 0);
}

/** What the product page says the kit holds; a count it never states is 0 (no promise). */
export type PagePromises = { chapters: number; checklistItems: number; faqs: number };

const PROMISE_PATTERNS: Record<keyof PagePromises, RegExp[]> = {
	chapters: [/(\d+)[-\s](?:chapters?)\b/gi, /(\d+)\s*개\s*(?:의\s*)?(?:장|챕터)/g],
	checklistItems: [/(\d+)[-\s](?:checklist[-\s])?(?:items?|tasks?|checks?)\b/gi, /(\d+)\s*개\s*(?:의\s*)?(?:체크\s*)?항목/g],
	faqs: [/(\d+)[-\s](?:questions?|faqs?)\b/gi, /(\d+)\s*개\s*(?:의\s*)?질문/g],
};

/** The largest count the page states for each part ("a 6-chapter guide", "26개 항목"). */
export function pagePromises(html: string): PagePromises {
	const text = `${html.match(/<meta\s+name=["']description["'][^>]*>/i)?.[0] ?? ""} ${htmlText(html)}`;
	const largest = (patterns: RegExp[]) => Math.max(0, ...patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => Number(match[1]))));
	return { chapters: largest(PROMISE_PATTERNS.chapters), checklistItems: largest(PROMISE_PATTERNS.checklistItems), faqs: largest(PROMISE_PATTERNS.faqs) };
}
