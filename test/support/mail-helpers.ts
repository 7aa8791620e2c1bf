import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { consumeMailBatch } from "../../src/commerce/mail/consumer";
import { MAIL_DLQ, MAIL_QUEUE, type MailMessage } from "../../src/commerce/mail/messages";
import type { Mail, Mailer, SendOptions } from "../../src/commerce/mail/types";
import { getDb } from "../../src/db/client";
import { mailOutbox } from "../../src/db/schema";

/** A mail queue that keeps what is sent, so a test decides when (and how often) each message runs. */
export class RecordingMailQueue implements Queue<MailMessage> {
	readonly sent: MailMessage[] = [];
	async send(body: MailMessage): Promise<QueueSendResponse> {
		this.sent.push(body);
		return { metadata: { metrics: { backlogCount: 0, backlogBytes: 0, oldestMessageTimestamp: new Date() } } } as QueueSendResponse;
	}
	async sendBatch(messages: Iterable<MessageSendRequest<MailMessage>>): Promise<QueueSendBatchResponse> {
		for (const message of messages) this.sent.push(message.body);
		return { metadata: { metrics: { backlogCount: 0, backlogBytes: 0, oldestMessageTimestamp: new Date() } } } as QueueSendBatchResponse;
	}
	async metrics(): Promise<QueueMetrics> {
		return { backlogCount: this.sent.length, backlogBytes: 0, oldestMessageTimestamp: new Date() } as QueueMetrics;
	}
	/** Removes and returns everything sent so far. */
	take(): MailMessage[] {
		return this.sent.splice(0, this.sent.length);
	}
}

/** A mailer that fails its first `failures` sends (as a provider that is down), then records what it sends with the options. */
export function flakyMailer(failures: number): Mailer & { sent: { mail: Mail; options: SendOptions }[]; tries: number } {
	const state = {
		name: "flaky",
		sent: [] as { mail: Mail; options: SendOptions }[],
		tries: 0,
		async send(mail: Mail, options: SendOptions = {}) {
			state.tries++;
			if (state.tries <= failures) throw new Error(`provider unavailable (try ${state.tries})`);
			state.sent.push({ mail, options });
			return { id: `prov_${state.tries}` };
		},
	};
	return state;
}

/**
 * Delivers messages to the mail consumer as the broker would (delivery `attempts`, on the mail
 * queue or its dead-letter queue) and returns which it acked and which it retried, with the delay.
 */
export async function deliverMail(
	mailer: Mailer,
	messages: MailMessage[],
	options: { attempts?: number; deadLetter?: boolean; retryBaseSeconds?: number } = {},
) {
	const acked: string[] = [];
	const retried: { id: string; delaySeconds: number | undefined }[] = [];
	const batch: MessageBatch<MailMessage> = {
		queue: options.deadLetter ? MAIL_DLQ : MAIL_QUEUE,
		metadata: { metrics: { backlogCount: 0, backlogBytes: 0, oldestMessageTimestamp: new Date() } },
		messages: messages.map((body, index) => {
			const id = `m${index}-${crypto.randomUUID()}`;
			return {
				id,
				timestamp: new Date(),
				attempts: options.attempts ?? 1,
				body,
				ack: () => acked.push(id),
				retry: (retry?: QueueRetryOptions) => retried.push({ id, delaySeconds: retry?.delaySeconds }),
			};
		}),
		ackAll: () => undefined,
		retryAll: () => undefined,
	};
	await consumeMailBatch(batch, { db: getDb(env.DB), mailer, now: () => new Date(), retryBaseSeconds: options.retryBaseSeconds ?? 30 });
	return { acked, retried };
}

/** The outbox rows of an order, oldest first. */
export async function outboxOf(orderId: string) {
	return getDb(env.DB).query.mailOutbox.findMany({ where: eq(mailOutbox.orderId, orderId), orderBy: (row, { asc }) => asc(row.createdAt) });
}
