import type { D1Migration } from "cloudflare:test";

declare global {
	namespace Cloudflare {
		interface Env {
			/** Test-only: the migrations of migrations/, applied by test/apply-migrations.ts. */
			TEST_MIGRATIONS: D1Migration[];
		}
	}
}

declare module "vitest" {
	export interface ProvidedContext {
		/** Base URL of the fake OpenAI-compatible server (test/fakes/llm-server.ts). */
		llmUrl: string;
	}
}
