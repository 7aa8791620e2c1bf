import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db/client";
import { mailOutbox } from "../../db/schema";
import { newId } from "../../lib/ids";
import { errorMessage, log } from "../../lib/log";
import type { MailMessage } from "./messages";
import type { Mail } from "./types";

/** What queueing a mail needs: the ledger and the mail queue. */
export type OutboxDeps = { db: Db; mailQueue: Queue<MailMessage>; now: () => Date };

/** A mail to put in the outbox: what it is for, and (for a once-only mail) its dedupe key. */
export type OutboxEntry = { kind: "receipt" | "reissue"; orderId: string | null; dedupeKey: string | null; mail: Mail };

/**
 * The outbox row of a mail, as a statement to run in the caller's batch (so the mail exists
 * exactly when what it reports does), and its id. A second row with the same dedupe key is
 * dropped by the unique index: a receipt is queued once however often fulfilment runs.
 */
export function outboxInsert(db: Db, entry: OutboxEntry, now: Date): { mailId: string; statement: BatchItem<"sqlite"> } {
	const mailId = newId("mail");
	const statement = db
		.insert(mailOutbox)
		.values({
			id: mailId,
			kind: entry.kind,
			orderId: entry.orderId,
			dedupeKey: entry.dedupeKey,
			toAddress: entry.mail.to,
			subject: entry.mail.subject,
			textBody: entry.mail.text,
			htmlBody: entry.mail.html,
			// The row's own key: a retry of this mail is sent once; another mail (a re-issue) is a new one.
			idempotencyKey: `mail-${mailId}`,
			status: "queued",
			createdAt: now.toISOString(),
			updatedAt: now.toISOString(),
		})
		.onConflictDoNothing();
	return { mailId, statement };
}

/**
 * Sends a row's message to MAIL_QUEUE. A failed send is logged, not thrown: the row is already
 * stored and the sweep (src/commerce/mail/sweep.ts) queues it again, so the caller's own work
 * (a fulfilment, an admin's request) does not fail for it.
 */
export async function enqueueMail(deps: OutboxDeps, mailId: string): Promise<boolean> {
	try {
		await deps.mailQueue.send({ mailId });
		return true;
	} catch (err) {
		log("error", "mail not queued; the sweep queues it again", { mailId, error: errorMessage(err) });
		return false;
	}
}
