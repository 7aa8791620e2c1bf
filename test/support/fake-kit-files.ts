import { renderLlmKit } from "../../src/pipeline/generators/llm-kit-render";
import { fakeKit } from "./fakes/llm-product";

const decoder = new TextDecoder();

/**
 * The files the LLM generator renders from the fake model's answer for `topic`, as text, for
 * tests that drive QA1 without the HTTP fake. The model can no longer write links or images
 * (the renderers do), so two flaws are applied to the rendered page here, by topic marker:
 * "broken-link" links a missing page, "missing-asset" references a missing image.
 */
export function fakeKitProduct(topic: string, language: "en" | "ko" = "en") {
	const product = renderLlmKit(
		fakeKit(topic, language),
		{ productId: "prd_fake", kind: "digital_kit", topic, title: `${topic} kit`, language, generation: 1, feedback: [] },
		"llm:fake",
	);
	const flaws = [
		topic.includes("broken-link") ? `<p><a href="pricing.html">Pricing</a></p>` : "",
		topic.includes("missing-asset") ? `<img src="assets/missing.png" alt="missing">` : "",
	].join("");
	return {
		description: product.description,
		files: product.files.map((file) => {
			const content = decoder.decode(file.body);
			return { path: file.path, content: file.path === "index.html" && flaws ? content.replace("</main>", `${flaws}</main>`) : content };
		}),
	};
}
