import { eq, type SQL, sql } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import { Hono } from "hono";
import { z } from "zod";
import { createUserSession, userCookieName } from "../accounts/sessions";
import type { AppEnv } from "../app-env";
import { listFeed } from "../community/feed";
import { followingSection, SearchQuery, search } from "../community/search";
import { type Db, getDb } from "../db/client";
import { styles, users } from "../db/schema";
import { validate } from "../lib/validate";
import { benchOnly } from "./bench-baseline";

/** The community the benchmark measures against (the figures: 1,000 artists, 10,000 public images). */
export const BENCH_ARTISTS = 1_000;
export const BENCH_GENERATIONS = 10_000;
/** The bench viewer follows every `FOLLOW_EVERY`-th artist (50 of 1,000) and likes every `LIKE_EVERY`-th image. */
const FOLLOW_EVERY = 20;
const LIKE_EVERY = 20;
export const BENCH_VIEWER_ID = "usr_bench_viewer";
/** Even artists have a Hangul nickname (`작가0042`), odd ones a Latin one (`artist0043`). */
export const HANGUL_NICKNAME_PREFIX = "작가00";
/** Every image is dated from here, four minutes apart, so two seeds write the same rows. */
const EPOCH = "2026-11-01T00:00:00.000Z";

/** Style tags, English and Korean: style `a` carries pair `a % 10` and pair `(a * 3 + 1) % 10`. */
export const BENCH_TAGS = [
	["watercolor", "수채화"],
	["portrait", "인물화"],
	["landscape", "풍경화"],
	["ink", "수묵화"],
	["pixel", "픽셀아트"],
	["anime", "애니메이션"],
	["oil", "유화"],
	["sketch", "스케치"],
	["minimal", "미니멀"],
	["fantasy", "판타지"],
] as const;

/** `(k, en, ko)` rows as a VALUES list: 30 bound parameters, well within D1's 100 per statement. */
const tagValues = sql.join(
	BENCH_TAGS.map(([en, ko], k) => sql`(${k}, ${en}, ${ko})`),
	sql`, `,
);

/** `n(i)` counting 0 … count−1: one statement writes a whole table's rows, instead of thousands of bound rows. */
const counter = (count: number) => sql.raw(`n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${count})`);

/**
 * Every row is derived from its number with a fixed id, and written with INSERT OR IGNORE, so a
 * second seed changes nothing: counters (follower_count, like_count, comment_count) are written
 * with their rows, never incremented. The counters are fixture values with a skew (a tenth of the
 * images and a few artists much more popular than the rest); only the bench viewer's likes and
 * follows exist as rows, so `liked_by_me` and "following" have something to show.
 */
function seedStatements(): SQL[] {
	return [
		sql`INSERT OR IGNORE INTO users (id, oidc_issuer, oidc_subject, email, name, role, nickname, bio, follower_count, following_count, created_at, last_sign_in_at)
			VALUES (${BENCH_VIEWER_ID}, 'bench', 'viewer', 'viewer@bench.invalid', 'Bench Viewer', 'user', '벤치관람객', '', 0, ${BENCH_ARTISTS / FOLLOW_EVERY}, ${EPOCH}, ${EPOCH})`,
		sql`INSERT OR IGNORE INTO users (id, oidc_issuer, oidc_subject, email, name, role, nickname, bio, follower_count, following_count, created_at, last_sign_in_at)
			WITH RECURSIVE ${counter(BENCH_ARTISTS)}
			SELECT printf('usr_bench_%04d', i), 'bench', printf('artist-%04d', i), printf('artist%04d@bench.invalid', i), printf('Bench Artist %04d', i), 'artist',
				CASE WHEN i % 2 = 0 THEN printf('작가%04d', i) ELSE printf('artist%04d', i) END,
				CASE WHEN i % 2 = 0 THEN '벤치마크 작가입니다.' ELSE 'A benchmark artist.' END,
				CASE WHEN i % 97 = 0 THEN 5000 + i ELSE 1 + (i * 37) % 400 END, 0, ${EPOCH}, ${EPOCH}
			FROM n`,
		sql`INSERT OR IGNORE INTO styles (id, artist_id, slug, title, description, tags, price_credits, status, image_count, generation_count, created_at, updated_at, trained_at)
			WITH RECURSIVE ${counter(BENCH_ARTISTS)}, tag(k, en, ko) AS (VALUES ${tagValues})
			SELECT printf('sty_bench_%04d', n.i), printf('usr_bench_%04d', n.i), printf('bench-style-%04d', n.i),
				CASE WHEN n.i % 2 = 0 THEN first.ko || ' 스타일 ' || printf('%04d', n.i) ELSE first.en || ' style ' || printf('%04d', n.i) END,
				'', json_array(first.en, first.ko, second.en, second.ko), 10, 'completed', 10, ${BENCH_GENERATIONS / BENCH_ARTISTS}, ${EPOCH}, ${EPOCH}, ${EPOCH}
			FROM n JOIN tag AS first ON first.k = n.i % 10 JOIN tag AS second ON second.k = (n.i * 3 + 1) % 10`,
		sql`INSERT OR IGNORE INTO generations (id, user_id, style_id, prompt, aspect, width, height, seed, cost_credits, status, visibility, r2_key, sha256, size, created_at, updated_at, completed_at, like_count, comment_count)
			WITH RECURSIVE ${counter(BENCH_GENERATIONS)}
			SELECT printf('gen_bench_%05d', i), printf('usr_bench_%04d', (i * 7 + 3) % ${BENCH_ARTISTS}), printf('sty_bench_%04d', i % ${BENCH_ARTISTS}),
				printf('bench image %d, 노을 진 바다 %d', i, i % 50), '1:1', 1024, 1024, i, 10, 'completed', 'public',
				printf('generations/bench/gen_bench_%05d.png', i), printf('%064d', i), 1024, time, time, time,
				CASE WHEN i % 10 = 0 THEN 20 + (i * 13) % 80 ELSE (i * 7) % 6 END + CASE WHEN i % ${LIKE_EVERY} = 0 THEN 1 ELSE 0 END,
				(i * 3) % 5
			FROM (SELECT i, strftime('%Y-%m-%dT%H:%M:%fZ', ${EPOCH}, '+' || (i * 240) || ' seconds') AS time FROM n)`,
		sql`INSERT OR IGNORE INTO generation_likes (generation_id, user_id, created_at)
			WITH RECURSIVE ${counter(BENCH_GENERATIONS)}
			SELECT printf('gen_bench_%05d', i), ${BENCH_VIEWER_ID}, ${EPOCH} FROM n WHERE i % ${LIKE_EVERY} = 0`,
		sql`INSERT OR IGNORE INTO follows (follower_id, followee_id, created_at)
			WITH RECURSIVE ${counter(BENCH_ARTISTS)}
			SELECT ${BENCH_VIEWER_ID}, printf('usr_bench_%04d', i), ${EPOCH} FROM n WHERE i % ${FOLLOW_EVERY} = 0`,
	];
}

