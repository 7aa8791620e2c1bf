import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../src/db/client";
import { follows, generationLikes } from "../../src/db/community-schema";
import { generations, styles, users } from "../../src/db/schema";
import { newId } from "../../src/lib/ids";
import { RETENTION } from "../../src/views/legal/retention";
import { api, type ErrorBody } from "../support/helpers";
import { createTestUser, type TestUser, userApi } from "../support/user-helpers";

const db = () => getDb(env.DB);

type FeedItem = {
	id: string;
	image_url: string;
	style: { id: string; slug: string; title: string };
	artist: { id: string; nickname: string; avatar_url: string | null };
	like_count: number;
	comment_count: number;
	liked_by_me?: boolean;
	created_at: string;
};
type FeedBody = { items: FeedItem[]; next_cursor: string | null };
type SearchBody = {
	styles: { id: string; title: string; tags: string[] }[];
	artists: { id: string; nickname: string; follower_count: number }[];
	images: FeedItem[];
	next_cursor: string | null;
};

/** A short unique suffix, so each test's nicknames, tags and prompts are its own. */
const unique = () => newId("x").slice(-8);

/** A user with a nickname (and a real name that must never be shown). */
async function person(nickname: string, opts: { role?: "user" | "artist"; followers?: number; createdAt?: string } = {}): Promise<TestUser> {
	const who = await createTestUser({ role: opts.role ?? "user", name: `Real Name ${nickname}` });
	await db()
		.update(users)
		.set({ nickname, followerCount: opts.followers ?? 0, ...(opts.createdAt ? { createdAt: opts.createdAt } : {}) })
		.where(eq(users.id, who.user.id));
	return who;
}

/** A trained style of `artist`. */
async function style(artist: TestUser, title: string, tags: string[], opts: { generations?: number; createdAt?: string } = {}) {
	const id = newId("sty");
	await db()
		.insert(styles)
		.values({
			id,
			artistId: artist.user.id,
			slug: `s-${id.slice(-12)}`,
			title,
			tags: JSON.stringify(tags),
			priceCredits: 10,
			status: "completed",
			generationCount: opts.generations ?? 0,
			...(opts.createdAt ? { createdAt: opts.createdAt } : {}),
		});
	return id;
}

type ImageOpts = {
	createdAt: string;
	prompt?: string;
	visibility?: "public" | "private";
	status?: "completed" | "failed";
	refundedAt?: string;
	likes?: number;
	id?: string;
};

/** A generated image stored straight in D1 (public and completed unless told otherwise). */
async function image(owner: TestUser, styleId: string, opts: ImageOpts): Promise<string> {
	const id = opts.id ?? newId("gen");
	await db()
		.insert(generations)
		.values({
			id,
			userId: owner.user.id,
			styleId,
			prompt: opts.prompt ?? "fox, snow, ink",
			aspect: "1:1",
			width: 512,
			height: 512,
			seed: 1,
			costCredits: 10,
			status: opts.status ?? "completed",
			visibility: opts.visibility ?? "public",
			r2Key: `generations/${id}.png`,
			createdAt: opts.createdAt,
			completedAt: opts.createdAt,
			likeCount: opts.likes ?? 0,
			refundedAt: opts.refundedAt ?? null,
		});
	return id;
}

