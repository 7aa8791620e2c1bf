import { vi } from "vitest";

/**
 * Runs `body` with `Date` standing still. The rate limiter counts in fixed windows of wall-clock
 * time, so a test that makes a limit's worth of requests would see the count restart if a
 * window boundary passed mid-test (as it does on a slow CI machine). The Worker under test runs
 * in the test's isolate, so its `Date.now()` stands still too; timers and I/O run as usual.
 */
export async function inOneRateWindow<T>(body: () => Promise<T>): Promise<T> {
	vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
	try {
		return await body();
	} finally {
		vi.useRealTimers();
	}
}
