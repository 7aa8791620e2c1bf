import { channelSyncLog } from "../../db/channels-schema";
import type { Db } from "../../db/client";
import { newId } from "../../lib/ids";
import type { SyncOutcome } from "../../shared/channels";

/** One `read_stats` row of the sync log per snapshot run: what happened, in words (never a token). */
export async function logSnapshotRun(db: Db, run: { channelId: string; outcome: SyncOutcome; attempt: number; detail: string; at: Date }): Promise<void> {
	await db.insert(channelSyncLog).values({
		id: newId("csl"),
		channelId: run.channelId,
		operation: "read_stats",
		outcome: run.outcome,
		attempt: run.attempt,
		detail: run.detail.slice(0, 500),
		createdAt: run.at.toISOString(),
	});
}
