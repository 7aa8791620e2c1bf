import { en } from "../../src/i18n/en";
import { createI18n } from "../../src/i18n/i18n";

type Tree = { readonly [key: string]: string | Tree };
const korean = createI18n("ko", null, { fallback: false });
const english = createI18n("en", null, { fallback: false });

function keysOf(tree: Tree, prefix: string): string[] {
	return Object.entries(tree).flatMap(([key, value]) => (typeof value === "string" ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`)));
}

/** Every catalogue key, as `t()` takes it (`common` without a prefix). */
const ALL_KEYS = Object.entries(en as unknown as Record<string, Tree>).flatMap(([ns, tree]) => keysOf(tree, ns === "common" ? "" : `${ns}:`));

/**
 * The Korean a page shows where the English page shows `text`: the catalogue message whose
 * English (with `values`) is `text`, in Korean. The browser journeys name buttons and labels in
 * the English they were written in, and run against Korean pages through this; a text with no
 * message (an untranslated string) throws, naming it.
 */
export function ko(text: string, values: Record<string, unknown> = {}): string {
	const translate = (t: typeof korean.t, key: string) =>
		(t as (key: string, values: Record<string, unknown>) => string)(key.replace(/_(one|other)$/, ""), values);
	const key = ALL_KEYS.find((candidate) => translate(english.t, candidate) === text);
	if (!key) throw new Error(`no catalogue message reads ${JSON.stringify(text)} in English`);
	return translate(korean.t, key);
}
