import { AppError } from "../../lib/errors";
import { ChannelCallFailed, ChannelReauthRequired } from "../adapter";
import { PublishImpossible } from "./upload";

/** Attempts before a schedule is `failed` (the issue: retried up to 5 times). */
export const MAX_PUBLISH_ATTEMPTS = 5;

/**
 * Whether a failed publish may succeed later, and the reason in words (the provider's, never a
 * token). Retryable: what the provider marks so (5xx, 429) and network errors (anything not
 * known to be final). Final: a refusal the provider marks final, a channel that must be
 * connected again, a project without a video.
 */
export function classifyPublishError(err: unknown): { retryable: boolean; reason: string } {
	if (err instanceof ChannelCallFailed) return { retryable: err.retryable, reason: err.message };
	if (err instanceof ChannelReauthRequired) return { retryable: false, reason: `the channel must be connected again: ${err.message}` };
	if (err instanceof AppError) return { retryable: false, reason: err.message };
	if (err instanceof PublishImpossible) return { retryable: false, reason: err.message };
	return { retryable: true, reason: err instanceof Error ? err.message : String(err) };
}

/** The wait before attempt `attempts + 1`: base, 2×base, 4×base, … (5, 10, 20, 40 s with base 5). */
export function publishBackoffSeconds(baseSeconds: number, attempts: number): number {
	return baseSeconds * 2 ** (attempts - 1);
}
