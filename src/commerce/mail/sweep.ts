import { and, asc, eq, gt, lt, or } from "drizzle-orm";
import { mailOutbox } from "../../db/schema";
import { enqueueMail, type OutboxDeps } from "./outbox";

/** A queued mail never tried for this long lost its message (the send after its row failed). */
const NEVER_TRIED_MS = 10 * 60_000;
/** A queued mail quiet for longer than the longest retry delay (1 h) lost its message. */
const QUIET_MS = 2 * 3_600_000;
/** Mails queued again per sweep, so one cron run stays short. */
const SWEEP_LIMIT = 50;

/**
 * The cron's sweep of the outbox: a `queued` mail whose message is gone (never sent to the queue,
 * or lost) is queued again. A duplicate message is harmless: the consumer sends only `queued`
 * rows, under the row's own idempotency key. Returns how many were queued again.
 */
export async function requeueStalledMail(deps: OutboxDeps): Promise<number> {
	const now = deps.now().getTime();
	const stalled = await deps.db
		.select({ id: mailOutbox.id })
		.from(mailOutbox)
		.where(
			and(
				eq(mailOutbox.status, "queued"),
				or(
					and(eq(mailOutbox.attempts, 0), lt(mailOutbox.updatedAt, new Date(now - NEVER_TRIED_MS).toISOString())),
					and(gt(mailOutbox.attempts, 0), lt(mailOutbox.updatedAt, new Date(now - QUIET_MS).toISOString())),
				),
			),
		)
		.orderBy(asc(mailOutbox.updatedAt))
		.limit(SWEEP_LIMIT);
	let requeued = 0;
	for (const { id } of stalled) {
		await deps.db.update(mailOutbox).set({ updatedAt: deps.now().toISOString() }).where(eq(mailOutbox.id, id));
		if (await enqueueMail(deps, id)) requeued++;
	}
	return requeued;
}
