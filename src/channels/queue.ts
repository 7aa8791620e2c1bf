import { errorMessage, log } from "../lib/log";
import type { ChannelDeps } from "./deps";
import { CHANNEL_DLQ, ChannelMessage, type ChannelMessageKind } from "./messages";

/**
 * What one kind of channel message does. `run` answers `"done"` (ack) or seconds to wait before
 * it runs again (retry with backoff); `deadLettered` runs when the queue gave up on it, so no
 * failure is silent.
 */
export type ChannelHandler<K extends ChannelMessageKind> = {
	run(deps: ChannelDeps, message: Extract<ChannelMessage, { kind: K }>, attempts: number): Promise<"done" | { retryInSeconds: number }>;
	deadLettered(deps: ChannelDeps, message: Extract<ChannelMessage, { kind: K }>): Promise<void>;
};

export type ChannelHandlers = { [K in ChannelMessageKind]: ChannelHandler<K> };

/** Consumes a batch of CHANNEL_QUEUE (or its dead-letter queue); each message ends in ack() or retry(), never a throw. */
export async function consumeChannelBatch(batch: MessageBatch<unknown>, deps: ChannelDeps, handlers: ChannelHandlers): Promise<void> {
	const deadLetters = batch.queue === CHANNEL_DLQ;
	for (const message of batch.messages) {
		const parsed = ChannelMessage.safeParse(message.body);
		if (!parsed.success) {
			log("error", "malformed channel message dropped", { queue: batch.queue, messageId: message.id });
			message.ack();
			continue;
		}
		const body = parsed.data;
		// The handler of the message's own kind: the union is narrowed by `kind`, which TypeScript cannot follow through the index.
		const handler = handlers[body.kind] as ChannelHandler<ChannelMessageKind> as {
			run(deps: ChannelDeps, message: ChannelMessage, attempts: number): Promise<"done" | { retryInSeconds: number }>;
			deadLettered(deps: ChannelDeps, message: ChannelMessage): Promise<void>;
		};
		try {
			if (deadLetters) {
				await handler.deadLettered(deps, body);
				message.ack();
				continue;
			}
			const outcome = await handler.run(deps, body, message.attempts);
			if (outcome === "done") message.ack();
			else message.retry({ delaySeconds: outcome.retryInSeconds });
		} catch (err) {
			// Bookkeeping failures (D1 or R2 unreachable): let the broker try again, with backoff.
			log("error", "channel message failed", { kind: body.kind, attempts: message.attempts, error: errorMessage(err) });
			message.retry({ delaySeconds: Math.min(300, 5 * 2 ** Math.max(0, message.attempts - 1)) });
		}
	}
}
