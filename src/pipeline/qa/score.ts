import type { QaCheck, QaDimension } from "../../shared/qa";

export const DIMENSIONS: readonly QaDimension[] = ["functional", "structural", "technical", "productization", "content_fit"];

/** A gate's verdict computed from its checks. */
export type QaVerdict = {
	passed: boolean;
	score: number;
	dimensions: Record<QaDimension, number>;
	checks: QaCheck[];
};

/**
 * Scores checks per dimension (share of passed checks, 0-100), the overall score as their
 * mean, and passes only when every required check passed, the score meets the threshold and
 * `content_fit` meets it on its own (a product about the wrong thing fails however polished).
 * A dimension with no checks scores 100: there was nothing in it to get wrong.
 */
export function scoreChecks(checks: QaCheck[], threshold: number): QaVerdict {
	const dimensions = Object.fromEntries(
		DIMENSIONS.map((dimension) => {
			const inDimension = checks.filter((check) => check.dimension === dimension);
			const passed = inDimension.filter((check) => check.passed).length;
			return [dimension, inDimension.length === 0 ? 100 : Math.round((100 * passed) / inDimension.length)];
		}),
	) as Record<QaDimension, number>;
	const score = Math.round(DIMENSIONS.reduce((sum, dimension) => sum + dimensions[dimension], 0) / DIMENSIONS.length);
	const requiredPassed = checks.every((check) => check.passed || !check.required);
	return { passed: requiredPassed && score >= threshold && dimensions.content_fit >= threshold, score, dimensions, checks };
}

/** A one-line summary of what failed, for stage runs and the product's last error. */
export function failureSummary(verdict: QaVerdict, threshold: number): string {
	const failed = verdict.checks.filter((check) => !check.passed).map((check) => `${check.name} (${check.detail})`);
	const scoreNote = verdict.score < threshold ? `score ${verdict.score} below ${threshold}` : `score ${verdict.score}`;
	const contentNote = verdict.dimensions.content_fit < threshold ? [`content_fit ${verdict.dimensions.content_fit} below ${threshold}`] : [];
	return [scoreNote, ...contentNote, ...failed].join("; ");
}

/** Shorthand to build a check. */
export function check(name: string, dimension: QaDimension, passed: boolean, detail: string, required = false): QaCheck {
	return { name, dimension, passed, required, detail };
}
