import type { D1Migration } from "cloudflare:test";

declare global {
	namespace Cloudflare {
		interface Env {
			/** Test-only: the migrations of migrations/, applied by test/support/apply-migrations.ts. */
			TEST_MIGRATIONS: D1Migration[];
		}
	}
}
