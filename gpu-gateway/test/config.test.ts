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

	it("reads an environment fault and the kinds it applies to, refusing malformed values by name", () => {
		expect(configFromEnv({ GPU_GATEWAY_SECRET: SECRET }).local?.fault).toBeUndefined();
		const config = configFromEnv({ GPU_GATEWAY_SECRET: SECRET, GPU_GATEWAY_FAULT: '{"failTimes":2}', GPU_GATEWAY_FAULT_KINDS: "image.generate, lora.train" });
		expect(config.local?.fault).toEqual({ fault: { failTimes: 2 }, kinds: ["image.generate", "lora.train"] });
		expect(configFromEnv({ GPU_GATEWAY_SECRET: SECRET, GPU_GATEWAY_FAULT: '{"hang":true}' }).local?.fault).toEqual({ fault: { hang: true }, kinds: undefined });
		expect(() => configFromEnv({ GPU_GATEWAY_SECRET: SECRET, GPU_GATEWAY_FAULT: "failTimes=2" })).toThrow(/GPU_GATEWAY_FAULT must be JSON/);
		expect(() => configFromEnv({ GPU_GATEWAY_SECRET: SECRET, GPU_GATEWAY_FAULT: '{"failTimes":99}' })).toThrow(/GPU_GATEWAY_FAULT: failTimes/);
		expect(() => configFromEnv({ GPU_GATEWAY_SECRET: SECRET, GPU_GATEWAY_FAULT: '{"explode":true}' })).toThrow(/GPU_GATEWAY_FAULT/);
		expect(() => configFromEnv({ GPU_GATEWAY_SECRET: SECRET, GPU_GATEWAY_FAULT: "{}", GPU_GATEWAY_FAULT_KINDS: "video.render" })).toThrow(
			/GPU_GATEWAY_FAULT_KINDS: unknown kind video.render/,
		);
	});
});
