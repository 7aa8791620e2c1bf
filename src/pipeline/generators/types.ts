import type { Locale } from "../../shared/locale";
import type { ProductKind } from "../../shared/product";

/** One file a generator produced, at a relative path inside the product. */
export type GeneratedFile = {
	path: string;
	body: Uint8Array;
	contentType: string;
};

/** What a generator returns for one product version. */
export type GeneratedProduct = {
	/** One or two sentences for the storefront. */
	description: string;
	files: GeneratedFile[];
	/**
	 * Who wrote the words: "template" or "llm:<model>". Recorded per product version and in the
	 * package's manifest; when absent, the generator's name stands for it.
	 */
	writer?: string;
};

/** What a generator is asked for. */
export type GenerateInput = {
	productId: string;
	kind: ProductKind;
	topic: string;
	/** The product's unique title, decided when it was created. */
	title: string;
	/** The language every text of this version is written in. */
	language: Locale;
	/** 1 for the first generation; QA1 asks for more when a generation fails. */
	generation: number;
	/** Failed checks of the previous generation's QA1 report, so a generator can do better. */
	feedback: string[];
};

/**
 * Makes the files of a product. A `digital_kit` must contain:
 * - `index.html`: a landing page with elements marked `data-section="hero"`, `"features"`,
 *   `"cta"` and `"faq"`, linking only files that exist in the product (CSS, images);
 * - at least two content files (Markdown or text), `README.md` and `LICENSE.md`.
 */
export interface ProductGenerator {
	readonly name: string;
	generate(input: GenerateInput): Promise<GeneratedProduct>;
}
