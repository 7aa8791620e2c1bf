/** Pipeline settings (QA_THRESHOLD, QA1_MAX_REGENERATIONS, STAGE_RETRY_BASE_SECONDS), parsed in src/config/settings.ts. */
export type PipelineConfig = {
	/** Minimum overall score (0-100) a gate needs. */
	qaThreshold: number;
	/** Extra generations QA1 may ask for after the first one fails. */
	maxRegenerations: number;
	/** Base delay in seconds of a stage retry after it threw; doubled per delivery. */
	retryBaseSeconds: number;
};
