import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { mailOutbox, orders } from "../../db/schema";
import { errorMessage, log } from "../../lib/log";
import { MAIL_DLQ, MailMessage } from "./messages";
import type { Mailer } from "./types";

/** What sending the outbox needs. `retryBaseSeconds`: the first retry's delay, doubled per attempt. */
export type MailConsumerDeps = { db: Db; mailer: Mailer; now: () => Date; retryBaseSeconds: number };

/** The first retry comes after 30 s, doubling to at most an hour: with max_retries = 8 a mail is tried for about 2 h, well inside the providers' 24 h idempotency window. */
export const MAIL_RETRY_BASE_SECONDS = 30;
const MAX_RETRY_DELAY_SECONDS = 3600;

/** The delay before the next try of a message already tried `attempts` times. */
export function mailRetryDelay(attempts: number, baseSeconds: number): number {
	return Math.min(MAX_RETRY_DELAY_SECONDS, baseSeconds * 2 ** Math.max(0, attempts - 1));
}

/** What one try of an outbox row came to. */
export type MailSendOutcome = "sent" | "already_done" | "unknown_mail" | "failed";

/**
 * Tries to send one outbox row under its idempotency key. A row not `queued` any more (sent, or
 * dead) is not sent again. Accepted: `sent`, the body (it carries an order key) is dropped, and a
 * receipt stamps its order's `receipt_sent_at`. Refused or unreachable: the error is recorded on
 * the row and the caller retries. A crash between the provider's acceptance and the `sent` mark
 * redelivers the message, and the provider answers the same key from its first send.
 */
export async function sendOutboxMail(deps: Omit<MailConsumerDeps, "retryBaseSeconds">, mailId: string): Promise<MailSendOutcome> {
	const [row] = await deps.db
		.update(mailOutbox)
		.set({ attempts: sql`${mailOutbox.attempts} + 1`, updatedAt: deps.now().toISOString() })
		.where(and(eq(mailOutbox.id, mailId), eq(mailOutbox.status, "queued")))
		.returning();
	if (!row) return (await deps.db.query.mailOutbox.findFirst({ columns: { id: true }, where: eq(mailOutbox.id, mailId) })) ? "already_done" : "unknown_mail";
	let providerId: string;
	try {
		({ id: providerId } = await deps.mailer.send(
			{ to: row.toAddress, subject: row.subject, text: row.textBody ?? "", html: row.htmlBody ?? "" },
			{ idempotencyKey: row.idempotencyKey },
		));
	} catch (err) {
		const error = errorMessage(err).slice(0, 500);
		log("warn", "mail not sent; retrying", { mailId, kind: row.kind, orderId: row.orderId, attempts: row.attempts, error });
		await deps.db.update(mailOutbox).set({ lastError: error }).where(eq(mailOutbox.id, mailId));
		return "failed";
	}
	const now = deps.now().toISOString();
	const markSent = deps.db
		.update(mailOutbox)
		.set({ status: "sent", sentAt: now, updatedAt: now, providerId, textBody: null, htmlBody: null })
		.where(and(eq(mailOutbox.id, mailId), eq(mailOutbox.status, "queued")));
	if (row.kind === "receipt" && row.orderId) {
		await deps.db.batch([
			markSent,
			deps.db
				.update(orders)
				.set({ receiptSentAt: now })
				.where(and(eq(orders.id, row.orderId), isNull(orders.receiptSentAt))),
		]);
	} else {
		await markSent;
	}
	log("info", "mail sent", { mailId, kind: row.kind, orderId: row.orderId, attempts: row.attempts, providerId });
	return "sent";
}

/** The dead-letter queue's side: the mail's retries are spent; it is marked `dead` (shown on the admin's order page) and its body dropped. */
async function markDead(db: Db, mailId: string, now: Date): Promise<boolean> {
	const moved = await db
		.update(mailOutbox)
		.set({ status: "dead", updatedAt: now.toISOString(), textBody: null, htmlBody: null })
		.where(and(eq(mailOutbox.id, mailId), eq(mailOutbox.status, "queued")))
		.returning({ id: mailOutbox.id, orderId: mailOutbox.orderId, lastError: mailOutbox.lastError });
	const [dead] = moved;
	if (dead) log("error", "mail dead-lettered", { mailId, orderId: dead.orderId, lastError: dead.lastError });
	return moved.length > 0;
}

/**
 * Consumes a batch of MAIL_QUEUE (or its dead-letter queue). Each message ends in ack() or
 * retry(), never a throw: a throwing handler would make the broker redeliver the whole batch,
 * mails already sent included. A failed send is retried with exponential backoff; once the
 * queue's max_retries are spent the broker moves the message to the dead-letter queue.
 */
export async function consumeMailBatch(batch: MessageBatch<unknown>, deps: MailConsumerDeps): Promise<void> {
	const deadLetters = batch.queue === MAIL_DLQ;
	for (const message of batch.messages) {
		const parsed = MailMessage.safeParse(message.body);
		if (!parsed.success) {
			log("error", "malformed mail message dropped", { queue: batch.queue, messageId: message.id, error: parsed.error.message });
			message.ack();
			continue;
		}
		const { mailId } = parsed.data;
		try {
			if (deadLetters) {
				await markDead(deps.db, mailId, deps.now());
				message.ack();
				continue;
			}
			const outcome = await sendOutboxMail(deps, mailId);
			if (outcome === "failed") message.retry({ delaySeconds: mailRetryDelay(message.attempts, deps.retryBaseSeconds) });
			else message.ack();
		} catch (err) {
			// Only bookkeeping failures land here (D1 unreachable): let the broker try again.
			log("error", "mail message failed", { mailId, queue: batch.queue, error: errorMessage(err) });
			message.retry({ delaySeconds: mailRetryDelay(message.attempts, deps.retryBaseSeconds) });
		}
	}
}