/** Walks `/api/feed` from the top, `limit` at a time, until every id of `wanted` was seen (or the feed ends). */
async function walkFeed(wanted: readonly string[], limit: number, who?: TestUser): Promise<{ seen: string[]; pages: number }> {
	const seen: string[] = [];
	let cursor: string | null = null;
	let pages = 0;
	do {
		const path = `/api/feed?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
		const res = who ? await userApi(who, path) : await api(path, { auth: null });
		expect(res.status).toBe(200);
		const body = (await res.json()) as FeedBody;
		seen.push(...body.items.map((item) => item.id));
		cursor = body.next_cursor;
		pages += 1;
	} while (cursor && !wanted.every((id) => seen.includes(id)) && pages < 200);
	return { seen, pages };
}

function page(path: string, locale: "ko" | "en", who?: TestUser) {
	const headers = { Accept: "text/html", Cookie: `${who ? `${who.cookie}; ` : ""}lang=${locale}` };
	return api(path, { auth: null, headers });
}

describe("GET /api/feed", () => {
	it("lists public, completed, not refunded images of existing owners newest first, in API.md's shape, with liked_by_me only signed in", async () => {
		const tag = unique();
		const artist = await person(`피드작가${tag}`, { role: "artist" });
		const owner = await person(`owner${tag}`);
		const gone = await person(`gone${tag}`);
		const styleId = await style(artist, `Feed ${tag}`, ["ink"]);
		const at = (s: number) => `2090-01-01T00:00:0${s}.000Z`;
		const a = await image(owner, styleId, { createdAt: at(1) });
		const b = await image(owner, styleId, { createdAt: at(2), likes: 1 });
		const c = await image(owner, styleId, { createdAt: at(3) });
		const hidden = [
			await image(owner, styleId, { createdAt: at(4), visibility: "private" }),
			await image(owner, styleId, { createdAt: at(5), status: "failed" }),
			await image(owner, styleId, { createdAt: at(6), refundedAt: at(7) }),
			await image(gone, styleId, { createdAt: at(8) }),
		];
		await db().update(users).set({ status: "deleted", nickname: null }).where(eq(users.id, gone.user.id));

		const anonymous = await walkFeed([a, b, c], 50);
		const mine = anonymous.seen.filter((id) => [a, b, c, ...hidden].includes(id));
		expect(mine).toEqual([c, b, a]);

		const res = await api("/api/feed?limit=50", { auth: null });
		const text = await res.text();
		expect(text).not.toContain("Real Name");
		const body = JSON.parse(text) as FeedBody;
		expect(Object.keys(body).sort()).toEqual(["items", "next_cursor"]);
		const first = (await walkFeedItems(c)) as FeedItem & Record<string, unknown>;
		expect(Object.keys(first).sort()).toEqual(["artist", "comment_count", "created_at", "id", "image_url", "like_count", "style"]);
		expect(first).toMatchObject({
			id: c,
			image_url: `/generations/${c}/image`,
			style: { id: styleId, title: `Feed ${tag}` },
			artist: { id: artist.user.id, nickname: `피드작가${tag}`, avatar_url: null },
			like_count: 0,
			comment_count: 0,
			created_at: at(3),
		});

		// Signed in: liked_by_me on every item, true where a like is stored.
		const viewer = await person(`viewer${tag}`);
		await db().insert(generationLikes).values({ generationId: b, userId: viewer.user.id });
		const signedIn = await walkFeedItemsAs(viewer, [a, b]);
		expect(signedIn.get(b)?.liked_by_me).toBe(true);
		expect(signedIn.get(a)?.liked_by_me).toBe(false);

		const bad = await api("/api/feed?cursor=not-a-cursor", { auth: null });
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as ErrorBody).error.code).toBe("VALIDATION_FAILED");
		expect((await api("/api/feed?limit=101", { auth: null })).status).toBe(400);
	});

	it("pages over the cursor without duplicates or gaps, also across images made at the same instant", async () => {
		const tag = unique();
		const artist = await person(`page${tag}`, { role: "artist" });
		const styleId = await style(artist, `Paging ${tag}`, ["paging"]);
		const same = "2099-06-01T00:00:00.000Z";
		const made: [createdAt: string, id: string][] = [];
		for (const createdAt of [same, same, same, same, "2099-06-01T00:00:01.000Z", "2099-05-31T23:59:59.000Z", "2099-05-31T23:59:58.000Z"]) {
			made.push([createdAt, await image(artist, styleId, { createdAt })]);
		}
		const ids = made.map(([, id]) => id);
		// Newest first; among images of one instant, the greater id first (the cursor's tie-break).
		const expected = [...made].sort(([at1, id1], [at2, id2]) => (at1 === at2 ? (id1 < id2 ? 1 : -1) : at1 < at2 ? 1 : -1)).map(([, id]) => id);
		const { seen, pages } = await walkFeed(ids, 2);
		expect(pages).toBeGreaterThanOrEqual(4);
		expect(new Set(seen).size).toBe(seen.length);
		expect(seen.filter((id) => ids.includes(id))).toEqual(expected);
	});
});

/** One item of the anonymous feed by id (walking from the top). */
async function walkFeedItems(id: string): Promise<FeedItem | undefined> {
	let cursor: string | null = null;
	for (let pages = 0; pages < 200; pages++) {
		const body = (await (await api(`/api/feed?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { auth: null })).json()) as FeedBody;
		const found = body.items.find((item) => item.id === id);
		if (found || !body.next_cursor) return found;
		cursor = body.next_cursor;
	}
	return undefined;
}

