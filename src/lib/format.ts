/**
 * Formatting of prices, sizes and dates for people, shared by pages and mails. Everything is
 * rendered on the server in the Workers runtime, so the locale and time zone are fixed
 * ("en-US", UTC): the same order reads the same whichever data centre renders it.
 */

const LOCALE = "en-US";

/**
 * Formats an amount in minor units (`price_cents`) as a localized price, e.g. `1900, "usd"` →
 * `"$19.00"`. The number of minor units per major unit comes from the currency itself (JPY has
 * none), and an unknown currency code falls back to `"19.00 XYZ"` instead of throwing.
 */
export function formatPrice(cents: number, currency: string): string {
	const code = currency.toUpperCase();
	try {
		const format = new Intl.NumberFormat(LOCALE, { style: "currency", currency: code });
		const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
		return format.format(cents / 10 ** digits);
	} catch {
		return `${(cents / 100).toFixed(2)} ${code}`;
	}
}

const BYTE_UNITS = ["B", "kB", "MB", "GB", "TB"] as const;

/**
 * Formats a byte count for people, e.g. `1_234_567` → `"1.2 MB"`. Decimal (SI) units, as
 * browsers' download bars and most operating systems show file sizes.
 */
export function formatBytes(n: number): string {
	if (!Number.isFinite(n) || n < 0) return "0 B";
	let value = n;
	let unit = 0;
	while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
		value /= 1000;
		unit += 1;
	}
	const label = BYTE_UNITS[unit] ?? "B";
	if (unit === 0) return `${value} ${label}`;
	// One decimal below 10 ("2.4 MB") and none above ("24 MB"), like a browser's download bar.
	const rounded = value < 10 ? value.toFixed(1) : Math.round(value).toString();
	return `${rounded} ${label}`;
}

const DATE_FORMAT = new Intl.DateTimeFormat(LOCALE, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
const DATE_TIME_FORMAT = new Intl.DateTimeFormat(LOCALE, {
	year: "numeric",
	month: "short",
	day: "numeric",
	hour: "2-digit",
	minute: "2-digit",
	hour12: false,
	timeZone: "UTC",
});

/** Formats an ISO 8601 timestamp as a date, e.g. `"Mar 4, 2025"`; an unparsable value is shown as given. */
export function formatDate(iso: string): string {
	const date = new Date(iso);
	return Number.isNaN(date.getTime()) ? iso : DATE_FORMAT.format(date);
}

/** Formats an ISO 8601 timestamp with its time, e.g. `"Mar 4, 2025, 14:05 UTC"`; an unparsable value is shown as given. */
export function formatDateTime(iso: string): string {
	const date = new Date(iso);
	return Number.isNaN(date.getTime()) ? iso : `${DATE_TIME_FORMAT.format(date)} UTC`;
}

/** `"1 file"`, `"3 files"`: a count with its noun in the right number. */
export function plural(count: number, one: string, many = `${one}s`): string {
	return `${count} ${count === 1 ? one : many}`;
}
