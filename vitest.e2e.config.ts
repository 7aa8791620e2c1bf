import { defineConfig } from "vitest/config";

/**
 * Browser tests: Playwright drives Debian's Chromium against `wrangler dev` started by the run.
 * Screenshots land in test/e2e/screenshots/ (not committed) for a person to look at.
 */
export default defineConfig({
	test: {
		include: ["test/e2e/**/*.test.ts"],
		testTimeout: 180_000,
		hookTimeout: 180_000,
		fileParallelism: false,
	},
});
