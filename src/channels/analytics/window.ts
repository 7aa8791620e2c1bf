import { sha256Hex } from "../../lib/hash";

/** Snapshots are taken every 6 hours ("0 *\/6 * * *"); each belongs to the 6-hour UTC window it ran in. */
export const SNAPSHOT_WINDOW_MS = 6 * 3_600_000;

/** How far back a shop's first snapshot reads its orders. */
export const FIRST_ORDERS_LOOKBACK_MS = 30 * 86_400_000;

/** The start of the 6-hour UTC window `at` falls in (00:00, 06:00, 12:00, 18:00), as stored in `captured_at`. */
export function snapshotWindowStart(at: Date): string {
	return new Date(Math.floor(at.getTime() / SNAPSHOT_WINDOW_MS) * SNAPSHOT_WINDOW_MS).toISOString();
}

/**
 * The id of one channel's (or one item's) snapshot in one window, derived from the three, so a
 * message delivered twice writes the same primary key and the second insert does nothing:
 * exactly one row per window without a unique index or a read before the write.
 */
export async function snapshotId(channelId: string, itemId: string | null, capturedAt: string): Promise<string> {
	const digest = await sha256Hex(`${channelId}\n${itemId ?? ""}\n${capturedAt}`);
	return `ans_${digest.slice(0, 32)}`;
}
