import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { detectFromCookie, detectFromHeader, detectFromQuery } from "hono/language";
import type { AppEnv } from "../app-env";
import { createI18n } from "../i18n/i18n";
import { isTimeZone } from "../i18n/time-zones";
import { isLocale, LOCALES, type Locale } from "../shared/locale";

/** Cookies that remember a reader's explicit choice (a year; nothing secret in them). */
export const LANGUAGE_COOKIE = "lang";
export const TIME_ZONE_COOKIE = "tz";
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** How the language was decided: a reader's choice wins, then the browser, then the default. */
export type LocaleSource = "choice" | "browser" | "default";

const detector = {
	supportedLanguages: [...LOCALES],
	fallbackLanguage: "en",
	lookupQueryString: "lang",
	lookupCookie: LANGUAGE_COOKIE,
	lookupFromHeaderKey: "accept-language",
	ignoreCase: true,
} as const;

/**
 * The reader's language: `?lang=` (the switcher's links), then the `lang` cookie, then the
 * browser's `Accept-Language`, then `fallback`. Hono's own detectors read each source.
 */
export function negotiateLocale(c: Context, fallback: Locale): { locale: Locale; source: LocaleSource } {
	// The detectors take Hono's full option object; only the fields above are read.
	const options = detector as unknown as Parameters<typeof detectFromQuery>[1];
	const chosen = detectFromQuery(c, options) ?? detectFromCookie(c, options);
	if (isLocale(chosen)) return { locale: chosen, source: "choice" };
	const browser = detectFromHeader(c, options);
	if (isLocale(browser)) return { locale: browser, source: "browser" };
	return { locale: fallback, source: "default" };
}

/** The zone the reader chose (`tz` cookie or `?tz=`), if the runtime knows it. */
function chosenTimeZone(c: Context): string | null {
	// An unknown zone in the query is ignored like no zone, not allowed to hide the remembered one.
	return [c.req.query("tz"), getCookie(c, TIME_ZONE_COOKIE)].find((zone) => zone !== undefined && isTimeZone(zone)) ?? null;
}

/** The page's URL without the one-off `lang` and `tz` parameters, for the switcher's links. */
function pageUrlWithoutChoice(url: string): string {
	const parsed = new URL(url);
	parsed.searchParams.delete("lang");
	parsed.searchParams.delete("tz");
	return `${parsed.pathname}${parsed.search}`;
}

/** Remembers an explicit choice made through the query, so links need not carry it. */
function rememberChoice(c: Context, name: string, value: string) {
	setCookie(c, name, value, { path: "/", sameSite: "Lax", httpOnly: true, secure: new URL(c.req.url).protocol === "https:", maxAge: ONE_YEAR_SECONDS });
}

function setI18n(c: Context<AppEnv>, fallbackLocale: Locale) {
	const { i18n: options } = c.var.deps.config;
	const { locale, source } = negotiateLocale(c, fallbackLocale);
	c.set("i18n", createI18n(locale, chosenTimeZone(c), { fallback: options.fallback, here: pageUrlWithoutChoice(c.req.url) }));
	c.set("localeSource", source);
}

/**
 * Decides every request's language and time zone (`c.var.i18n`): pages, mails queued by the
 * request and API error messages all follow it. A valid `?lang=` or `?tz=` is remembered in a
 * cookie; invalid values are ignored, never an error.
 */
export const i18nMiddleware: MiddlewareHandler<AppEnv> = createMiddleware<AppEnv>(async (c, next) => {
	setI18n(c, c.var.deps.config.i18n.defaultLocale);
	const lang = c.req.query("lang")?.toLowerCase();
	if (isLocale(lang)) rememberChoice(c, LANGUAGE_COOKIE, lang);
	const tz = c.req.query("tz");
	if (tz && isTimeZone(tz)) rememberChoice(c, TIME_ZONE_COOKIE, tz);
	await next();
});

/**
 * A product line's own default language (the portrait pages default to Korean): used only when
 * the reader chose none and the browser asks for none the store speaks.
 */
export function preferLocale(locale: Locale): MiddlewareHandler<AppEnv> {
	return createMiddleware<AppEnv>(async (c, next) => {
		if (c.var.localeSource === "default") setI18n(c, locale);
		await next();
	});
}
