export { DownloadGrant } from "../durable-objects/download-grant";
export { JobProgress } from "../durable-objects/job-progress";
export { RateLimiter } from "../durable-objects/rate-limiter";

import { app } from "./app";
import { expireUnpaidOrders } from "./commerce/expire-orders";
import { failOverdueGenerations, sweepQueuedGenerations } from "./generation/sweep";
import { gpuGatewayFromEnv } from "./gpu/client";
import { reconcileGpuJobs } from "./gpu/reconcile";
import { gpuSubmitDepsFromEnv } from "./gpu/submit";
import { errorMessage, log } from "./lib/log";
import { consumeFactoryBatch } from "./pipeline/consumer";
import { pipelineDeps } from "./pipeline/deps";
import { resendStalledStages } from "./pipeline/reconcile";

export default {
	fetch: app.fetch,
	async queue(batch, env) {
		await consumeFactoryBatch(batch, pipelineDeps(env));
	},
	async scheduled(controller, env) {
		try {
			const deps = pipelineDeps(env);
			await resendStalledStages(deps);
			await expireUnpaidOrders(deps.db, deps.now());
			await reconcileGpuJobs({ db: deps.db, files: env.FILES, gateway: gpuGatewayFromEnv(env, deps.db), progress: env.JOB_PROGRESS }, deps.now());
			await sweepQueuedGenerations({ db: deps.db, gpu: gpuSubmitDepsFromEnv(env, deps.db), now: deps.now });
			await failOverdueGenerations({ db: deps.db, files: env.FILES, now: deps.now });
		} catch (err) {
			log("error", "scheduled sweep failed", { cron: controller.cron, error: errorMessage(err) });
			throw err;
		}
	},
} satisfies ExportedHandler<Env, unknown>;
