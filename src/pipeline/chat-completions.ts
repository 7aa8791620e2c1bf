import { z } from "zod";
import type { OutsideHttp } from "../lib/outside-http";

/** How an OpenAI-compatible endpoint is reached. */
export type LlmSettings = { baseUrl: string; apiKey: string; model: string };

/** The part of a chat-completions response the factory reads. */
const ChatCompletion = z.object({
	model: z.string().min(1).max(200).optional(),
	choices: z.array(z.object({ message: z.object({ content: z.string().nullable() }) })).min(1),
});

// A long guide takes the model a while to write.
const LLM_TIMEOUT_MS = 120_000;

/** What the model answered: the model that answered, its text, and that text as JSON (null when it is none). */
export type JsonAnswer = { model: string; content: string; json: unknown };

/**
 * Asks an OpenAI-compatible chat-completions endpoint for one JSON object (the writer and the QA1
 * judge both do), over the outside HTTP client. A refused request or a response without a message
 * throws, naming `who` and the status, so the calling stage retries; what the JSON must hold is
 * the caller's to check. The POST carries no idempotency key (the API takes none), so the client
 * sends it once: a second answer would be billed again, and the stage's own retry decides.
 */
export async function askForJson(
	http: OutsideHttp,
	settings: LlmSettings,
	request: { system: string; user: string; temperature: number },
	who: string,
): Promise<JsonAnswer> {
	const call = { provider: "llm", operation: "chat.completions", timeoutMs: LLM_TIMEOUT_MS };
	const response = await http(call, `${settings.baseUrl.replace(/\/+$/, "")}/chat/completions`, {
		method: "POST",
		headers: { Authorization: `Bearer ${settings.apiKey}`, "Content-Type": "application/json" },
		body: JSON.stringify({
			model: settings.model,
			temperature: request.temperature,
			response_format: { type: "json_object" },
			messages: [
				{ role: "system", content: request.system },
				{ role: "user", content: request.user },
			],
		}),
	});
	if (!response.ok) throw new Error(`${who} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
	const completion = ChatCompletion.safeParse(await response.json());
	if (!completion.success) throw new Error(`${who}: no message in the answer`);
	const content = completion.data.choices[0]?.message.content ?? "";
	// The endpoint names the model that actually answered (a dated snapshot of an alias, say).
	return { model: completion.data.model ?? settings.model, content, json: parseJsonObject(content) };
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
