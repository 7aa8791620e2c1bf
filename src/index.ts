export { DownloadGrant } from "../durable-objects/download-grant";
export { JobProgress } from "../durable-objects/job-progress";
export { RateLimiter } from "../durable-objects/rate-limiter";

import { app } from "./app";
import { CHANNEL_HANDLERS } from "./channels/handlers";
import { CHANNEL_DLQ, CHANNEL_QUEUE } from "./channels/messages";
import { consumeChannelBatch } from "./channels/queue";
import { consumeMailBatch, MAIL_RETRY_BASE_SECONDS } from "./commerce/mail/consumer";
import { MAIL_DLQ, MAIL_QUEUE } from "./commerce/mail/messages";
import { consumeFactoryBatch } from "./pipeline/consumer";
import { PORTRAIT_HANDLERS } from "./portraits/handlers";
import { PORTRAIT_DLQ, PORTRAIT_QUEUE } from "./portraits/messages";
import { consumePortraitBatch } from "./portraits/queue";
import { runSweeps, sweepsOf } from "./scheduled";
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
		const deps = await entryDeps(env);
		// One message type per queue: mail, portraits and channels (and their dead letters) by name, the rest is the pipeline's.
		if (batch.queue === MAIL_QUEUE || batch.queue === MAIL_DLQ) {
			await consumeMailBatch(batch, { db: deps.db, mailer: deps.mailer, now: deps.now, retryBaseSeconds: MAIL_RETRY_BASE_SECONDS });
			return;
		}
		if (batch.queue === PORTRAIT_QUEUE || batch.queue === PORTRAIT_DLQ) {
			await consumePortraitBatch(batch, deps.portraits, PORTRAIT_HANDLERS);
			return;
		}
		if (batch.queue === CHANNEL_QUEUE || batch.queue === CHANNEL_DLQ) {
			await consumeChannelBatch(batch, deps.channels, CHANNEL_HANDLERS);
			return;
		}
		await consumeFactoryBatch(batch, deps.pipeline);
	},
	async scheduled(controller, env) {
		await runSweeps(sweepsOf(controller.cron), await entryDeps(env), controller.cron);
	},
} satisfies ExportedHandler<Env, unknown>;
