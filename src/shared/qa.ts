/**
 * The five dimensions every QA report scores, 0-100 each. `content_fit` reads what the product
 * says (topic, domain, length, distinctness, the LLM judge); a gate without such checks scores it 100.
 */
export type QaDimension = "functional" | "structural" | "technical" | "productization" | "content_fit";

/** One check of a gate. A failing `required` check fails the gate whatever the score. */
export type QaCheck = {
	name: string;
	dimension: QaDimension;
	passed: boolean;
	required: boolean;
	detail: string;
};

/** A gate's report as the API shows it. */
export type QaReportView = {
	stage: 1 | 2;
	attempt: number;
	passed: boolean;
	score: number;
	dimensions: Record<QaDimension, number>;
	checks: QaCheck[];
	/** The LLM judge's answers per language (QA1 with an LLM configured), or null. */
	judge: unknown | null;
	created_at: string;
};
