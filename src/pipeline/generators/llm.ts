import { type OutsideHttp, outsideHttp } from "../../lib/outside-http";
import { askForJson, type LlmSettings } from "../chat-completions";
import { describeIssues, LLM_KIT_FORMAT, LLM_KIT_MINIMUMS, LlmKit } from "./llm-kit";
import { renderLlmKit } from "./llm-kit-render";
import type { GenerateInput, ProductGenerator } from "./types";

export type { LlmSettings };

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
 * generate stage retries and then dead-letters with the reason. `http` is the deployment's outside
 * client (the default is the same client, for callers outside the composition root).
 */
export function llmGenerator(settings: LlmSettings, http: OutsideHttp = outsideHttp()): ProductGenerator {
	return {
		name: `llm:${settings.model}`,
		async generate(input: GenerateInput) {
			const answer = await askForJson(http, settings, { system: SYSTEM_PROMPT, user: userPrompt(input), temperature: 0.7 }, "LLM endpoint");
			if (answer.json === null) throw new Error(`LLM answer is not a JSON object: ${answer.content.slice(0, 120)}`);
			const kit = LlmKit.safeParse(answer.json);
			if (!kit.success) throw new Error(`LLM answer does not fit the kit structure: ${describeIssues(kit.error)}`);
			return renderLlmKit(kit.data, input, `llm:${answer.model}`);
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
