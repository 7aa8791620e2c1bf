/**
 * The text a browser would show for an HTML fragment: tags, comments and the contents of
 * script-like elements dropped, character references decoded. A tokenizer after the HTML
 * standard's own states (simplified where it changes nothing for text), not a regex, so that
 * `<scr<script>ipt>` or a `>` inside a quoted attribute cannot smuggle markup through.
 */

/** Elements whose content is never shown as text (raw text and escapable raw text elements, plus noscript). */
const HIDDEN_CONTENT = new Set(["script", "style", "template", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"]);

/** The few named references worth decoding in a prompt; any other `&name;` is dropped whole. */
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

const isAsciiAlpha = (ch: string | undefined) => ch !== undefined && /^[A-Za-z]$/.test(ch);
const isSpace = (ch: string | undefined) => ch !== undefined && /^[\t\n\f\r ]$/.test(ch);

/** Decodes the character reference at `input[at] === "&"`; returns the text and where to go on. */
function characterReference(input: string, at: number): [string, number] {
	const numeric = /^&#(?:[xX]([0-9A-Fa-f]{1,6})|([0-9]{1,7}));?/.exec(input.slice(at, at + 12));
	if (numeric) {
		const code = numeric[1] !== undefined ? Number.parseInt(numeric[1], 16) : Number(numeric[2]);
		// The standard turns NUL, surrogates and out-of-range values into U+FFFD: nothing a prompt wants.
		const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
		return [valid ? String.fromCodePoint(code) : " ", at + numeric[0].length];
	}
	const named = /^&([A-Za-z][A-Za-z0-9]{0,31});/.exec(input.slice(at, at + 34));
	if (named?.[1] !== undefined) return [NAMED[named[1].toLowerCase()] ?? " ", at + named[0].length];
	return ["&", at + 1];
}

/** Skips a tag starting after `<` or `</` at `at`; returns its lowercase name and the index after its `>` (or the end). */
function skipTag(input: string, at: number): [string, number] {
	let i = at;
	let name = "";
	// The tag name runs to whitespace, `/` or `>`; a `<` inside it is part of the name.
	while (i < input.length && !isSpace(input[i]) && input[i] !== "/" && input[i] !== ">") name += input[i++];
	// Attributes: names, `=`, values quoted or not; only an unquoted `>` ends the tag.
	while (i < input.length && input[i] !== ">") {
		const ch = input[i];
		if (ch === '"' || ch === "'") {
			const close = input.indexOf(ch, i + 1);
			i = close < 0 ? input.length : close + 1;
		} else {
			i++;
		}
	}
	return [name.toLowerCase(), Math.min(i + 1, input.length)];
}

/** Index just past the end tag `</name` (followed by whitespace, `/` or `>`) closing a hidden-content element, or the end. */
function skipHiddenContent(input: string, at: number, name: string): number {
	const lower = input.toLowerCase();
	let from = at;
	for (;;) {
		const found = lower.indexOf(`</${name}`, from);
		if (found < 0) return input.length;
		const after = lower[found + 2 + name.length];
		if (after === undefined || isSpace(after) || after === "/" || after === ">") return skipTag(input, found + 2)[1];
		from = found + 2;
	}
}

/** The visible text of an HTML fragment; each tag and comment becomes a space, so words on either side stay apart. */
export function htmlText(input: string): string {
	let out = "";
	let i = 0;
	while (i < input.length) {
		const ch = input[i];
		if (ch === "&") {
			const [text, next] = characterReference(input, i);
			out += text;
			i = next;
			continue;
		}
		if (ch !== "<") {
			out += ch;
			i++;
			continue;
		}
		const next = input[i + 1];
		if (input.startsWith("<!--", i)) {
			const end = input.indexOf("-->", i + 4);
			i = end < 0 ? input.length : end + 3;
		} else if (next === "!" || next === "?" || (next === "/" && !isAsciiAlpha(input[i + 2]) && input[i + 2] !== undefined)) {
			// Doctypes, processing instructions, `</3` and the like: bogus comments up to the next `>`.
			const end = input.indexOf(">", i + 2);
			i = end < 0 ? input.length : end + 1;
		} else if (next === "/" || isAsciiAlpha(next)) {
			const end = next === "/";
			const [name, after] = skipTag(input, i + (end ? 2 : 1));
			i = !end && HIDDEN_CONTENT.has(name) ? skipHiddenContent(input, after, name) : after;
		} else {
			// `<` not starting a tag ("a < b") is text.
			out += ch;
			i++;
			continue;
		}
		out += " ";
	}
	return out;
}