/** Items of the feed as `who` sees them, until each of `ids` was seen. */
async function walkFeedItemsAs(who: TestUser, ids: string[]): Promise<Map<string, FeedItem>> {
	const found = new Map<string, FeedItem>();
	let cursor: string | null = null;
	for (let pages = 0; pages < 200 && !ids.every((id) => found.has(id)); pages++) {
		const body = (await (await userApi(who, `/api/feed?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`)).json()) as FeedBody;
		for (const item of body.items) {
			expect(typeof item.liked_by_me).toBe("boolean");
			found.set(item.id, item);
		}
		if (!body.next_cursor) break;
		cursor = body.next_cursor;
	}
	return found;
}

describe("GET /api/search", () => {
	it("finds styles by Hangul tag and title, artists by Hangul nickname and case-insensitively, images by style, artist or prompt; NFC and LIKE wildcards handled", async () => {
		const tag = unique();
		const artist = await person(`수채화가${tag}`, { role: "artist" });
		const latin = await person(`MixedCase_${tag}`, { role: "artist" });
		const owner = await person(`buyer${tag}`);
		const watercolour = await style(artist, `물빛 고양이 ${tag}`, [`수채${tag}`, "cat"]);
		const other = await style(latin, `Plain ${tag}`, ["plain"]);
		const byStyle = await image(owner, watercolour, { createdAt: "2091-01-01T00:00:00.000Z" });
		const byPrompt = await image(owner, other, { createdAt: "2091-01-01T00:00:01.000Z", prompt: `lighthouse${tag}, dusk` });
		const privateOne = await image(owner, watercolour, { createdAt: "2091-01-01T00:00:02.000Z", visibility: "private" });

		const search = async (q: string, extra = "") => {
			const res = await api(`/api/search?q=${encodeURIComponent(q)}${extra}`, { auth: null });
			expect(res.status).toBe(200);
			return (await res.json()) as SearchBody;
		};
		// The Hangul tag, typed decomposed (NFD) as some keyboards send it.
		const byTag = await search(`수채${tag}`.normalize("NFD"));
		expect(byTag.styles.map((s) => s.id)).toEqual([watercolour]);
		expect(byTag.styles[0]?.tags).toContain("cat");
		expect(byTag.images.map((i) => i.id)).toEqual([byStyle]);
		expect(byTag.images.map((i) => i.id)).not.toContain(privateOne);
		expect((await search(`물빛 고양이 ${tag}`)).styles.map((s) => s.id)).toEqual([watercolour]);

		const byNickname = await search(`수채화가${tag}`);
		expect(byNickname.artists.map((a) => a.id)).toEqual([artist.user.id]);
		expect(byNickname.images.map((i) => i.id)).toEqual([byStyle]);
		expect(JSON.stringify(byNickname)).not.toContain("Real Name");
		expect((await search(`mixedcase_${tag.toUpperCase()}`)).artists.map((a) => a.id)).toEqual([latin.user.id]);

		expect((await search(`lighthouse${tag}`)).images.map((i) => i.id)).toEqual([byPrompt]);
		// `%` and `_` are literal characters, not wildcards.
		expect((await search(`mixedcase%${tag}`)).artists).toEqual([]);
		expect((await search(`mixedcase_${tag}`)).artists.map((a) => a.id)).toEqual([latin.user.id]);
		expect((await search(`mixedcaseX${tag}`)).artists).toEqual([]);

		expect((await api("/api/search?sort=best", { auth: null })).status).toBe(400);
		const badCursor = await api("/api/search?sort=popular&cursor=abc", { auth: null });
		expect(badCursor.status).toBe(400);
		expect(((await badCursor.json()) as ErrorBody).error.code).toBe("VALIDATION_FAILED");
	});

	it("orders popular by followers, likes and generations, recent by newest, and pages popular images without repeats", async () => {
		const tag = unique();
		const few = await person(`pop${tag}a`, { role: "artist", followers: 5, createdAt: "2092-01-03T00:00:00.000Z" });
		const many = await person(`pop${tag}b`, { role: "artist", followers: 50, createdAt: "2092-01-01T00:00:00.000Z" });
		const none = await person(`pop${tag}c`, { role: "artist", followers: 1, createdAt: "2092-01-02T00:00:00.000Z" });
		const s1 = await style(few, `pop${tag} one`, ["x"], { generations: 3, createdAt: "2092-01-01T00:00:00.000Z" });
		const s2 = await style(many, `pop${tag} two`, ["x"], { generations: 30, createdAt: "2092-01-02T00:00:00.000Z" });
		const old = await image(none, s1, { createdAt: "2092-02-01T00:00:00.000Z", likes: 9 });
		const mid = await image(none, s2, { createdAt: "2092-02-02T00:00:00.000Z", likes: 3 });
		const neu = await image(none, s2, { createdAt: "2092-02-03T00:00:00.000Z", likes: 0 });

		const popular = (await (await api(`/api/search?q=pop${tag}&sort=popular`, { auth: null })).json()) as SearchBody;
		expect(popular.artists.map((a) => a.id)).toEqual([many.user.id, few.user.id, none.user.id]);
		expect(popular.artists.map((a) => a.follower_count)).toEqual([50, 5, 1]);
		expect(popular.styles.map((s) => s.id)).toEqual([s2, s1]);
		expect(popular.images.map((i) => i.id)).toEqual([old, mid, neu]);

		const recent = (await (await api(`/api/search?q=pop${tag}&sort=recent`, { auth: null })).json()) as SearchBody;
		expect(recent.artists.map((a) => a.id)).toEqual([few.user.id, none.user.id, many.user.id]);
		expect(recent.styles.map((s) => s.id)).toEqual([s2, s1]);
		expect(recent.images.map((i) => i.id)).toEqual([neu, mid, old]);

		// Popular images over the cursor: 30 of them, two pages, each once, most liked first.
		const ids: string[] = [];
		for (let i = 0; i < 30; i++)
			ids.push(await image(none, s2, { createdAt: `2092-03-01T00:00:${String(i).padStart(2, "0")}.000Z`, likes: i % 3, prompt: `bulk${tag}` }));
		const first = (await (await api(`/api/search?q=bulk${tag}&sort=popular`, { auth: null })).json()) as SearchBody;
		expect(first.images).toHaveLength(24);
		expect(first.next_cursor).not.toBeNull();
		const second = (await (
			await api(`/api/search?q=bulk${tag}&sort=popular&cursor=${encodeURIComponent(first.next_cursor ?? "")}`, { auth: null })
		).json()) as SearchBody;
		expect(second.styles).toEqual([]);
		expect(second.next_cursor).toBeNull();
		const all = [...first.images, ...second.images];
		expect(new Set(all.map((i) => i.id))).toEqual(new Set(ids));
		const likes = all.map((i) => i.like_count);
		expect(likes).toEqual([...likes].sort((x, y) => y - x));
	});
});

