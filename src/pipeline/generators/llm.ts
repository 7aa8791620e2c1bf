import { z } from "zod";
import type { GeneratedFile, GenerateInput, ProductGenerator } from "./types";

/** How an OpenAI-compatible endpoint is reached. */
export type LlmSettings = { baseUrl: string; apiKey: string; model: string };

/** The JSON the model is asked to answer with. */
const LlmProduct = z.object({
	description: z.string().min(1).max(1000),
	files: z
		.array(z.object({ path: z.string().min(1).max(200), content: z.string().min(1) }))
		.min(1)
		.max(40),
});

/** The part of a chat-completions response the generator reads. */
const ChatCompletion = z.object({
	choices: z.array(z.object({ message: z.object({ content: z.string().nullable() }) })).min(1),
});

const CONTENT_TYPES: Record<string, string> = {
	html: "text/html; charset=utf-8",
	css: "text/css; charset=utf-8",
	svg: "image/svg+xml",
	md: "text/markdown; charset=utf-8",
	txt: "text/plain; charset=utf-8",
	json: "application/json",
};

const SYSTEM_PROMPT = `You write complete digital products ("digital kits") for sale. Answer with one JSON object:
{"description": "one or two sentences for the store", "files": [{"path": "relative/path", "content": "full file text"}]}.
Required files: index.html, assets/styles.css, assets/hero.svg, guide.md (600+ words), checklist.md (20+ "- [ ]" items), README.md, LICENSE.md.
index.html is a complete HTML5 landing page: <!doctype html>, <html lang="LANGUAGE CODE FROM THE REQUEST">, <meta charset="utf-8">, a viewport meta, a <title>, a meta description,
<link rel="stylesheet" href="assets/styles.css">, exactly one <h1>, and sections marked data-section="hero" (with <img src="assets/hero.svg" alt="...">),
data-section="features" (4+ <article> each with an <h3>), data-section="cta" id="cta" (a link to guide.md), data-section="faq" id="faq"
(4+ <details><summary>question</summary><p>answer</p></details>). Every internal link must point to a file you return; close every element.
Write real, specific, useful content about the topic. Paths: lowercase letters, digits, dots, dashes, slashes; no leading slash, no "..".`;

/** A generator that asks an OpenAI-compatible chat-completions endpoint for the whole product. */
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
			const product = LlmProduct.safeParse(parseJsonObject(content));
			if (!product.success) throw new Error(`LLM answer is not a product: ${product.error.issues[0]?.message ?? "invalid"}`);
			const encoder = new TextEncoder();
			const files: GeneratedFile[] = product.data.files.map((file) => ({
				path: file.path,
				body: encoder.encode(file.content),
				contentType: CONTENT_TYPES[file.path.split(".").pop()?.toLowerCase() ?? ""] ?? "application/octet-stream",
			}));
			return { description: product.data.description, files };
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
		`Language: ${input.language} (${LANGUAGE_NAMES[input.language]}); write all text (description, landing page, guides, checklist, README) in ${LANGUAGE_NAMES[input.language]}`,
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
