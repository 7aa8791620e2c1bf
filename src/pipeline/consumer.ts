import { errorMessage, log } from "../lib/log";
import { recordDeadLetter } from "./dead-letter";
import type { PipelineDeps } from "./deps";
import { FactoryMessage } from "./messages";
import { runStageMessage } from "./run-stage";

/** Queue names from wrangler.toml; the consumer tells the pipeline from its dead letters by name. */
export const PIPELINE_QUEUE = "edge-factory-pipeline";
export const PIPELINE_DLQ = "edge-factory-pipeline-dlq";

/**
 * Consumes a batch of FACTORY_QUEUE (or its dead-letter queue). Each message is handled alone
 * and ends in ack() or retry(), never a throw: a throwing handler would make the broker
 * redeliver the whole batch, finished messages included.
 */
export async function consumeFactoryBatch(batch: MessageBatch<unknown>, deps: PipelineDeps): Promise<void> {
	const deadLetters = batch.queue === PIPELINE_DLQ;
	for (const message of batch.messages) {
		const parsed = FactoryMessage.safeParse(message.body);
		if (!parsed.success) {
			log("error", "malformed pipeline message dropped", { queue: batch.queue, messageId: message.id, error: parsed.error.message });
			message.ack();
			continue;
		}
		const msg = parsed.data;
		try {
			if (deadLetters) {
				const recorded = await recordDeadLetter(deps, msg, message.attempts);
				log(recorded ? "error" : "info", recorded ? "stage dead-lettered" : "dead letter already recorded", { ...msg });
				message.ack();
				continue;
			}
			const disposition = await runStageMessage(deps, msg, message.attempts);
			if (disposition.action === "ack") message.ack();
			else message.retry({ delaySeconds: disposition.delaySeconds });
		} catch (err) {
			// Only bookkeeping failures land here (D1 unreachable): let the broker try again.
			log("error", "pipeline message failed", { ...msg, queue: batch.queue, error: errorMessage(err) });
			message.retry({ delaySeconds: deps.config.retryBaseSeconds });
		}
	}
}
