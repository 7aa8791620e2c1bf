import type { Db } from "../../db/client";
import { HOURS_OF_WEEK, hourOfWeek, viewsByHourOfWeek } from "../analytics/hourly";
import { DEFAULT_PEAK_ZONE, defaultPeakScores } from "./default-peaks";
import { localDay, localParts, utcToLocal } from "./local-time";

/** History is trusted once it has this many view deltas spread over this many days. */
export const HISTORY_MIN_DELTAS = 20;
export const HISTORY_MIN_DAYS = 7;
/** Suggestions start this far ahead, so one picked is still in the future when saved. */
const LEAD_MS = 15 * 60_000;
const MAX_SLOTS = 5;
const MIN_SLOTS = 3;
/** History older than this says little about the channel's audience now. */
const HISTORY_WINDOW_MS = 90 * 86_400_000;

export type OptimalSource = "history" | "defaults";

/** One suggested time: when (UTC), on the viewer's clock, its score, and the hour of week (on `basisZone`'s clock) that earned it. */
export type OptimalSlot = { at: string; local: string; score: number; weekday: number; hour: number };

export type OptimalTimes = { source: OptimalSource; basisZone: string; times: OptimalSlot[] };

/**
 * The best times in the next 7 days to publish on a channel: at most one a day, the best 3–5 days,
 * in time order. From the channel's own history (views gained by hour of week, on the channel's
 * clock, scored against its best hour = 100) once there are {@link HISTORY_MIN_DELTAS} deltas over
 * {@link HISTORY_MIN_DAYS} days; else from the documented Korean short-video peaks.
 */
export async function optimalTimes(db: Db, channel: { id: string; timeZone: string }, displayZone: string, now: Date): Promise<OptimalTimes> {
	const history = await viewsByHourOfWeek(db, channel.id, channel.timeZone, new Date(now.getTime() - HISTORY_WINDOW_MS).toISOString());
	if (history.deltas >= HISTORY_MIN_DELTAS && history.spanDays >= HISTORY_MIN_DAYS) {
		const best = Math.max(...history.views);
		if (best > 0) {
			const scores = history.views.map((views) => Math.round((100 * views) / best));
			const times = bestSlots(scores, channel.timeZone, displayZone, now);
			if (times.length >= MIN_SLOTS) return { source: "history", basisZone: channel.timeZone, times };
		}
	}
	return { source: "defaults", basisZone: DEFAULT_PEAK_ZONE, times: bestSlots(defaultPeakScores(), DEFAULT_PEAK_ZONE, displayZone, now) };
}

/** The best-scored hour of each of the next 7 days (on `zone`'s clock), the top {@link MAX_SLOTS} of them, by time. */
function bestSlots(scores: readonly number[], zone: string, displayZone: string, now: Date): OptimalSlot[] {
	const start = new Date(now.getTime() + LEAD_MS);
	const parts = localParts(start, zone);
	// The next full hour on the zone's clock (zones are whole minutes off UTC).
	let at = start.getTime() - (parts.minute * 60 + parts.second) * 1000 - (start.getTime() % 1000) + 3_600_000;
	const bestOfDay = new Map<string, OptimalSlot>();
	for (let step = 0; step < HOURS_OF_WEEK; step += 1, at += 3_600_000) {
		const instant = new Date(at);
		const index = hourOfWeek(instant, zone);
		const score = scores[index] ?? 0;
		if (score <= 0) continue;
		const day = localDay(instant, zone);
		const kept = bestOfDay.get(day);
		if (kept && kept.score >= score) continue;
		bestOfDay.set(day, { at: instant.toISOString(), local: utcToLocal(instant, displayZone), score, weekday: Math.floor(index / 24), hour: index % 24 });
	}
	return [...bestOfDay.values()]
		.sort((a, b) => b.score - a.score || a.at.localeCompare(b.at))
		.slice(0, MAX_SLOTS)
		.sort((a, b) => a.at.localeCompare(b.at));
}
