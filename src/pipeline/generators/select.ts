import type { Db } from "../../db/client";
import type { ProductKind } from "../../shared/product";
import { llmGenerator } from "./llm";
import { stylePackGenerator } from "./style-pack";
import { templateGenerator } from "./template";
import type { ProductGenerator } from "./types";

type GeneratorEnv = { LLM_BASE_URL?: string; LLM_API_KEY?: string; LLM_MODEL?: string };

/**
 * The generator of a product kind. A `style_pack` is made from its artist's stored generations;
 * a `digital_kit` by the LLM generator when an endpoint and key are configured, else the
 * offline templates.
 */
export function selectGenerator(kind: ProductKind, env: GeneratorEnv, stores?: { db: Db; files: R2Bucket }): ProductGenerator {
	if (kind === "style_pack") {
		if (!stores) throw new Error("the style_pack generator reads D1 and R2: pass the stores");
		return stylePackGenerator(stores);
	}
	if (env.LLM_BASE_URL && env.LLM_API_KEY) {
		return llmGenerator({ baseUrl: env.LLM_BASE_URL, apiKey: env.LLM_API_KEY, model: env.LLM_MODEL || "gpt-4o-mini" });
	}
	return templateGenerator;
}
