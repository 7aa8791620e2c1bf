import type { AppConfig } from "../config/settings";
import { llmGenerator } from "./generators/llm";
import { templateGenerator } from "./generators/template";
import { LANDING_PAGE_PACKAGE, type ProductKindDefinition } from "./kinds";
import { primaryLanguage } from "./languages";
import { qa1Checks } from "./qa/qa1-checks";

/**
 * The `digital_kit` line: a landing page, guides and assets written by the LLM generator when an
 * endpoint is configured, else by the offline templates; QA1 reads the landing page and content.
 */
export function digitalKitKind(llm: AppConfig["llm"]): ProductKindDefinition {
	const generator = llm ? llmGenerator(llm) : templateGenerator;
	return {
		kind: "digital_kit",
		generator: () => generator,
		qa1: (_deps, product, files) => qa1Checks(files, product.topic, primaryLanguage(product.languages)),
		packageEntries: LANDING_PAGE_PACKAGE,
	};
}
