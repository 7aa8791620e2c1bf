/**
 * Cafe24's call limit, per mall: a leaky bucket (40 calls deep by default, draining about two
 * calls a second) that every Admin API answer reports as `X-Api-Call-Limit: used/max`. Rather
 * than run into its 429, the adapter waits before a call once the last reading, less what has
 * drained since, leaves fewer than {@link CALL_LIMIT_HEADROOM} free places.
 */

/** Calls a second the bucket drains (Cafe24 documents 2). */
export const CALL_LIMIT_DRAIN_PER_SECOND = 2;
/** Free places kept for other workers of the same mall, which share the bucket. */
export const CALL_LIMIT_HEADROOM = 2;

export type Reading = { used: number; max: number; at: number };

/** `used/max` from the header, or null when it is absent or malformed. */
export function parseCallLimit(header: string | null): { used: number; max: number } | null {
	const match = header?.trim().match(/^(\d+)\/(\d+)$/);
	if (!match) return null;
	const used = Number(match[1]);
	const max = Number(match[2]);
	return max > 0 ? { used, max } : null;
}

/** The bucket of every mall called from this isolate, and the wait before the next call. */
export type CallLimiter = {
	/** Waits, when the mall's bucket is nearly full, until enough has drained. */
	beforeCall(mallId: string): Promise<void>;
	/** Records the bucket a response reported. */
	afterCall(mallId: string, header: string | null): void;
};

/**
 * The readings of this isolate: adapters are built per request or queue batch, and a mall's
 * bucket outlives them, so the last reading is kept for the isolate's life (one per mall).
 */
const isolateReadings = new Map<string, Reading>();

export function callLimiter(now: () => number, sleep: (ms: number) => Promise<void>, readings: Map<string, Reading> = isolateReadings): CallLimiter {
	const estimate = (reading: Reading, at: number) => Math.max(0, reading.used - ((at - reading.at) / 1000) * CALL_LIMIT_DRAIN_PER_SECOND);
	return {
		async beforeCall(mallId) {
			const reading = readings.get(mallId);
			if (!reading) return;
			const at = now();
			const used = estimate(reading, at);
			const ceiling = reading.max - CALL_LIMIT_HEADROOM;
			if (used < ceiling) return;
			// Wait until one place below the ceiling is free again.
			const waitMs = Math.ceil(((used - ceiling + 1) / CALL_LIMIT_DRAIN_PER_SECOND) * 1000);
			await sleep(waitMs);
			// The wait drained the bucket whether or not the clock shows it (a test's sleep does not move it).
			readings.set(mallId, { used: Math.max(0, used - (waitMs / 1000) * CALL_LIMIT_DRAIN_PER_SECOND), max: reading.max, at: now() });
		},
		afterCall(mallId, header) {
			const limit = parseCallLimit(header);
			if (limit) readings.set(mallId, { ...limit, at: now() });
		},
	};
}
