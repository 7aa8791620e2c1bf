/** How many styles one artist may have (STYLE_LIMIT_PER_ARTIST, default 1; 1–100). */
export function styleLimitPerArtist(env: { STYLE_LIMIT_PER_ARTIST?: string }): number {
	const parsed = Number.parseInt(env.STYLE_LIMIT_PER_ARTIST ?? "", 10);
	return Number.isInteger(parsed) && parsed >= 1 && parsed <= 100 ? parsed : 1;
}

/** Training needs this many images at least, and accepts this many at most. */
export const MIN_TRAINING_IMAGES = 10;
export const MAX_TRAINING_IMAGES = 100;
