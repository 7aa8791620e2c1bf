import type { Locale } from "../shared/locale";
import { createFormatter, type Formatter } from "./format";
import { DEFAULT_TIME_ZONE } from "./time-zones";
import { type Translate, translator } from "./translator";

/** Everything a page, a mail or a message needs to speak to one reader. */
export type I18n = Formatter & {
	locale: Locale;
	/** An IANA zone: times are shown in it, with its name. */
	timeZone: string;
	/** The message of a catalogue key, e.g. `t("storefront:product.buy")`. */
	t: Translate;
	/**
	 * For pages: the page's own URL (path and query, without `lang`/`tz`), which the language
	 * switcher links back to. Absent outside a request (mails).
	 */
	here?: string;
};

/** Options from the configuration (src/config/settings.ts `i18n`). */
export type I18nOptions = { fallback: boolean };

/** The language kit for one reader; without a zone, the language's usual one. */
export function createI18n(locale: Locale, timeZone: string | null | undefined, options: I18nOptions & { here?: string }): I18n {
	const zone = timeZone ?? DEFAULT_TIME_ZONE[locale];
	return { ...createFormatter(locale, zone), locale, timeZone: zone, t: translator(locale, options), ...(options.here ? { here: options.here } : {}) };
}
