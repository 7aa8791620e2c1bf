import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { isJudgeRequest, judgeCompletion } from "./llm-judge.ts";
import { fakeKit } from "./llm-product.ts";

/** A fake of the OpenAI chat-completions API: answers with the kit content (llm-product.ts) the prompt asks for. */
export type FakeLlm = { url: string; requests: unknown[]; close: () => Promise<void> };

export const FAKE_LLM_KEY = "sk-fake-llm-key";

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString("utf8");
}

/** Starts the fake on a free port of 127.0.0.1. */
export async function startFakeLlm(): Promise<FakeLlm> {
	const requests: unknown[] = [];
	const server: Server = createServer(async (req, res) => {
		const body = await readBody(req);
		const send = (status: number, value: unknown) => {
			res.writeHead(status, { "Content-Type": "application/json" });
			res.end(JSON.stringify(value));
		};
		if (req.method !== "POST" || req.url !== "/v1/chat/completions") return send(404, { error: { message: "not found" } });
		if (req.headers.authorization !== `Bearer ${FAKE_LLM_KEY}`)
			return send(401, { error: { message: "Incorrect API key provided", type: "invalid_request_error" } });
		const parsed = JSON.parse(body) as { model: string; messages: { role: string; content: string }[] };
		requests.push(parsed);
		if (isJudgeRequest(parsed)) return send(200, judgeCompletion(parsed, requests.length));
		const user = parsed.messages.find((message) => message.role === "user")?.content ?? "";
		const topic = /^Topic: (.*)$/m.exec(user)?.[1] ?? "unknown";
		const language = /^Language: (en|ko)\b/m.exec(user)?.[1] as "en" | "ko" | undefined;
		if (!language) return send(400, { error: { message: "the prompt names no language", type: "invalid_request_error" } });
		if (topic.includes("llm-down")) return send(503, { error: { message: "overloaded" } });
		send(200, {
			id: `chatcmpl-${requests.length}`,
			object: "chat.completion",
			created: Math.floor(Date.now() / 1000),
			model: parsed.model,
			choices: [
				{
					index: 0,
					finish_reason: "stop",
					message: { role: "assistant", content: JSON.stringify(fakeKit(topic, topic.includes("wrong-language") ? "en" : language)) },
				},
			],
			usage: { prompt_tokens: 100, completion_tokens: 1000, total_tokens: 1100 },
		});
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const { port } = server.address() as AddressInfo;
	return { url: `http://127.0.0.1:${port}/v1`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
