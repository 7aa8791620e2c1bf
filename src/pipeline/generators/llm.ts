import { z } from "zod";
import { describeIssues, LLM_KIT_FORMAT, LLM_KIT_MINIMUMS, LlmKit } from "./llm-kit";
import { renderLlmKit } from "./llm-kit-render";
import type { GenerateInput, ProductGenerator } from "./types";

/** How an OpenAI-compatible endpoint is reached. */
export type LlmSettings = { baseUrl: string; apiKey: string; model: string };

/** The part of a chat-completions response the generator reads. */
const ChatCompletion = z.object({
	model: z.string().min(1).max(200).optional(),
	choices: z.array(z.object({ message: z.object({ content: z.string().nullable() }) })).min(1),
});

const SYSTEM_PROMPT = `You write the content of digital products ("digital kits") sold to buyers who read them in the requested language. Answer with one JSON object, no other text:
${LLM_KIT_FORMAT}
Write at least ${LLM_KIT_MINIMUMS.chapters} chapters (8 is better); each chapter has 3 to 6 paragraphs and 3 to 5 bullets of things to try, and at least ${LLM_KIT_MINIMUMS.chapterWords} words (aim for 300+).
The checklist has 3 to 6 groups and at least ${LLM_KIT_MINIMUMS.checklistItems} items in all; every item is one concrete action.
Write at least ${LLM_KIT_MINIMUMS.faq} FAQ entries a buyer would really ask, each answered in two to four sentences.
Write real, specific, accurate, useful content about the topic for the audience; every chapter and answer is about the topic.
Plain text only in every field: no HTML, no Markdown, no links. The product's title is given; do not invent another.`;

/**
 * A generator that asks an OpenAI-compatible chat-completions endpoint for the kit's content as
 * JSON (llm-kit.ts), validates it with zod and renders the files with the template renderers.
 * Transport errors (401, 503, timeouts) and answers that do not fit the structure throw, so the
 * generate stage retries and then dead-letters with the reason.
 */
export function llmGenerator(settings: LlmSettings): ProductGenerator {
	return {
		name: `llm:${settings.model}`,
		async generate(input: GenerateInput) {
			const response = await fetch(`${settings.baseUrl.replace(/\/+$/, "")}/chat/completions`, {
				method: "POST",
				headers: { Authorization: `Bearer ${settings.apiKey}`, "Content-Type": "application/json" },
				body: JSON.stringify({
					model: settings.model,
					temperature: 0.7,
					response_format: { type: "json_object" },
					messages: [
						{ role: "system", content: SYSTEM_PROMPT },
						{ role: "user", content: userPrompt(input) },
					],
				}),
				signal: AbortSignal.timeout(120_000),
			});
			if (!response.ok) {
				throw new Error(`LLM endpoint answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
			}
			const completion = ChatCompletion.parse(await response.json());
			const content = completion.choices[0]?.message.content ?? "";
			const answer = parseJsonObject(content);
			if (answer === null) throw new Error(`LLM answer is not a JSON object: ${content.slice(0, 120)}`);
			const kit = LlmKit.safeParse(answer);
			if (!kit.success) throw new Error(`LLM answer does not fit the kit structure: ${describeIssues(kit.error)}`);
			// The endpoint names the model that actually answered (a dated snapshot of an alias, say).
			return renderLlmKit(kit.data, input, `llm:${completion.model ?? settings.model}`);
		},
	};
}

const LANGUAGE_NAMES: Record<GenerateInput["language"], string> = { en: "English", ko: "Korean (한국어)" };

function userPrompt(input: GenerateInput): string {
	const lines = [
		`Topic: ${input.topic}`,
		`Product title: ${input.title}`,
		`Kind: ${input.kind}`,
		// The buyer reads the product in this language: every visible word must be in it (QA1 checks).
		`Language: ${input.language} (${LANGUAGE_NAMES[input.language]}); write every field (subtitle, description, audience, chapters, checklist, FAQ) in ${LANGUAGE_NAMES[input.language]}`,
	];
	if (input.feedback.length > 0) lines.push("The previous version failed these quality checks; fix them:", ...input.feedback.map((item) => `- ${item}`));
	return lines.join("\n");
}

/** Models sometimes wrap JSON in a Markdown fence; accept that, nothing looser. */
function parseJsonObject(content: string): unknown {
	const fenced = /^```(?:json)?\s*([\s\S]*?)\s*```$/.exec(content.trim());
	try {
		return JSON.parse(fenced?.[1] ?? content);
	} catch {
		return null;
	}
}
