/**
 * Amounts typed by people in a currency's major unit ("12.50" dollars, "12000" won) and the
 * stored minor units (`price_cents`), exactly: the number of minor units per major unit comes
 * from the currency itself (KRW and JPY have none), and no floating point is involved.
 */

/** Decimal places of `currency`'s minor unit (2 for USD, 0 for KRW); 2 for a code Intl does not know. */
export function currencyDigits(currency: string): number {
	try {
		return new Intl.NumberFormat("en", { style: "currency", currency: currency.toUpperCase() }).resolvedOptions().maximumFractionDigits ?? 2;
	} catch {
		return 2;
	}
}

/** `"12.5"` in USD → 1250; `"12000"` in KRW → 12000; null when it is not a plain amount or has more decimals than the currency. */
export function parseMajorAmount(text: string, currency: string): number | null {
	const digits = currencyDigits(currency);
	const match = /^(\d{1,9})(?:\.(\d+))?$/.exec(text.trim());
	if (!match) return null;
	const [, whole = "0", fraction = ""] = match;
	if (fraction.length > digits) return null;
	return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
}

/** 1250 in USD → `"12.50"`; 12000 in KRW → `"12000"`: what a price field shows before it is edited. */
export function majorAmountText(minor: number, currency: string): string {
	const digits = currencyDigits(currency);
	if (digits === 0) return String(minor);
	const whole = Math.floor(minor / 10 ** digits);
	return `${whole}.${String(minor % 10 ** digits).padStart(digits, "0")}`;
}
