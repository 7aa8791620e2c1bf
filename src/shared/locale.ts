import { z } from "zod";

/**
 * The languages the store speaks: Korean first for the people it is built for, English second.
 * Pages, mails, API messages and generated products all use these codes (BCP 47 primary tags).
 */
export const LOCALES = ["ko", "en"] as const;

export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;

/** Whether a string is one of {@link LOCALES}. */
export function isLocale(value: unknown): value is Locale {
	return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}
