import type { PipelineStep } from "../../shared/video";
import type { QaCheckName } from "./step-qa";

/**
 * The i18n keys of the pipeline's words (`video:pipeline.*`), for the project page: a step's
 * name, a QA check's name, and what a failed run's error code means.
 */
export function stepLabelKey(step: PipelineStep) {
	return `video:pipeline.steps.${step}` as const;
}

export function qaCheckLabelKey(check: QaCheckName) {
	return `video:pipeline.qa.${check}` as const;
}

const KNOWN_ERRORS = ["QA_FAILED", "GATEWAY_UNAVAILABLE", "RUN_STALE", "JOB_EXPIRED", "JOB_CANCELED"] as const;

/** A run error's message key; codes without their own words use `other` (with `{{code}}`). */
export function runErrorKey(code: string) {
	const known = (KNOWN_ERRORS as readonly string[]).includes(code) ? (code as (typeof KNOWN_ERRORS)[number]) : "other";
	return `video:pipeline.errors.${known}` as const;
}
