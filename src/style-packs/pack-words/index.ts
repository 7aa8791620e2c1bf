import type { Locale } from "../../shared/locale";
import { en } from "./en";
import { ko } from "./ko";
import type { PackWords } from "./types";

/** The words of each language a pack can be written in; a new language is one more file here. */
const WORDS: Readonly<Record<Locale, PackWords>> = { en, ko };

/** The words a pack in `language` is written with. */
export function packWords(language: Locale): PackWords {
	return WORDS[language];
}

export type { PackWords } from "./types";
