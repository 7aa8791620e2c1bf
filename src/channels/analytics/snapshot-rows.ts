import { and, desc, eq, isNull, lt } from "drizzle-orm";
import { analyticsSnapshots } from "../../db/channels-schema";
import type { Db } from "../../db/client";
import { snapshotId } from "./window";

/** One row to write into `analytics_snapshots` (without its id, which the window decides). */
export type SnapshotRow = Omit<typeof analyticsSnapshots.$inferInsert, "id" | "capturedAt">;

/** Whether the channel's totals for this window are already stored (a message delivered twice). */
export async function windowTaken(db: Db, channelId: string, capturedAt: string): Promise<boolean> {
	const row = await db.query.analyticsSnapshots.findFirst({ where: eq(analyticsSnapshots.id, await snapshotId(channelId, null, capturedAt)) });
	return row !== undefined;
}

/** When the channel's last snapshot before this window was taken, or null before the first. */
export async function previousWindow(db: Db, channelId: string, capturedAt: string): Promise<string | null> {
	const row = await db.query.analyticsSnapshots.findFirst({
		columns: { capturedAt: true },
		where: and(eq(analyticsSnapshots.channelId, channelId), isNull(analyticsSnapshots.itemId), lt(analyticsSnapshots.capturedAt, capturedAt)),
		orderBy: [desc(analyticsSnapshots.capturedAt)],
	});
	return row?.capturedAt ?? null;
}

/**
 * Writes one window's rows in one batch (all of them or none). Ids derive from channel, item and
 * window, so rows a concurrent delivery already wrote are left as they are; answers how many
 * rows this call added.
 */
export async function writeSnapshot(db: Db, capturedAt: string, rows: SnapshotRow[]): Promise<number> {
	if (rows.length === 0) return 0;
	const values = await Promise.all(rows.map(async (row) => ({ ...row, id: await snapshotId(row.channelId, row.itemId ?? null, capturedAt), capturedAt })));
	const [first, ...rest] = values.map((value) => db.insert(analyticsSnapshots).values(value).onConflictDoNothing().returning({ id: analyticsSnapshots.id }));
	if (!first) return 0;
	const results = await db.batch([first, ...rest]);
	return results.reduce((added, inserted) => added + inserted.length, 0);
}
