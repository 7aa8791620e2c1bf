import { describe, expect, it } from "vitest";
import { configFromEnv } from "../src/config.ts";

const SECRET = "s".repeat(32);

describe("configFromEnv", () => {
	it("leaves llm.text on the offline template and private inputs refused by default", () => {
		const config = configFromEnv({ GPU_GATEWAY_SECRET: SECRET });
		expect(config.local?.llm).toBeUndefined();
		expect(config.allowPrivateInputs).toBe(false);
	});

	it("reads the LLM provider and the private-inputs switch", () => {
		const config = configFromEnv({
			GPU_GATEWAY_SECRET: SECRET,
			LLM_BASE_URL: "http://127.0.0.1:11434/v1",
			LLM_API_KEY: "sk-local",
			LLM_MODEL: "llama3",
			GPU_GATEWAY_ALLOW_PRIVATE_INPUTS: "1",
		});
		expect(config.local?.llm).toEqual({ baseUrl: "http://127.0.0.1:11434/v1", apiKey: "sk-local", model: "llama3" });
		expect(config.allowPrivateInputs).toBe(true);
		expect(configFromEnv({ GPU_GATEWAY_SECRET: SECRET, LLM_BASE_URL: "https://api.example/v1" }).local?.llm).toEqual({
			baseUrl: "https://api.example/v1",
			apiKey: undefined,
			model: "gpt-4o-mini",
		});
		// Only "1" opens it: "true", "yes" or "0" keep the guard.
		expect(configFromEnv({ GPU_GATEWAY_SECRET: SECRET, GPU_GATEWAY_ALLOW_PRIVATE_INPUTS: "true" }).allowPrivateInputs).toBe(false);
	});
});
