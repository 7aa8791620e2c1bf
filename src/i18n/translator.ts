import i18next, { type TFunction } from "i18next";
import type { Locale } from "../shared/locale";
import { en } from "./en";
import { ko } from "./ko";

/** Every namespace, "common" first: its keys need no prefix, the others' do (`"errors:title.NOT_FOUND"`). */
const NAMESPACES = [
	"common",
	"errors",
	"storefront",
	"account",
	"styles",
	"admin",
	"mail",
	"portraits",
	"community",
	"feed",
	"profile",
	"earnings",
	"video",
	"channels",
] as const satisfies readonly (keyof typeof en)[];

export type Translate = TFunction<typeof NAMESPACES>;

/** Shown instead of a message that no catalogue has: loud on purpose, and found by the tests. */
export const MISSING_MARK = "⟦missing⟧";

/**
 * One i18next instance per fallback setting, made on first use and kept for the isolate's life:
 * initialising parses nothing (the catalogues are plain objects) and is synchronous.
 */
const instances = new Map<boolean, ReturnType<typeof i18next.createInstance>>();

function instance(fallback: boolean) {
	let made = instances.get(fallback);
	if (!made) {
		made = i18next.createInstance();
		void made.init({
			resources: { en, ko },
			ns: [...NAMESPACES],
			defaultNS: "common",
			// No language is loaded later: everything is bundled, so initialise synchronously.
			initAsync: false,
			// Production shows English rather than nothing; tests turn it off so a gap is seen.
			fallbackLng: fallback ? "en" : false,
			supportedLngs: ["ko", "en"],
			// hono/jsx escapes what it renders; escaping here too would show `&amp;` to people.
			interpolation: { escapeValue: false },
			returnNull: false,
			parseMissingKeyHandler: (key: string) => `${MISSING_MARK}${key}`,
		});
		instances.set(fallback, made);
	}
	return made;
}

/** The message function of one language. */
export function translator(locale: Locale, { fallback }: { fallback: boolean }): Translate {
	return instance(fallback).getFixedT(locale, NAMESPACES);
}
