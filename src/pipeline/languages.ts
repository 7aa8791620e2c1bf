import { isLocale, type Locale } from "../shared/locale";

/** A product's languages from its `languages` column ("ko,en"), primary first; English when empty. */
export function productLanguages(stored: string): Locale[] {
	const list = stored.split(",").filter(isLocale);
	return list.length > 0 ? list : ["en"];
}

/** The language a product's title and generated files are written in: the first one listed. */
export function primaryLanguage(stored: string): Locale {
	return productLanguages(stored)[0] ?? "en";
}