async function counts(db: Db) {
	const [row] = await db.all<{ artists: number; generations: number; likes: number; follows: number }>(sql`SELECT
		(SELECT count(*) FROM users WHERE id LIKE 'usr\\_bench\\_%' ESCAPE '\\' AND role = 'artist') AS artists,
		(SELECT count(*) FROM generations WHERE id LIKE 'gen\\_bench\\_%' ESCAPE '\\') AS generations,
		(SELECT count(*) FROM generation_likes WHERE user_id = ${BENCH_VIEWER_ID}) AS likes,
		(SELECT count(*) FROM follows WHERE follower_id = ${BENCH_VIEWER_ID}) AS follows`);
	return row ?? { artists: 0, generations: 0, likes: 0, follows: 0 };
}

const TrainedStyleBody = z.strictObject({
	artist_id: z.string().regex(/^usr_[0-9a-f]{32}$/),
	title: z.string().min(1).max(80),
	tags: z.array(z.string().min(1).max(40)).max(10),
});

type Recorded = { sql: string; params: unknown[] };

/**
 * The D1 binding with every statement it prepares recorded (SQL and bound values), so the plans
 * shown are those of the very queries the feed and search modules build, not a copy of them.
 */
function recordingD1(d1: D1Database, seen: Recorded[]): D1Database {
	const passThrough = <T extends object>(target: T, name: string | symbol) => {
		const value = Reflect.get(target, name);
		return typeof value === "function" ? value.bind(target) : value;
	};
	return new Proxy(d1, {
		get(target, name) {
			if (name !== "prepare") return passThrough(target, name);
			return (query: string) => {
				const entry: Recorded = { sql: query, params: [] };
				seen.push(entry);
				const statement = target.prepare(query);
				return new Proxy(statement, {
					get(inner, key) {
						if (key !== "bind") return passThrough(inner, key);
						return (...params: unknown[]) => {
							entry.params = params;
							return inner.bind(...params);
						};
					},
				});
			};
		},
	});
}

/** `EXPLAIN QUERY PLAN` rows as an indented tree, one line per step. */
async function planOf(d1: D1Database, { sql: query, params }: Recorded): Promise<string[]> {
	const { results } = await d1
		.prepare(`EXPLAIN QUERY PLAN ${query}`)
		.bind(...params)
		.all<{ id: number; parent: number; detail: string }>();
	const depth = new Map<number, number>([[0, 0]]);
	return results.map((row) => {
		const level = (depth.get(row.parent) ?? 0) + 1;
		depth.set(row.id, level);
		return `${"  ".repeat(level - 1)}${row.detail}`;
	});
}

/** How often `/explain` times each query module call (the median is reported). */
const TIMED_RUNS = 9;

