import { ChannelCallFailed, type VideoUpload } from "../adapter";

/**
 * The video's snippet and status as YouTube accepts them. YouTube refuses (400, not retryable)
 * a title over 100 characters, a description over 5,000 bytes, `<` or `>` in either, and tags
 * over 500 characters in all; a product's text can hold any of these, so it is fitted here
 * rather than failing the publish.
 */

const TITLE_CHARS = 100;
const DESCRIPTION_BYTES = 5_000;
const TAGS_CHARS = 500;
/** "People & Blogs", YouTube's general category: the adapter has no finer signal. */
const CATEGORY_ID = "22";

const withoutAngles = (text: string) => text.replace(/[<>]/g, "");

/** The first `max` characters (code points, so a Korean syllable or an emoji is never cut in half). */
function firstChars(text: string, max: number): string {
	return Array.from(text).slice(0, max).join("");
}

/** The longest start of `text` within `max` UTF-8 bytes. */
function firstBytes(text: string, max: number): string {
	const encoder = new TextEncoder();
	let bytes = 0;
	let kept = "";
	for (const char of text) {
		bytes += encoder.encode(char).byteLength;
		if (bytes > max) break;
		kept += char;
	}
	return kept;
}

/** Tags in order while they fit: YouTube counts a comma between tags and quotes around a tag with a space. */
function fittingTags(tags: string[]): string[] {
	const kept: string[] = [];
	let used = 0;
	for (const raw of tags) {
		const tag = withoutAngles(raw).replace(/,/g, " ").trim();
		if (!tag || kept.includes(tag)) continue;
		const cost = tag.length + (tag.includes(" ") ? 2 : 0) + (kept.length > 0 ? 1 : 0);
		if (used + cost > TAGS_CHARS) break;
		kept.push(tag);
		used += cost;
	}
	return kept;
}

/** The `videos.insert` body; a title with nothing left once fitted is refused (not retryable). */
export function youtubeVideoResource(upload: Pick<VideoUpload, "title" | "description" | "tags" | "visibility">) {
	const title = firstChars(withoutAngles(upload.title).trim(), TITLE_CHARS).trim();
	if (!title) throw new ChannelCallFailed("the video needs a title (YouTube refuses an empty one)", false, null);
	return {
		snippet: { title, description: firstBytes(withoutAngles(upload.description), DESCRIPTION_BYTES), tags: fittingTags(upload.tags), categoryId: CATEGORY_ID },
		// YouTube asks every upload whether it is made for children (COPPA); the factory's videos are not.
		status: { privacyStatus: upload.visibility, selfDeclaredMadeForKids: false },
	};
}
