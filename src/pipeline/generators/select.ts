import type { ProductKind } from "../../shared/product";
import { llmGenerator } from "./llm";
import { templateGenerator } from "./template";
import type { ProductGenerator } from "./types";

type GeneratorEnv = { LLM_BASE_URL?: string; LLM_API_KEY?: string; LLM_MODEL?: string };

/** The LLM generator when an endpoint and key are configured, else the offline templates. */
export function selectGenerator(_kind: ProductKind, env: GeneratorEnv): ProductGenerator {
	if (env.LLM_BASE_URL && env.LLM_API_KEY) {
		return llmGenerator({ baseUrl: env.LLM_BASE_URL, apiKey: env.LLM_API_KEY, model: env.LLM_MODEL || "gpt-4o-mini" });
	}
	return templateGenerator;
}
