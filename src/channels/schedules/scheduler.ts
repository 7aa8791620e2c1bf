import { and, asc, eq, inArray, lte, or, sql } from "drizzle-orm";
import { publishSchedules } from "../../db/channels-schema";
import { errorMessage, log } from "../../lib/log";
import type { ChannelDeps } from "../deps";
import { sendPublishMessages } from "./send";

/** A `queued` or `publishing` schedule untouched this long lost its message (or its worker): it is handed over again. */
export const STUCK_AFTER_MS = 15 * 60_000;
/** At most this many schedules a minute, so one run stays well inside a cron's time. */
const BATCH = 100;

/**
 * Every minute (src/scheduled.ts): hands each due `pending` schedule to CHANNEL_QUEUE once. The
 * claim is one conditional `UPDATE … WHERE status = 'pending' … RETURNING`, so two runs at once
 * (a slow one and the next) each get different rows and nothing is published twice; the publish
 * handler's own `queued → publishing` claim guards the rest. A schedule whose message could not
 * be sent goes back to `pending` for the next minute. Schedules stuck in `queued`/`publishing`
 * for {@link STUCK_AFTER_MS} are handed over again (their message was lost).
 */
export async function handOverDueSchedules(deps: ChannelDeps): Promise<{ queued: number; rehanded: number }> {
	const now = deps.now();
	const nowIso = now.toISOString();
	const due = deps.db
		.select({ id: publishSchedules.id })
		.from(publishSchedules)
		.where(and(eq(publishSchedules.status, "pending"), lte(publishSchedules.scheduledAt, nowIso)))
		.orderBy(asc(publishSchedules.scheduledAt))
		.limit(BATCH);
	const claimed = await deps.db
		.update(publishSchedules)
		.set({ status: "queued", updatedAt: nowIso })
		.where(and(inArray(publishSchedules.id, due), eq(publishSchedules.status, "pending"), lte(publishSchedules.scheduledAt, nowIso)))
		.returning({ id: publishSchedules.id });

	const cutoff = new Date(now.getTime() - STUCK_AFTER_MS).toISOString();
	// A retry waiting out its backoff is not stuck until its own time has long passed.
	const stuckWhere = and(
		inArray(publishSchedules.status, ["queued", "publishing"]),
		lte(publishSchedules.updatedAt, cutoff),
		or(sql`${publishSchedules.nextAttemptAt} is null`, lte(publishSchedules.nextAttemptAt, cutoff)),
	);
	const stuck = deps.db.select({ id: publishSchedules.id }).from(publishSchedules).where(stuckWhere).limit(BATCH);
	const rehanded = await deps.db
		.update(publishSchedules)
		.set({ status: "queued", nextAttemptAt: null, updatedAt: nowIso })
		.where(and(inArray(publishSchedules.id, stuck), stuckWhere))
		.returning({ id: publishSchedules.id });

	const claimedIds = claimed.map((row) => row.id);
	try {
		await sendPublishMessages(deps.queue, claimedIds);
	} catch (err) {
		log("error", "due schedules could not be queued; they wait for the next minute", { count: claimedIds.length, error: errorMessage(err) });
		await deps.db
			.update(publishSchedules)
			.set({ status: "pending", updatedAt: nowIso })
			.where(and(inArray(publishSchedules.id, claimedIds), eq(publishSchedules.status, "queued")));
		return { queued: 0, rehanded: 0 };
	}
	if (rehanded.length > 0) {
		log("warn", "stuck schedules handed over again", { count: rehanded.length });
		// If this send fails they stay `queued` with a fresh time, and are found again in 15 minutes.
		await sendPublishMessages(
			deps.queue,
			rehanded.map((row) => row.id),
		).catch((err) => log("error", "stuck schedules could not be queued again", { count: rehanded.length, error: errorMessage(err) }));
	}
	return { queued: claimedIds.length, rehanded: rehanded.length };
}
