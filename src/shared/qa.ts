/** The four dimensions every QA report scores, 0-100 each. */
export type QaDimension = "functional" | "structural" | "technical" | "productization";

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
	created_at: string;
};