/** The feed's and search's queries as the measured routes run them, by name. */
const EXPLAINED: [string, (db: Db) => Promise<unknown>][] = [
	["feed first page (GET /api/feed)", (db) => listFeed(db, { limit: 24 })],
	[`search q=${HANGUL_NICKNAME_PREFIX} (recent)`, (db) => search(db, SearchQuery.parse({ q: HANGUL_NICKNAME_PREFIX }))],
	["search q=watercolor sort=popular", (db) => search(db, SearchQuery.parse({ q: "watercolor", sort: "popular" }))],
	["search page: artists the viewer follows", (db) => followingSection(db, BENCH_VIEWER_ID)],
];

/**
 * `bench/community.ts`'s fixtures (only under {@link benchOnly}): the seeded community, a session
 * of its viewer, and the cost floor every measured route is compared with.
 */
export const benchCommunity = new Hono<AppEnv>()
	.use(benchOnly)
	/**
	 * Seeds the community in one D1 batch (idempotent) and opens a fresh session of the bench
	 * viewer, returned as the Cookie header and CSRF token a client sends.
	 */
	.post("/seed", async (c) => {
		const { db, now } = c.var.deps;
		// Raw D1 statements in one batch: drizzle's batch takes query builders, not `sql` strings.
		const dialect = new SQLiteAsyncDialect();
		await db.$client.batch(
			seedStatements().map((statement) => {
				const query = dialect.sqlToQuery(statement);
				return db.$client.prepare(query.sql).bind(...query.params);
			}),
		);
		const { token, session } = await createUserSession(db, BENCH_VIEWER_ID, now());
		return c.json(
			{
				seeded: await counts(db),
				viewer: { id: BENCH_VIEWER_ID, cookie: `${userCookieName(c.req.url)}=${token}`, csrf_token: session.csrfToken },
				hangul_prefix: HANGUL_NICKNAME_PREFIX,
				tags: BENCH_TAGS.map(([en, ko]) => ({ en, ko })),
			},
			201,
		);
	})
	/**
	 * The baseline measured in the same run: one D1 read by primary key and a small JSON answer,
	 * through the same app, middleware and host as the measured routes, so the ratio prices what
	 * the feed and search add on top of "a request that touches D1".
	 */
	.get("/baseline", async (c) => {
		const { db } = c.var.deps;
		const [row] = await db.select({ id: users.id, nickname: users.nickname }).from(users).where(eq(users.id, BENCH_VIEWER_ID));
		return c.json({ user: row ?? null }, 200, { "Cache-Control": "no-store" });
	})
	/**
	 * The browser journey's artist (test/e2e/community.test.ts): the signed-in user made an artist
	 * with one trained style (price 10 credits, no model artifact: the gateway's local backend
	 * renders without one), instead of the application, approval and training the
	 * style-licensing journey already walks through. Idempotent.
	 */
	.post("/trained-style", validate("json", TrainedStyleBody), async (c) => {
		const { db, now } = c.var.deps;
		const { artist_id: artistId, title, tags } = c.req.valid("json");
		const at = now().toISOString();
		const id = `sty_journey_${artistId}`;
		const slug = `journey-${artistId.slice(-12).toLowerCase()}`;
		await db.batch([
			db.update(users).set({ role: "artist" }).where(eq(users.id, artistId)),
			db
				.insert(styles)
				.values({
					id,
					artistId,
					slug,
					title,
					tags: JSON.stringify(tags),
					priceCredits: 10,
					status: "completed",
					imageCount: 10,
					createdAt: at,
					updatedAt: at,
					trainedAt: at,
				})
				.onConflictDoNothing(),
		]);
		return c.json({ style: { id, slug } }, 201);
	})
	/** The query plans of the feed and search queries over the seeded data, so index use is visible. */
	.get("/explain", async (c) => {
		const d1 = c.var.deps.db.$client;
		const queries: { name: string; sql: string; plan: string[] }[] = [];
		const timings: { name: string; runs: number; median_ms: number }[] = [];
		for (const [name, run] of EXPLAINED) {
			const seen: Recorded[] = [];
			await run(getDb(recordingD1(d1, seen)));
			for (const [k, recorded] of seen.entries())
				queries.push({ name: seen.length > 1 ? `${name} #${k + 1}` : name, sql: recorded.sql, plan: await planOf(d1, recorded) });
			// The module call's own time inside the Worker (D1 included, HTTP and the local proxy not): the
			// clock advances across each awaited D1 call, so this is the queries' wall time.
			const ms: number[] = [];
			for (let i = 0; i < TIMED_RUNS; i++) {
				const started = Date.now();
				await run(c.var.deps.db);
				ms.push(Date.now() - started);
			}
			ms.sort((a, b) => a - b);
			timings.push({ name, runs: TIMED_RUNS, median_ms: ms[Math.floor(TIMED_RUNS / 2)] ?? 0 });
		}
		return c.json({ queries, timings });
	});