describe("pages", () => {
	it("/feed, /feed/:id, /search, /terms and /privacy answer in Korean and English with the Feed link first and the footer's legal links", async () => {
		const tag = unique();
		const artist = await person(`페이지작가${tag}`, { role: "artist" });
		const styleId = await style(artist, `Page ${tag}`, ["page"]);
		const shown = await image(artist, styleId, { createdAt: "2093-01-01T00:00:00.000Z", prompt: `paper boat${tag}, rain, ink wash` });
		const privateOne = await image(artist, styleId, { createdAt: "2093-01-01T00:00:01.000Z", visibility: "private" });
		for (const locale of ["ko", "en"] as const) {
			for (const path of ["/feed", `/feed/${shown}`, "/search", `/search?q=${encodeURIComponent(`페이지작가${tag}`)}`, "/terms", "/privacy"]) {
				const res = await page(path, locale);
				expect(res.status, `${locale} ${path}`).toBe(200);
				const html = await res.text();
				expect(html).toContain(`<html lang="${locale}"`);
				const nav = html.slice(html.indexOf('class="nav-list"'));
				expect(nav.indexOf('href="/feed"')).toBeLessThan(nav.indexOf('href="/"'));
				expect(html).toContain('href="/terms"');
				expect(html).toContain('href="/privacy"');
				expect(html).not.toContain("Real Name");
			}
		}
		// The dashboard's pages link them too (its sign-in page is one anyone can open).
		const admin = await (await page("/admin/login", "ko")).text();
		expect(admin).toContain('<a href="/terms">이용약관</a>');
		expect(admin).toContain('<a href="/privacy">개인정보 처리방침</a>');
		const ko = await (await page(`/feed/${shown}`, "ko")).text();
		expect(ko).toContain(`페이지작가${tag}`);
		expect(ko).toContain(`<li class="chip">paper boat${tag}</li>`);
		expect(ko).toContain('<li class="chip">ink wash</li>');
		expect(ko).toContain("프롬프트 키워드");
		expect(ko).toContain('id="comments"');
		const partial = await (await page(`/feed/${shown}?partial=1`, "en")).text();
		expect(partial).not.toContain("<html");
		expect(partial).toContain(`data-feed-detail="${shown}"`);
		expect((await page(`/feed/${privateOne}`, "en")).status).toBe(404);
		expect((await page("/feed/gen_missing", "ko")).status).toBe(404);

		const feed = await (await page("/feed", "ko")).text();
		expect(feed).toContain('src="/js/feed.js"');
		expect(feed).toContain("data-feed-dialog");
		expect(feed).toContain(`data-feed-open="${shown}"`);
	});

	it("/feed's plain More link pages the feed without JavaScript; ?partial=1 answers the next cards only", async () => {
		const tag = unique();
		const artist = await person(`more${tag}`, { role: "artist" });
		const styleId = await style(artist, `More ${tag}`, ["more"]);
		for (let i = 0; i < 26; i++) await image(artist, styleId, { createdAt: `2098-01-01T00:00:${String(i).padStart(2, "0")}.000Z` });
		const html = await (await page("/feed", "ko")).text();
		const more = /href="(\/feed\?cursor=[^"]+)" data-feed-more/.exec(html)?.[1]?.replaceAll("&amp;", "&");
		expect(html).toContain("더 보기");
		expect(more).toBeDefined();
		const next = await page(`${more}&partial=1`, "ko");
		expect(next.status).toBe(200);
		const fragment = await next.text();
		expect(fragment).not.toContain("<html");
		const firstIds = [...html.matchAll(/data-feed-item="([^"]+)"/g)].map((m) => m[1]);
		const nextIds = [...fragment.matchAll(/data-feed-item="([^"]+)"/g)].map((m) => m[1]);
		expect(firstIds).toHaveLength(24);
		expect(nextIds.length).toBeGreaterThan(0);
		expect(nextIds.filter((id) => firstIds.includes(id))).toEqual([]);
	});

	it("/search shows a signed-in reader the artists they follow with their newest public images, and nobody else's section", async () => {
		const tag = unique();
		const viewer = await person(`follower${tag}`);
		const followed = await person(`팔로우작가${tag}`, { role: "artist" });
		const quiet = await person(`quiet${tag}`, { role: "artist" });
		const styleId = await style(followed, `Followed ${tag}`, ["f"]);
		const ids: string[] = [];
		for (let i = 0; i < 5; i++) ids.push(await image(quiet, styleId, { createdAt: `2094-01-01T00:00:0${i}.000Z` }));
		const privateOne = await image(quiet, styleId, { createdAt: "2094-01-01T00:00:09.000Z", visibility: "private" });
		await db()
			.insert(follows)
			.values([
				{ followerId: viewer.user.id, followeeId: followed.user.id },
				{ followerId: viewer.user.id, followeeId: quiet.user.id },
			]);

		const html = await (await page("/search", "ko", viewer)).text();
		expect(html).toContain("팔로우 중인 작가");
		const section = html.slice(html.indexOf("data-search-following"), html.indexOf("</section>", html.indexOf("data-search-following")));
		expect(section).toContain(`data-following-artist="${followed.user.id}"`);
		expect(section).toContain(`data-following-artist="${quiet.user.id}"`);
		const shown = [...section.matchAll(/data-feed-open="([^"]+)"/g)].map((m) => m[1]);
		// The newest four, newest first; never the private one.
		expect(shown).toEqual([ids[4], ids[3], ids[2], ids[1]]);
		expect(section).not.toContain(privateOne);
		expect(section).toContain("아직 공개된 이미지가 없습니다.");

		const anonymous = await (await page("/search", "ko")).text();
		expect(anonymous).not.toContain("data-search-following");
		const english = await (await page("/search", "en", viewer)).text();
		expect(english).toContain("Following");
	});

	it("/privacy lists how long each kind of data is kept from the one list, and /terms quotes the artists' share", async () => {
		for (const locale of ["ko", "en"] as const) {
			const privacy = await (await page("/privacy", locale)).text();
			for (const row of RETENTION) {
				expect(privacy).toContain(`data-retention="${row.key}"`);
				expect(privacy).toContain(row.kept[locale].replaceAll("'", "&#39;"));
			}
			const terms = await (await page("/terms", locale)).text();
			expect(terms).toMatch(/70\s?%/);
			expect(terms).toContain('href="/privacy"');
		}
		const ko = await (await page("/privacy", "ko")).text();
		expect(ko).toContain("전자상거래법에 따라 최소 5년");
		expect(ko).toContain("24시간");
	});
});
