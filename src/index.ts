export { DownloadGrant } from "../durable-objects/download-grant";
export { JobProgress } from "../durable-objects/job-progress";
export { RateLimiter } from "../durable-objects/rate-limiter";

import { app } from "./app";
import { consumeFactoryBatch } from "./pipeline/consumer";
import { runSweeps, SWEEPS } from "./scheduled";
import { type AppDeps, buildDeps, configOf } from "./wiring";

/** The dependencies of a queue batch or cron run; a broken configuration fails it (and is logged by name). */
async function entryDeps(env: Env): Promise<AppDeps> {
	const config = configOf(env);
	if (!config.ok) throw new Error(`configuration invalid: ${config.problems.map((problem) => problem.variable).join(", ")}`);
	return buildDeps(env, config.config, { fetchApp: async (request) => app.fetch(request, env) });
}

export default {
	fetch: app.fetch,
	async queue(batch, env) {
		await consumeFactoryBatch(batch, (await entryDeps(env)).pipeline);
	},
	async scheduled(controller, env) {
		await runSweeps(SWEEPS, await entryDeps(env), controller.cron);
	},
} satisfies ExportedHandler<Env, unknown>;
