import { localDay, zonedToUtc } from "./local-time";

/** A month on a viewer's clock: `YYYY-MM`. */
export const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The month's days as weeks (Monday first), `null` outside the month. */
export type MonthGrid = { month: string; prev: string; next: string; weeks: (string | null)[][]; from: string; to: string };

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * The month grid a calendar draws, and the UTC range that holds its days on `timeZone`'s clock
 * (so an item at 00:30 on the 6th in Seoul, 15:30 UTC on the 5th, lands on the 6th).
 */
export function monthGrid(month: string, timeZone: string): MonthGrid {
	const match = MONTH.exec(month);
	const year = Number(match?.[1] ?? 1970);
	const index = Number(match?.[2] ?? 1) - 1;
	const days = new Date(Date.UTC(year, index + 1, 0)).getUTCDate();
	// 0 = Monday, as the grid's first column.
	const firstWeekday = (new Date(Date.UTC(year, index, 1)).getUTCDay() + 6) % 7;
	const cells: (string | null)[] = [...new Array<null>(firstWeekday).fill(null)];
	for (let day = 1; day <= days; day += 1) cells.push(`${year}-${pad(index + 1)}-${pad(day)}`);
	while (cells.length % 7 !== 0) cells.push(null);
	const weeks: (string | null)[][] = [];
	for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
	const shift = (by: number) => {
		const d = new Date(Date.UTC(year, index + by, 1));
		return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
	};
	const next = shift(1);
	const from = zonedToUtc(`${year}-${pad(index + 1)}-01T00:00`, timeZone) ?? new Date(Date.UTC(year, index, 1));
	const to = zonedToUtc(`${next}-01T00:00`, timeZone) ?? new Date(Date.UTC(year, index + 1, 1));
	return { month: `${year}-${pad(index + 1)}`, prev: shift(-1), next, weeks, from: from.toISOString(), to: new Date(to.getTime() - 1).toISOString() };
}

/** Items grouped by their day on `timeZone`'s clock. */
export function byLocalDay<T extends { scheduled_at: string }>(items: readonly T[], timeZone: string): Map<string, T[]> {
	const days = new Map<string, T[]>();
	for (const item of items) {
		const day = localDay(item.scheduled_at, timeZone);
		days.set(day, [...(days.get(day) ?? []), item]);
	}
	return days;
}
