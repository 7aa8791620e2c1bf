import type { Locale } from "../shared/locale";
import { productLanguages } from "./languages";

/**
 * Where each language version of a product lives in its package. The primary language (listed
 * first) keeps the root, so a one-language product is laid out as it always was and the
 * storefront's preview opens its `index.html`; every further language is a complete version in
 * its own folder (`en/index.html`, `en/guide.md`, …). One package holds them all: a buyer who
 * pays for a product gets every language it lists.
 */
export function versionFolder(language: Locale, stored: string): string {
	return language === productLanguages(stored)[0] ? "" : `${language}/`;
}

/** A product's language versions, primary first, each with its folder prefix. */
export function languageVersions(stored: string): { language: Locale; folder: string }[] {
	return productLanguages(stored).map((language) => ({ language, folder: versionFolder(language, stored) }));
}

/**
 * The files of one language version, with paths relative to it: the files under its folder, or
 * for the primary version every file outside the other versions' folders.
 */
export function filesOfVersion<F extends { path: string }>(files: readonly F[], language: Locale, stored: string): F[] {
	const folder = versionFolder(language, stored);
	if (folder) return files.filter((file) => file.path.startsWith(folder)).map((file) => ({ ...file, path: file.path.slice(folder.length) }));
	const others = languageVersions(stored)
		.map((version) => version.folder)
		.filter(Boolean);
	return files.filter((file) => !others.some((other) => file.path.startsWith(other)));
}

/** Title and description per language, as stored in `products.texts`. */
export type ProductTexts = Partial<Record<Locale, { title: string; description: string }>>;

/** `products.texts`, read defensively: a malformed or absent value is no texts. */
export function parseProductTexts(stored: string | null): ProductTexts {
	if (!stored) return {};
	try {
		const parsed: unknown = JSON.parse(stored);
		return parsed && typeof parsed === "object" ? (parsed as ProductTexts) : {};
	} catch {
		return {};
	}
}
