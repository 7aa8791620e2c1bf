import { z } from "zod";
import { slugify } from "../lib/slug";

/**
 * What an artist may write on a style, as JSON or as a form: tags as an array or as one
 * comma-separated string, the price as a number or a numeric string.
 */

/** Letters of a tag: ASCII letters and digits, and Hangul (syllables and compatibility jamo). */
const TAG_WORD = "[a-z0-9\\u3131-\\u318e\\uac00-\\ud7a3]+";
/** Tags are keywords in English or Korean: words of {@link TAG_WORD} joined by single spaces or hyphens. */
const TAG_PATTERN = new RegExp(`^${TAG_WORD}(?:[ -]${TAG_WORD})*$`);
export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 32;

/** NFC, so Hangul typed on macOS (which may send decomposed jamo) is the same tag as elsewhere. */
function normaliseTag(tag: string): string {
	return tag.normalize("NFC").trim().toLowerCase().replace(/\s+/g, " ");
}

/** One tag: lowercased and trimmed, then checked; a word in another script is refused, not mangled. */
const Tag = z
	.string()
	.transform(normaliseTag)
	.pipe(
		z
			.string()
			.min(1, "empty tag")
			.max(MAX_TAG_LENGTH, `tags are at most ${MAX_TAG_LENGTH} characters`)
			.regex(TAG_PATTERN, "tags must be keywords: letters a-z or Hangul, digits, spaces and hyphens"),
	);

/** Tags as a JSON array, or one comma-separated string from a form; blanks dropped, duplicates merged. */
const Tags = z
	.union([z.array(z.string()), z.string()])
	.transform((value) => (Array.isArray(value) ? value : value.split(",")).filter((tag) => tag.trim() !== ""))
	.pipe(z.array(Tag).max(MAX_TAGS, `at most ${MAX_TAGS} tags`))
	.transform((tags) => [...new Set(tags)]);

const Title = z.string().trim().min(3, "at least 3 characters").max(80, "at most 80 characters");
const Description = z.string().trim().max(2000, "at most 2000 characters");
const PriceCredits = z.coerce.number().int("a whole number of credits").min(1).max(1000);

/** Body of `POST /api/styles`. */
export const CreateStyleInput = z.object({
	title: Title,
	description: Description.default(""),
	tags: Tags.default([]),
	price_credits: PriceCredits,
});
export type CreateStyleInput = z.output<typeof CreateStyleInput>;

/** Body of `PATCH /api/styles/:id`: any of the create fields. */
export const UpdateStyleInput = z
	.object({ title: Title, description: Description, tags: Tags, price_credits: PriceCredits })
	.partial()
	.refine((value) => Object.values(value).some((field) => field !== undefined), "nothing to change");
export type UpdateStyleInput = z.output<typeof UpdateStyleInput>;

/**
 * The tag the title becomes: lowercase, accents folded to ASCII, Hangul kept, anything else a
 * separator, cut at a word boundary to fit a tag. Empty when the title has no such letters.
 */
export function titleTag(title: string): string {
	const folded = title
		.normalize("NFKD")
		.replace(/[\u0300-\u036f]/g, "")
		// NFKD split Hangul syllables into jamo to fold accents; put them back together.
		.normalize("NFC")
		.toLowerCase()
		.replace(/[^a-z0-9\u3131-\u318e\uac00-\ud7a3-]+/g, " ")
		.replace(/-+/g, "-")
		.split(" ")
		.map((word) => word.replace(/^-+|-+$/g, ""))
		.filter(Boolean);
	let tag = "";
	for (const word of folded) {
		const next = tag ? `${tag} ${word}` : word;
		if (next.length > MAX_TAG_LENGTH) break;
		tag = next;
	}
	return tag || (folded[0] ?? "").slice(0, MAX_TAG_LENGTH);
}

/** The stored tag list: the title's tag first, then the artist's tags, without repeats. */
export function tagsWithTitle(title: string, tags: readonly string[]): string[] {
	const first = titleTag(title);
	return [...new Set(first ? [first, ...tags] : tags)];
}

/**
 * A URL slug for a title: ASCII words joined by hyphens, at most 60 characters; "style" when
 * the title has no ASCII letters or digits.
 */
export function slugForTitle(title: string): string {
	return slugify(title, 60, "style");
}
