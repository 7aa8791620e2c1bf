import { ChannelCallFailed } from "../adapter";

/**
 * Money between the factory and a Cafe24 mall. The factory keeps amounts in the currency's
 * smallest unit (whole won for KRW, which has no minor unit); Cafe24 writes a mall's prices as
 * decimal strings ("10000.00") in its default shop's currency, which is KRW.
 */

/** The only currency the default shop (shop_no 1) of a Korean mall sells in. */
export const CAFE24_CURRENCY = "krw";

/** A price in whole won as Cafe24 takes it; a listing in another currency is refused rather than mispriced. */
export function cafe24Price(priceCents: number, currency: string): string {
	if (currency.toLowerCase() !== CAFE24_CURRENCY) throw new ChannelCallFailed(`a Cafe24 mall sells in KRW, not ${currency.toUpperCase()}`, false, null);
	if (!Number.isInteger(priceCents) || priceCents < 0) throw new ChannelCallFailed("a price must be a whole number of won", false, null);
	return String(priceCents);
}

/** Whole won from Cafe24's decimal string ("10000.00"); rounds, since KRW has no fraction. */
export function wonFromCafe24(value: string | number | null | undefined): number {
	const amount = typeof value === "number" ? value : Number.parseFloat(value ?? "0");
	return Number.isFinite(amount) ? Math.round(amount) : 0;
}
