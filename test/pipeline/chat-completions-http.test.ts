import { describe, expect, inject, it } from "vitest";
import { outsideHttp } from "../../src/lib/outside-http";
import { askForJson } from "../../src/pipeline/chat-completions";

/** A client over the real fetch (to the fake LLM) that records each attempt; sleeps are recorded, not waited. */
function recordingHttp() {
	const attempts: string[] = [];
	const delays: number[] = [];
	const http = outsideHttp({
		fetch: async (input, init) => {
			attempts.push(`${init?.method ?? "GET"} ${new URL(String(input)).pathname}`);
			return fetch(input, init);
		},
		sleep: async (ms) => {
			delays.push(ms);
		},
	});
	return { http, attempts, delays };
}

const settings = () => ({ baseUrl: inject("llmUrl"), apiKey: "sk-fake-llm-key", model: "gpt-test" });
const prompt = (topic: string) => ({ system: "Write a kit.", user: `Topic: ${topic}\nLanguage: en`, temperature: 0 });

describe("askForJson over the outside HTTP client", () => {
	it("sends the completion once when the endpoint answers 503: a POST without a key is never repeated", async () => {
		const { http, attempts, delays } = recordingHttp();
		await expect(askForJson(http, settings(), prompt("llm-down topic"), "LLM endpoint")).rejects.toThrow("LLM endpoint answered 503");
		expect(attempts).toEqual(["POST /v1/chat/completions"]);
		expect(delays).toEqual([]);
	});

	it("answers the model's JSON in one attempt", async () => {
		const { http, attempts } = recordingHttp();
		const answer = await askForJson(http, settings(), prompt("urban beekeeping"), "LLM endpoint");
		expect(answer.model).toBe("gpt-test");
		expect(answer.json).not.toBeNull();
		expect(attempts).toHaveLength(1);
	});
});
