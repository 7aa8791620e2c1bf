import { withJosa } from "./josa";

/** Values substituted into `{name}` placeholders of the phrase banks. */
export type TextVars = Readonly<Record<string, string>>;

/**
 * Fills `{name}` placeholders, and `{name:PARTICLE}` with a Korean particle that agrees with the
 * value (see `domains/types.ts`). Unknown names are left as written rather than throwing,
 * because a visible typo in one sentence is better than a failed generation.
 */
export function fill(template: string, vars: TextVars): string {
	return template.replace(/\{([A-Za-z]+)(?::([\p{Script=Hangul}]+))?\}/gu, (whole, name: string, particle: string | undefined) => {
		const value = vars[name];
		if (value === undefined) return whole;
		return particle ? withJosa(value, particle) : value;
	});
}

/** Upper-cases the first letter unless the word is already mixed-case (such as "iPhone"). */
export function capitalize(text: string): string {
	const first = text.charAt(0);
	const second = text.charAt(1);
	if (second !== "" && second !== second.toLowerCase()) return text;
	return first.toUpperCase() + text.slice(1);
}

/** Shortens text to `max` characters on a word boundary, adding an ellipsis when cut. */
export function truncate(text: string, max: number): string {
	if (text.length <= max) return text;
	const cut = text.slice(0, max - 1);
	const space = cut.lastIndexOf(" ");
	return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
