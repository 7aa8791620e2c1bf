import { errorMessage, log } from "../lib/log";
import type { PortraitDeps } from "./deps";
import { PORTRAIT_DLQ, PortraitMessage, type PortraitMessageKind } from "./messages";

/**
 * What one kind of portrait message does. `run` returns `"done"` (ack) or a number of seconds
 * to wait before the message runs again (retry with backoff); `deadLettered` runs when the
 * queue gave up on it (its max_retries spent), so no failure is silent.
 */
export type PortraitHandler = {
	run(deps: PortraitDeps, jobId: string, attempts: number): Promise<"done" | { retryInSeconds: number }>;
	deadLettered(deps: PortraitDeps, jobId: string): Promise<void>;
};

export type PortraitHandlers = Record<PortraitMessageKind, PortraitHandler>;

/**
 * Consumes a batch of PORTRAIT_QUEUE (or its dead-letter queue). Each message ends in ack() or
 * retry(), never a throw, so one job's failure never redelivers another's finished work.
 */
export async function consumePortraitBatch(batch: MessageBatch<unknown>, deps: PortraitDeps, handlers: PortraitHandlers): Promise<void> {
	const deadLetters = batch.queue === PORTRAIT_DLQ;
	for (const message of batch.messages) {
		const parsed = PortraitMessage.safeParse(message.body);
		if (!parsed.success) {
			log("error", "malformed portrait message dropped", { queue: batch.queue, messageId: message.id });
			message.ack();
			continue;
		}
		const body = parsed.data;
		const handler = handlers[body.kind];
		try {
			if (deadLetters) {
				await handler.deadLettered(deps, body.jobId);
				message.ack();
				continue;
			}
			const outcome = await handler.run(deps, body.jobId, message.attempts);
			if (outcome === "done") message.ack();
			else message.retry({ delaySeconds: outcome.retryInSeconds });
		} catch (err) {
			// Bookkeeping failures (D1 or R2 unreachable): let the broker try again, with backoff.
			log("error", "portrait message failed", { kind: body.kind, jobId: body.jobId, attempts: message.attempts, error: errorMessage(err) });
			message.retry({ delaySeconds: Math.min(300, 5 * 2 ** Math.max(0, message.attempts - 1)) });
		}
	}
}
