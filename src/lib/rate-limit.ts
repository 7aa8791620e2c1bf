import type { RateLimiterNamespace } from "../shared/rate-limit";
import { AppError } from "./errors";

/** A named limit: `limit` attempts per `windowMs`. */
export type RateLimit = { name: string; limit: number; windowMs: number };

/**
 * Counts one attempt for `key` in its RATE_LIMITER object and refuses it with
 * `429 RATE_LIMITED` and `Retry-After` once the window's limit is spent.
 */
export async function enforceRateLimit(limiter: RateLimiterNamespace, key: string, rule: RateLimit, now: number): Promise<void> {
	const verdict = await limiter.getByName(key).hit(rule.name, rule.limit, rule.windowMs, now);
	if (!verdict.allowed) throw rateLimited(verdict.retryAfterSeconds);
}

/** `429 RATE_LIMITED` with its `Retry-After`. */
export function rateLimited(retryAfterSeconds: number): AppError {
	return new AppError(429, "RATE_LIMITED", `Too many requests; try again in ${retryAfterSeconds} s.`, { "Retry-After": String(retryAfterSeconds) });
}
