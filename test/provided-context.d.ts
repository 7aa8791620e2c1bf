// Values the global setup (Node) hands to the tests (workerd) through vitest's provide/inject.
declare module "vitest" {
	export interface ProvidedContext {
		/** Base URL of the fake OpenAI-compatible server (test/fakes/llm-server.ts). */
		llmUrl: string;
	}
}

export {};
