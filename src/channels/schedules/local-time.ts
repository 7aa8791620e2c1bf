/**
 * Wall-clock times in an IANA zone, without a time-zone library: schedules are entered and shown
 * as the seller's local `YYYY-MM-DDTHH:mm` and stored in UTC. The runtime's Intl data knows every
 * zone's offsets (daylight saving included), so the offset is read back from it.
 */

/** A local date-time as typed in a `datetime-local` input: `2026-12-06T00:30` (seconds optional). */
export const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The parts of an instant as a clock in `timeZone` shows them; `weekday` 0 = Monday … 6 = Sunday. */
export type LocalParts = { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: number };

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string): Intl.DateTimeFormat {
	let format = formats.get(timeZone);
	if (!format) {
		// en-US with h23: the parts are plain digits and English weekday names whatever the reader's language.
		format = new Intl.DateTimeFormat("en-US", {
			timeZone,
			hourCycle: "h23",
			year: "numeric",
			month: "2-digit",
			day: "2-digit",
			hour: "2-digit",
			minute: "2-digit",
			second: "2-digit",
			weekday: "short",
		});
		formats.set(timeZone, format);
	}
	return format;
}

/** The instant's clock reading in `timeZone`. */
export function localParts(at: Date, timeZone: string): LocalParts {
	const parts: Record<string, string> = {};
	for (const part of formatIn(timeZone).formatToParts(at)) parts[part.type] = part.value;
	return {
		year: Number(parts.year),
		month: Number(parts.month),
		day: Number(parts.day),
		hour: Number(parts.hour),
		minute: Number(parts.minute),
		second: Number(parts.second),
		weekday: WEEKDAYS.indexOf(parts.weekday ?? ""),
	};
}

/** How far `timeZone`'s clock is ahead of UTC at that instant, in milliseconds. */
function offsetMs(at: Date, timeZone: string): number {
	const p = localParts(at, timeZone);
	const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
	return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant a clock in `timeZone` reads `local` (`YYYY-MM-DDTHH:mm[:ss]`), or null when it is not
 * such a string or names no real date. A time skipped by a daylight-saving jump is read with the
 * offset from before the jump (it lands an hour later), as most calendars do.
 */
export function zonedToUtc(local: string, timeZone: string): Date | null {
	const match = LOCAL_DATE_TIME.exec(local);
	if (!match) return null;
	const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
	const wall = Date.UTC(year, month - 1, day, hour, minute, second);
	const check = new Date(wall);
	if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
	// Two passes: the offset at the first guess may differ from the one at the answer (a DST change in between).
	const first = wall - offsetMs(new Date(wall), timeZone);
	const answer = wall - offsetMs(new Date(first), timeZone);
	return new Date(answer);
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** The instant as `YYYY-MM-DDTHH:mm` on a clock in `timeZone` (what a `datetime-local` input shows). */
export function utcToLocal(at: Date | string, timeZone: string): string {
	const p = localParts(typeof at === "string" ? new Date(at) : at, timeZone);
	return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** The local calendar day `YYYY-MM-DD` of an instant in `timeZone`. */
export function localDay(at: Date | string, timeZone: string): string {
	return utcToLocal(at, timeZone).slice(0, 10);
}

/**
 * Reads `scheduled_at` as the API takes it: an ISO date-time with `Z` or an offset is that instant;
 * a bare local `YYYY-MM-DDTHH:mm` is read on a clock in `timeZone`. Null when it is neither.
 */
export function readScheduledAt(value: string, timeZone: string): Date | null {
	if (LOCAL_DATE_TIME.test(value)) return zonedToUtc(value, timeZone);
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return null;
	const at = Date.parse(value);
	return Number.isNaN(at) ? null : new Date(at);
}
