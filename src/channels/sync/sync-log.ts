import { and, desc, eq, type SQL } from "drizzle-orm";
import { channelSyncLog, channels } from "../../db/channels-schema";
import type { Db } from "../../db/client";
import { afterCursor, encodeCursor } from "../../db/cursor";
import { newId } from "../../lib/ids";
import type { SyncOperation, SyncOutcome } from "../../shared/channels";

/** One outside call of a product sync, as the sync log keeps it. */
export type SyncLogEntry = {
	channelId: string;
	productId: string;
	operation: SyncOperation;
	outcome: SyncOutcome;
	externalId: string | null;
	attempt: number;
	/** The provider's reason on a failure, why it was skipped; never a token. */
	detail: string;
};

/** Appends one row to the sync log. */
export async function writeSyncLog(db: Db, entry: SyncLogEntry, at: Date): Promise<void> {
	await db.insert(channelSyncLog).values({ id: newId("syl"), ...entry, createdAt: at.toISOString() });
}

/** A sync log row as the API and the admin page show it. */
export type SyncLogView = {
	id: string;
	channel_id: string;
	channel_name: string | null;
	provider: string | null;
	product_id: string | null;
	schedule_id: string | null;
	operation: SyncOperation;
	outcome: SyncOutcome;
	external_id: string | null;
	attempt: number;
	detail: string;
	created_at: string;
};

export type SyncLogQuery = { channelId?: string; productId?: string; outcome?: SyncOutcome; cursor?: string; limit: number };

/** The sync log, newest first, filtered, a page at a time (keyset on created_at and id). */
export async function listSyncLog(db: Db, query: SyncLogQuery): Promise<{ entries: SyncLogView[]; next_cursor: string | null }> {
	const conditions: (SQL | undefined)[] = [
		query.channelId ? eq(channelSyncLog.channelId, query.channelId) : undefined,
		query.productId ? eq(channelSyncLog.productId, query.productId) : undefined,
		query.outcome ? eq(channelSyncLog.outcome, query.outcome) : undefined,
		query.cursor ? afterCursor(query.cursor, channelSyncLog.createdAt, channelSyncLog.id) : undefined,
	];
	const rows = await db
		.select({ entry: channelSyncLog, channelName: channels.displayName, provider: channels.provider })
		.from(channelSyncLog)
		.leftJoin(channels, eq(channels.id, channelSyncLog.channelId))
		.where(and(...conditions))
		.orderBy(desc(channelSyncLog.createdAt), desc(channelSyncLog.id))
		.limit(query.limit + 1);
	const page = rows.slice(0, query.limit);
	const last = page.at(-1)?.entry;
	return {
		entries: page.map(({ entry, channelName, provider }) => ({
			id: entry.id,
			channel_id: entry.channelId,
			channel_name: channelName,
			provider,
			product_id: entry.productId,
			schedule_id: entry.scheduleId,
			operation: entry.operation,
			outcome: entry.outcome,
			external_id: entry.externalId,
			attempt: entry.attempt,
			detail: entry.detail,
			created_at: entry.createdAt,
		})),
		next_cursor: rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null,
	};
}
