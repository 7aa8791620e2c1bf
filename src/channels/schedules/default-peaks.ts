/**
 * When short videos are watched most in Korea, used until a channel has history of its own
 * (docs/channels.md "Optimal time"): weekdays at lunch (12:00) and in the evening (19:00–21:00),
 * weekends late morning (10:00–11:00) and at 20:00, Korea time. The scores rank them; they are
 * fixed, not measured.
 */
export const DEFAULT_PEAK_ZONE = "Asia/Seoul";

/** `[hour, score]` pairs on Korea's clock. */
const WEEKDAY_PEAKS: readonly (readonly [number, number])[] = [
	[12, 70],
	[19, 85],
	[20, 100],
	[21, 90],
];
const WEEKEND_PEAKS: readonly (readonly [number, number])[] = [
	[10, 80],
	[11, 75],
	[20, 95],
];

/** The default score of each hour of week on Korea's clock (index = weekday × 24 + hour, Monday first); 0 = not a peak. */
export function defaultPeakScores(): number[] {
	const scores = new Array<number>(168).fill(0);
	for (let weekday = 0; weekday < 7; weekday += 1) {
		for (const [hour, score] of weekday < 5 ? WEEKDAY_PEAKS : WEEKEND_PEAKS) scores[weekday * 24 + hour] = score;
	}
	return scores;
}
