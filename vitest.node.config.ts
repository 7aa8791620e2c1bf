import { defineConfig } from "vitest/config";

/**
 * Node-side tests: they start the real stack (`wrangler dev`) and look at it from outside with
 * standard tools (`unzip -t`, `sha256sum`), the way a buyer's machine would.
 */
export default defineConfig({
	test: {
		include: ["test/node/**/*.test.ts"],
		testTimeout: 120_000,
		hookTimeout: 120_000,
		fileParallelism: false,
	},
});
