/**
 * The portrait line's users read times in Korea Standard Time: the API gives ISO 8601 with the
 * `+09:00` offset (Korea has no daylight saving, so the offset is fixed); storage stays UTC.
 */
const KST_OFFSET_MS = 9 * 3_600_000;

/** `2026-12-04T09:00:00.000Z` → `2026-12-04T18:00:00.000+09:00`; null stays null. */
export function kstIso(utc: string | Date): string;
export function kstIso(utc: string | Date | null): string | null;
export function kstIso(utc: string | Date | null): string | null {
	if (utc === null) return null;
	const at = typeof utc === "string" ? new Date(utc) : utc;
	return `${new Date(at.getTime() + KST_OFFSET_MS).toISOString().slice(0, -1)}+09:00`;
}
