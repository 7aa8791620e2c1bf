import { z } from "zod";
import type { LlmTextInput } from "../../../../src/shared/gpu-jobs.ts";
import { sha256Hex } from "../../hash.ts";
import { BackendError } from "../types.ts";

/** An OpenAI-compatible chat-completions endpoint (LLM_BASE_URL, LLM_API_KEY, LLM_MODEL). */
export type LlmSettings = { baseUrl: string; apiKey?: string; model: string };

/** A completion that takes longer than this counts as the provider being unavailable. */
const PROVIDER_TIMEOUT_MS = 120_000;

/** The part of a chat-completions response we read. */
const ChatCompletion = z.object({
	choices: z.array(z.object({ message: z.object({ content: z.string().nullable() }) })).min(1),
});

/** Statuses worth another attempt: the provider is overloaded or down, not refusing this request. */
function retryableStatus(status: number): boolean {
	return status >= 500 || status === 408 || status === 429;
}

/** Asks the provider for a completion of the prompt, capped at `maxTokens`. */
async function complete(input: LlmTextInput, settings: LlmSettings, signal: AbortSignal): Promise<string> {
	const headers: Record<string, string> = { "content-type": "application/json" };
	// Local OpenAI-compatible servers often need no key.
	if (settings.apiKey) headers.authorization = `Bearer ${settings.apiKey}`;
	let res: Response;
	try {
		res = await fetch(`${settings.baseUrl.replace(/\/+$/, "")}/chat/completions`, {
			method: "POST",
			headers,
			body: JSON.stringify({ model: settings.model, max_tokens: input.maxTokens, messages: [{ role: "user", content: input.prompt }] }),
			signal: AbortSignal.any([signal, AbortSignal.timeout(PROVIDER_TIMEOUT_MS)]),
		});
	} catch (err) {
		signal.throwIfAborted();
		throw new BackendError("LLM_UNAVAILABLE", `LLM request failed: ${err instanceof Error ? err.message : String(err)}`, true);
	}
	if (!res.ok) {
		const detail = (await res.text().catch(() => "")).slice(0, 200);
		throw new BackendError(
			retryableStatus(res.status) ? "LLM_UNAVAILABLE" : "LLM_REJECTED",
			`LLM endpoint answered ${res.status}: ${detail}`,
			retryableStatus(res.status),
		);
	}
	const parsed = ChatCompletion.safeParse(await res.json().catch(() => undefined));
	const content = parsed.success ? parsed.data.choices[0]?.message.content : undefined;
	// An empty or malformed answer is usually a one-off of the model, worth one more attempt.
	if (!content) throw new BackendError("LLM_BAD_RESPONSE", "LLM answer has no message content", true);
	return content;
}

/** Words the offline template may write for a token budget (about three words per four tokens). */
function wordBudget(maxTokens: number): number {
	return Math.max(8, Math.floor(maxTokens * 0.75));
}

/**
 * The offline answer: a deterministic Markdown note built from the prompt alone (same prompt,
 * same bytes), so pipelines and tests run without a provider and say plainly that none was used.
 */
export function templateText(input: LlmTextInput): string {
	const words = input.prompt.split(/\s+/).filter(Boolean);
	const title = words
		.slice(0, 8)
		.join(" ")
		.replace(/[#*_`[\]]/g, "");
	const sentences = input.prompt
		.split(/(?<=[.!?])\s+|\n+/)
		.map((s) => s.trim())
		.filter(Boolean);
	const budget = wordBudget(input.maxTokens);
	const body: string[] = [];
	let used = 0;
	for (const sentence of sentences) {
		const count = sentence.split(/\s+/).length;
		if (used + count > budget) break;
		body.push(`- ${sentence}`);
		used += count;
	}
	if (body.length === 0) body.push(`- ${words.slice(0, budget).join(" ")}`);
	return [
		`# ${title || "Untitled"}`,
		"",
		"## Key points",
		"",
		...body,
		"",
		`_Written offline from a template (no LLM configured); prompt sha256 ${sha256Hex(input.prompt).slice(0, 16)}._`,
		"",
	].join("\n");
}

/** Answers an `llm.text` prompt: the configured provider when there is one, else the offline template. */
export async function writeText(input: LlmTextInput, settings: LlmSettings | undefined, signal: AbortSignal): Promise<string> {
	if (!settings) return templateText(input);
	return complete(input, settings, signal);
}
