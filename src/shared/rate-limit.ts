/** The verdict of one rate-limited attempt, as the RATE_LIMITER Durable Object returns it. */
export type RateVerdict = { allowed: boolean; remaining: number; retryAfterSeconds: number };

/**
 * The part of the RATE_LIMITER binding that counting uses: one object per key, whose `hit`
 * counts an attempt. Structural, so code below the Durable Objects need not import their class.
 */
export type RateLimiterNamespace = {
	getByName(key: string): {
		hit(name: string, limit: number, windowMs: number, now: number): Promise<RateVerdict>;
		/** Whether one more attempt would be allowed, without counting it (limits on failures ask this before accepting a success). */
		peek(name: string, limit: number, windowMs: number, now: number): Promise<RateVerdict>;
	};
};
