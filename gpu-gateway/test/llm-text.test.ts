import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Gateway } from "../src/gateway.ts";
import { authHeaders, downloadArtifact, postJob, startTestGateway, tempDataDir, until, waitForStatus } from "./helpers.ts";

const API_KEY = "sk-test-local-llm";

type ChatRequest = { model: string; max_tokens: number; messages: { role: string; content: string }[] };

/**
 * A tiny OpenAI-compatible chat-completions server. The prompt picks the behaviour: `[503-once]`
 * fails the first call, `[400]` refuses, `[empty]` answers without content, `[hang]` never answers.
 */
class FakeChatServer {
	readonly requests: ChatRequest[] = [];
	/** Requests whose client hung up before an answer. */
	abandoned = 0;
	private readonly failedOnce = new Set<string>();
	private server: Server | undefined;
	baseUrl = "";

	async start(): Promise<void> {
		this.server = createServer((req, res) => {
			void this.body(req).then((raw) => {
				if (req.method !== "POST" || req.url !== "/v1/chat/completions") return void res.writeHead(404).end();
				if (req.headers.authorization !== `Bearer ${API_KEY}`) {
					return void res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "Incorrect API key provided" } }));
				}
				const chat: ChatRequest = JSON.parse(raw);
				this.requests.push(chat);
				const prompt = chat.messages.at(-1)?.content ?? "";
				if (prompt.includes("[hang]")) {
					res.once("close", () => {
						if (!res.writableEnded) this.abandoned += 1;
					});
					return;
				}
				if (prompt.includes("[400]")) {
					return void res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "max_tokens is too large" } }));
				}
				if (prompt.includes("[503-once]") && !this.failedOnce.has(prompt)) {
					this.failedOnce.add(prompt);
					return void res.writeHead(503).end("overloaded");
				}
				const content = prompt.includes("[empty]") ? null : `Answer (${chat.model}, ≤${chat.max_tokens} tokens): ${prompt}`;
				res.writeHead(200, { "content-type": "application/json" }).end(
					JSON.stringify({
						id: "chatcmpl-test",
						object: "chat.completion",
						created: 1_700_000_000,
						model: chat.model,
						choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
						usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
					}),
				);
			});
		});
		await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", () => resolve()));
		this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
	}

	async stop(): Promise<void> {
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) => this.server?.close(() => resolve()));
	}

	private body(req: IncomingMessage): Promise<string> {
		return new Promise((resolve) => {
			const chunks: Buffer[] = [];
			req.on("data", (c: Buffer) => chunks.push(c));
			req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
		});
	}
}

const llm = new FakeChatServer();
let gw: Gateway;
beforeAll(() => llm.start());
afterAll(() => llm.stop());
beforeEach(async () => {
	gw = await startTestGateway(tempDataDir(), { local: { llm: { baseUrl: llm.baseUrl, apiKey: API_KEY, model: "test-model" } } });
});
afterEach(async () => {
	await gw.stop();
});

async function submit(prompt: string, maxTokens = 200): Promise<string> {
	const res = await postJob(gw, { kind: "llm.text", owner: { type: "product", id: "prd_llm" }, input: { prompt, maxTokens } });
	expect(res.status).toBe(201);
	return ((await res.json()) as { id: string }).id;
}

describe("llm.text through an OpenAI-compatible provider", () => {
	it("sends the prompt, model and max_tokens and stores the answer as text.md", async () => {
		const id = await submit("Name three uses for a tote bag.", 120);
		const job = await waitForStatus(gw, id, ["succeeded", "failed"]);
		expect(job.status).toBe("succeeded");
		expect(job.artifacts[0]).toMatchObject({ name: "text.md", content_type: "text/markdown; charset=utf-8" });
		const text = new TextDecoder().decode(await downloadArtifact(gw, id, "text.md"));
		expect(text).toBe("Answer (test-model, ≤120 tokens): Name three uses for a tote bag.");
		const sent = llm.requests.find((r) => r.messages.at(-1)?.content === "Name three uses for a tote bag.");
		expect(sent).toEqual({ model: "test-model", max_tokens: 120, messages: [{ role: "user", content: "Name three uses for a tote bag." }] });
	});

	it("retries a 5xx and succeeds on the second attempt", async () => {
		const id = await submit("Summarise the return policy. [503-once]");
		const job = await waitForStatus(gw, id, ["succeeded", "failed"]);
		expect(job.status).toBe("succeeded");
		expect(job.attempt).toBe(2);
		const attempts = gw.store.listAttempts(id);
		expect(attempts.map((a) => a.status)).toEqual(["failed", "succeeded"]);
		expect(JSON.parse(attempts[0]?.error_json ?? "{}")).toMatchObject({ code: "LLM_UNAVAILABLE", retryable: true });
	});

	it("fails a 4xx at once, without retrying", async () => {
		const id = await submit("Write a haiku. [400]");
		const job = await waitForStatus(gw, id, ["succeeded", "failed"]);
		expect(job.status).toBe("failed");
		expect(job.attempt).toBe(1);
		expect(job.error).toMatchObject({ code: "LLM_REJECTED", retryable: false });
		expect(job.error?.message).toContain("400");
		expect(job.artifacts).toEqual([]);
	});

	it("retries an answer without content, then fails after the last attempt", async () => {
		const id = await submit("Say nothing. [empty]");
		const job = await waitForStatus(gw, id, ["succeeded", "failed"]);
		expect(job.status).toBe("failed");
		expect(job.attempt).toBe(3);
		expect(job.error).toMatchObject({ code: "LLM_BAD_RESPONSE", retryable: true });
	});

	it("abandons the provider request when the job is canceled", async () => {
		const before = llm.abandoned;
		const id = await submit("Think forever. [hang]");
		await until(() => llm.requests.some((r) => r.messages.at(-1)?.content === "Think forever. [hang]"));
		const res = await fetch(`${gw.url}/v1/jobs/${id}/cancel`, { method: "POST", headers: authHeaders() });
		expect(res.status).toBe(200);
		await until(() => llm.abandoned === before + 1);
		const job = await waitForStatus(gw, id, ["canceled"]);
		expect(job.artifacts).toEqual([]);
	});
});
