/** Pipeline settings read from the environment, with the documented defaults. */
export type PipelineConfig = {
	/** Minimum overall score (0-100) a gate needs. */
	qaThreshold: number;
	/** Extra generations QA1 may ask for after the first one fails. */
	maxRegenerations: number;
	/** Base delay in seconds of a stage retry after it threw; doubled per delivery. */
	retryBaseSeconds: number;
};

function intSetting(value: string | undefined, fallback: number, min: number, max: number): number {
	const parsed = Number.parseInt(value ?? "", 10);
	return Number.isFinite(parsed) && parsed >= min && parsed <= max ? parsed : fallback;
}

/** Reads the pipeline settings; a missing or out-of-range value falls back to its default. */
export function pipelineConfig(env: Partial<Record<"QA_THRESHOLD" | "QA1_MAX_REGENERATIONS" | "STAGE_RETRY_BASE_SECONDS", string>>): PipelineConfig {
	return {
		qaThreshold: intSetting(env.QA_THRESHOLD, 80, 0, 100),
		maxRegenerations: intSetting(env.QA1_MAX_REGENERATIONS, 2, 0, 10),
		retryBaseSeconds: intSetting(env.STAGE_RETRY_BASE_SECONDS, 5, 0, 3600),
	};
}
