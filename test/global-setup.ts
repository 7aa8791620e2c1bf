import type { TestProject } from "vitest/node";
import { startFakeLlm } from "./fakes/llm-server.ts";

/** Starts the local fakes of outside services once for the whole run. */
export default async function setup(project: TestProject) {
	const llm = await startFakeLlm();
	project.provide("llmUrl", llm.url);
	return async () => {
		await llm.close();
	};
}
