import { and, asc, eq, gte, isNotNull } from "drizzle-orm";
import { analyticsSnapshots } from "../../db/channels-schema";
import type { Db } from "../../db/client";
import { localParts } from "../schedules/local-time";

/** Hours in a week; index = weekday (0 = Monday … 6 = Sunday) × 24 + hour, on the zone's clock. */
export const HOURS_OF_WEEK = 168;

/** Views a channel's videos gained by hour of week, with how much history it rests on. */
export type HourlyViews = {
	/** Views gained in each hour of week (168 entries). */
	views: number[];
	/** How many snapshot-to-snapshot deltas were counted. */
	deltas: number;
	/** Days between the earliest and the latest snapshot counted. */
	spanDays: number;
};

/** The index of an instant's hour of week on a clock in `timeZone`. */
export function hourOfWeek(at: Date, timeZone: string): number {
	const parts = localParts(at, timeZone);
	return parts.weekday * 24 + parts.hour;
}

/**
 * When a channel's videos gain their views: for each video, the views gained between two
 * consecutive snapshots (src/channels/analytics, every 6 hours) are counted in the hour of week of
 * the later one, on `timeZone`'s clock. A counter that went down (a provider's correction) counts
 * as nothing gained. With `since`, only snapshots captured since then are read.
 */
export async function viewsByHourOfWeek(db: Db, channelId: string, timeZone: string, since?: string): Promise<HourlyViews> {
	const rows = await db
		.select({ itemId: analyticsSnapshots.itemId, views: analyticsSnapshots.views, capturedAt: analyticsSnapshots.capturedAt })
		.from(analyticsSnapshots)
		.where(
			and(eq(analyticsSnapshots.channelId, channelId), isNotNull(analyticsSnapshots.itemId), ...(since ? [gte(analyticsSnapshots.capturedAt, since)] : [])),
		)
		.orderBy(asc(analyticsSnapshots.itemId), asc(analyticsSnapshots.capturedAt))
		.limit(20_000);
	const views = new Array<number>(HOURS_OF_WEEK).fill(0);
	let deltas = 0;
	let first = Number.POSITIVE_INFINITY;
	let last = Number.NEGATIVE_INFINITY;
	for (let i = 1; i < rows.length; i += 1) {
		const before = rows[i - 1];
		const after = rows[i];
		if (!before || !after || before.itemId !== after.itemId) continue;
		const at = new Date(after.capturedAt);
		const hour = hourOfWeek(at, timeZone);
		views[hour] = (views[hour] ?? 0) + Math.max(0, after.views - before.views);
		deltas += 1;
		first = Math.min(first, Date.parse(before.capturedAt));
		last = Math.max(last, at.getTime());
	}
	return { views, deltas, spanDays: deltas === 0 ? 0 : (last - first) / 86_400_000 };
}
