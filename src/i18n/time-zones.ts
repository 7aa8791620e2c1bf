import type { Locale } from "../shared/locale";

/** Where a viewer who chose no zone is assumed to be: Korean readers in Korea, others on UTC. */
export const DEFAULT_TIME_ZONE: Record<Locale, string> = { ko: "Asia/Seoul", en: "UTC" };

/** The zones offered in the switcher; any other valid IANA zone works when set by hand. */
export const COMMON_TIME_ZONES = [
	"Asia/Seoul",
	"UTC",
	"Asia/Tokyo",
	"Asia/Shanghai",
	"Asia/Singapore",
	"Australia/Sydney",
	"Europe/London",
	"Europe/Berlin",
	"America/New_York",
	"America/Chicago",
	"America/Los_Angeles",
] as const;

/** Whether the runtime knows `zone` as an IANA time zone. */
export function isTimeZone(zone: string): boolean {
	if (zone.length === 0 || zone.length > 64) return false;
	try {
		new Intl.DateTimeFormat("en", { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}
