import type { Locale } from "../shared/locale";

/** The Intl locale of each language: Korean as written in Korea, English with US conventions. */
const INTL_LOCALE: Record<Locale, string> = { ko: "ko-KR", en: "en-US" };

const BYTE_UNITS = ["B", "kB", "MB", "GB", "TB"] as const;

/**
 * Numbers, money, sizes and times for one reader. Amounts are stored in minor units
 * (`amount_cents`); how many minor units make a major one comes from the currency itself, so
 * KRW shows `₩9,900` and USD `$19.00`. Times are stored in UTC and shown in the reader's zone,
 * with the zone named.
 */
export function createFormatter(locale: Locale, timeZone: string) {
	const intl = INTL_LOCALE[locale];
	// Named fields rather than dateStyle/timeStyle: those two cannot be combined with a zone name.
	const dateTime = new Intl.DateTimeFormat(intl, {
		year: "numeric",
		month: "short",
		day: "numeric",
		hour: "numeric",
		minute: "2-digit",
		timeZone,
		timeZoneName: "short",
	});
	const date = new Intl.DateTimeFormat(intl, { year: "numeric", month: "short", day: "numeric", timeZone });
	const number = new Intl.NumberFormat(intl);
	const toDate = (value: Date | string | number) => (value instanceof Date ? value : new Date(value));
	return {
		/** The amount in minor units as money, e.g. `(990000, "krw")` → `₩990,000`, `(1900, "usd")` → `$19.00`. */
		money(minor: number, currency: string): string {
			const code = currency.toUpperCase();
			try {
				const format = new Intl.NumberFormat(intl, { style: "currency", currency: code });
				const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
				return format.format(minor / 10 ** digits);
			} catch {
				// An unknown currency code is shown, not thrown: the page still renders.
				return `${number.format(minor / 100)} ${code}`;
			}
		},
		number(value: number): string {
			return number.format(value);
		},
		/** A byte count in decimal (SI) units, as browsers and operating systems show file sizes. */
		bytes(value: number): string {
			let scaled = Number.isFinite(value) && value > 0 ? value : 0;
			let unit = 0;
			while (scaled >= 1000 && unit < BYTE_UNITS.length - 1) {
				scaled /= 1000;
				unit += 1;
			}
			const digits = unit === 0 ? 0 : 1;
			return `${new Intl.NumberFormat(intl, { maximumFractionDigits: digits }).format(scaled)} ${BYTE_UNITS[unit]}`;
		},
		/** Date and time in the reader's zone, the zone named (`Dec 4, 2026, 9:05 PM GMT+9`). */
		dateTime(value: Date | string | number): string {
			return dateTime.format(toDate(value));
		},
		/** The calendar date in the reader's zone. */
		date(value: Date | string | number): string {
			return date.format(toDate(value));
		},
		/** A list in the language's own way (`English and Korean`, `영어, 한국어`). */
		list(items: readonly string[]): string {
			return new Intl.ListFormat(intl, { style: "long", type: "conjunction" }).format(items);
		},
	};
}

export type Formatter = ReturnType<typeof createFormatter>;
