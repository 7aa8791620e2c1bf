import { and, desc, eq, ne, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { avatarUrlOf, shownNickname } from "../accounts/public-user";
import type { Db } from "../db/client";
import { afterCursor, encodeCursor } from "../db/cursor";
import { generations, styles, users } from "../db/schema";
import { AppError } from "../lib/errors";
import { base64Url } from "../lib/hash";
import { type FeedRow, feedItemJson, imageUrlOf, publicImage, selectFeedRows } from "./feed";

/** `?q=&sort=&cursor=` of the search page and API. `q` is NFC (as nicknames and tags are stored) and lowercased. */
export const SearchQuery = z.object({
	q: z
		.string()
		.trim()
		.max(100)
		.transform((text) => text.normalize("NFC").toLowerCase())
		.default(""),
	sort: z.enum(["recent", "popular"]).default("recent"),
	cursor: z.string().max(300).optional(),
});
export type SearchQuery = z.output<typeof SearchQuery>;

/** Styles and artists: the best few only (the search is a starting point, not a listing). */
export const SEARCH_SECTION_SIZE = 12;
/** Images per page; only they page on (`next_cursor`). */
export const SEARCH_IMAGE_PAGE = 24;

/** `text` as a LIKE pattern matching it anywhere, its own wildcards escaped with `\`. */
export function containsPattern(text: string): string {
	return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** A style matches by title or by one of its tags (lowercase, NFC, Hangul allowed). */
function styleMatches(pattern: string): SQL {
	return sql`(lower(${styles.title}) LIKE ${pattern} ESCAPE '\\' OR EXISTS (SELECT 1 FROM json_each(${styles.tags}) WHERE json_each.value LIKE ${pattern} ESCAPE '\\'))`;
}

/** An artist matches by nickname, whatever its case (`lower()` for ASCII; Hangul has none). */
function nicknameMatches(pattern: string): SQL {
	return sql`lower(${users.nickname}) LIKE ${pattern} ESCAPE '\\'`;
}

/** A style as the search shows it. */
export type SearchStyle = {
	id: string;
	slug: string;
	title: string;
	tags: string[];
	generation_count: number;
	artist: { id: string; nickname: string; avatar_url: string | null };
};

/** An artist as the search shows them. */
export type SearchArtist = { id: string; nickname: string; bio: string; avatar_url: string | null; follower_count: number; status: string };

function parseTags(json: string): string[] {
	try {
		const value: unknown = JSON.parse(json);
		return Array.isArray(value) ? value.filter((tag): tag is string => typeof tag === "string") : [];
	} catch {
		return [];
	}
}

/** Trained styles by title or tag; `popular` = most generations, `recent` = newest. */
async function searchStyles(db: Db, query: SearchQuery): Promise<SearchStyle[]> {
	const pattern = containsPattern(query.q);
	const rows = await db
		.select({
			style: { id: styles.id, slug: styles.slug, title: styles.title, tags: styles.tags, generationCount: styles.generationCount },
			artist: { id: users.id, nickname: users.nickname, avatarR2Key: users.avatarR2Key },
		})
		.from(styles)
		.innerJoin(users, eq(users.id, styles.artistId))
		.where(and(eq(styles.status, "completed"), ne(users.status, "deleted"), query.q ? styleMatches(pattern) : undefined))
		.orderBy(...(query.sort === "popular" ? [desc(styles.generationCount), desc(styles.createdAt)] : [desc(styles.createdAt)]), desc(styles.id))
		.limit(SEARCH_SECTION_SIZE);
	return rows.map(({ style, artist }) => ({
		id: style.id,
		slug: style.slug,
		title: style.title,
		tags: parseTags(style.tags),
		generation_count: style.generationCount,
		artist: { id: artist.id, nickname: shownNickname(artist), avatar_url: avatarUrlOf(artist) },
	}));
}

/** Artists by nickname; `popular` = most followers (index `users_role_followers`), `recent` = newest. */
async function searchArtists(db: Db, query: SearchQuery): Promise<SearchArtist[]> {
	const rows = await db
		.select({
			id: users.id,
			nickname: users.nickname,
			bio: users.bio,
			avatarR2Key: users.avatarR2Key,
			followerCount: users.followerCount,
			status: users.status,
		})
		.from(users)
		.where(and(eq(users.role, "artist"), ne(users.status, "deleted"), query.q ? nicknameMatches(containsPattern(query.q)) : undefined))
		.orderBy(...(query.sort === "popular" ? [desc(users.followerCount), desc(users.createdAt)] : [desc(users.createdAt)]), desc(users.id))
		.limit(SEARCH_SECTION_SIZE);
	return rows.map((row) => ({
		id: row.id,
		nickname: shownNickname(row),
		bio: row.bio,
		avatar_url: avatarUrlOf(row),
		follower_count: row.followerCount,
		status: row.status,
	}));
}

/** The cursor of a `popular` image page: (like_count, created_at, id) of its last image. */
function decodePopularCursor(cursor: string): [number, string, string] {
	try {
		const value: unknown = JSON.parse(atob(cursor.replaceAll("-", "+").replaceAll("_", "/")));
		if (Array.isArray(value) && value.length === 3 && typeof value[0] === "number" && typeof value[1] === "string" && typeof value[2] === "string") {
			return [value[0], value[1], value[2]];
		}
	} catch {
		// fall through to the validation error
	}
	throw new AppError(400, "VALIDATION_FAILED", "cursor: not a cursor returned by this search (with this sort)");
}

/**
 * Public images of matching styles or artists, or whose prompt matches; `popular` = most liked
 * (index `generations_public_likes`), `recent` = newest (`generations_public_created`). Each
 * page is one index scan in the page's order, stopped by the LIMIT.
 */
async function searchImages(db: Db, query: SearchQuery): Promise<{ rows: FeedRow[]; nextCursor: string | null }> {
	const pattern = containsPattern(query.q);
	// The matching styles and artists are found once (uncorrelated subqueries the planner keeps as
	// lookup tables), so each image scanned costs a lookup, not a JSON scan of its style's tags.
	const matches = query.q
		? or(
				sql`${generations.styleId} IN (SELECT ms.id FROM styles ms WHERE lower(ms.title) LIKE ${pattern} ESCAPE '\\' OR EXISTS (SELECT 1 FROM json_each(ms.tags) WHERE json_each.value LIKE ${pattern} ESCAPE '\\'))`,
				sql`${styles.artistId} IN (SELECT mu.id FROM users mu WHERE lower(mu.nickname) LIKE ${pattern} ESCAPE '\\')`,
				sql`lower(${generations.prompt}) LIKE ${pattern} ESCAPE '\\'`,
			)
		: undefined;
	let after: SQL | undefined;
	if (query.cursor && query.sort === "popular") {
		const [likes, createdAt, id] = decodePopularCursor(query.cursor);
		after = sql`(${generations.likeCount}, ${generations.createdAt}, ${generations.id}) < (${likes}, ${createdAt}, ${id})`;
	} else if (query.cursor) {
		after = afterCursor(query.cursor, generations.createdAt, generations.id);
	}
	const order =
		query.sort === "popular"
			? [desc(generations.likeCount), desc(generations.createdAt), desc(generations.id)]
			: [desc(generations.createdAt), desc(generations.id)];
	const rows = await selectFeedRows(db)
		.where(and(publicImage(), matches, after))
		.orderBy(...order)
		.limit(SEARCH_IMAGE_PAGE + 1);
	const page = rows.slice(0, SEARCH_IMAGE_PAGE);
	const last = page.at(-1);
	let nextCursor: string | null = null;
	if (rows.length > SEARCH_IMAGE_PAGE && last) {
		nextCursor = query.sort === "popular" ? base64Url(JSON.stringify([last.likeCount, last.createdAt, last.id])) : encodeCursor(last.createdAt, last.id);
	}
	return { rows: page, nextCursor };
}

/** The search's results: styles, artists, and a page of images (their rows, for the page's cards). */
export type SearchResults = { styles: SearchStyle[]; artists: SearchArtist[]; images: FeedRow[]; nextCursor: string | null };

/**
 * Searches styles (title, tags), artists (nickname) and public images (of those, or by prompt).
 * An empty `q` lists everything in the chosen order. A next page (`cursor`) pages the images
 * only, so styles and artists are not read again.
 */
export async function search(db: Db, query: SearchQuery): Promise<SearchResults> {
	const [foundStyles, foundArtists, images] = await Promise.all([
		query.cursor ? [] : searchStyles(db, query),
		query.cursor ? [] : searchArtists(db, query),
		searchImages(db, query),
	]);
	return { styles: foundStyles, artists: foundArtists, images: images.rows, nextCursor: images.nextCursor };
}

/** The search as API.md shows it (`liked_by_me` when the reader is signed in). */
export function searchJson(results: SearchResults, liked: ReadonlySet<string> | null) {
	return {
		styles: results.styles,
		artists: results.artists,
		images: results.images.map((row) => feedItemJson(row, liked ? liked.has(row.id) : undefined)),
		next_cursor: results.nextCursor,
	};
}

/** Followed artists shown on the search page, newest follows first, and images shown per artist. */
export const FOLLOWING_ARTISTS = 12;
export const FOLLOWING_IMAGES_EACH = 4;

/** An artist the viewer follows, with their newest public images. */
export type FollowedArtist = {
	id: string;
	nickname: string;
	avatar_url: string | null;
	follower_count: number;
	images: { id: string; image_url: string; title: string; prompt: string }[];
};

type FollowingRow = {
	artist_id: string;
	nickname: string | null;
	avatar_r2_key: string | null;
	follower_count: number;
	followed_at: string;
	image_id: string | null;
	style_title: string | null;
	prompt: string | null;
};

/**
 * The artists `viewerId` follows (newest follows first) and each one's newest public images
 * (made in their styles), in ONE query: the images are ranked per artist with a window
 * function over those artists' styles only (never a scan of the whole feed).
 */
export async function followingSection(db: Db, viewerId: string): Promise<FollowedArtist[]> {
	const rows = await db.all<FollowingRow>(sql`
		WITH followed AS (
			SELECT f.followee_id AS id, f.created_at AS followed_at
			FROM follows f JOIN users u ON u.id = f.followee_id
			WHERE f.follower_id = ${viewerId} AND u.status <> 'deleted'
			ORDER BY f.created_at DESC LIMIT ${FOLLOWING_ARTISTS}
		),
		newest AS (
			SELECT s.artist_id, g.id AS image_id, s.title AS style_title, g.prompt,
				ROW_NUMBER() OVER (PARTITION BY s.artist_id ORDER BY g.created_at DESC, g.id DESC) AS rank
			FROM followed
			CROSS JOIN styles s ON s.artist_id = followed.id
			CROSS JOIN generations g ON g.style_id = s.id
			JOIN users owner ON owner.id = g.user_id
			-- CROSS JOIN keeps this order (followed → their styles → each style's images, index
			-- generations_style_created); the unary + keeps the planner off the public-images indexes,
			-- which would scan every public image instead of these artists' few.
			WHERE +g.visibility = 'public' AND +g.status = 'completed' AND g.refunded_at IS NULL AND owner.status <> 'deleted'
		)
		SELECT u.id AS artist_id, u.nickname, u.avatar_r2_key, u.follower_count, followed.followed_at,
			newest.image_id, newest.style_title, newest.prompt
		FROM followed
		JOIN users u ON u.id = followed.id
		LEFT JOIN newest ON newest.artist_id = u.id AND newest.rank <= ${FOLLOWING_IMAGES_EACH}
		ORDER BY followed.followed_at DESC, u.id, newest.rank
	`);
	const artists = new Map<string, FollowedArtist>();
	for (const row of rows) {
		let artist = artists.get(row.artist_id);
		if (!artist) {
			artist = {
				id: row.artist_id,
				nickname: shownNickname({ id: row.artist_id, nickname: row.nickname }),
				avatar_url: avatarUrlOf({ id: row.artist_id, avatarR2Key: row.avatar_r2_key }),
				follower_count: Number(row.follower_count),
				images: [],
			};
			artists.set(row.artist_id, artist);
		}
		if (row.image_id) artist.images.push({ id: row.image_id, image_url: imageUrlOf(row.image_id), title: row.style_title ?? "", prompt: row.prompt ?? "" });
	}
	return [...artists.values()];
}
