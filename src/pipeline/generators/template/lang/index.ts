import type { Locale } from "../../../../shared/locale";
import { en } from "./en";
import { ko } from "./ko";
import type { KitLanguage } from "./types";

/** Every language the template generator writes; a new language is one more file here. */
const LANGUAGES: Readonly<Record<Locale, KitLanguage>> = { en, ko };

/** All languages, for what must look across them (detection words). */
export const ALL_LANGUAGES: readonly KitLanguage[] = Object.values(LANGUAGES);

export function kitLanguage(locale: Locale): KitLanguage {
	return LANGUAGES[locale];
}

export type { ContentBank, KitLanguage, KitUi } from "./types";
