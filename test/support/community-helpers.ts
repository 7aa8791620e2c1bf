import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { getDb } from "../../src/db/client";
import { generations, users } from "../../src/db/schema";
import { newId } from "../../src/lib/ids";
import { seedStyle } from "./generation-helpers";
import { createTestUser, type TestUser } from "./user-helpers";

let serial = 0;

/** A signed-in user with a unique nickname (`prefix` + a counter), as a completed sign-in gives one. */
export async function communityUser(prefix = "u", opts: { role?: "user" | "artist" } = {}): Promise<TestUser & { nickname: string }> {
	const who = await createTestUser({ role: opts.role ?? "user" });
	serial += 1;
	const nickname = `${prefix}${serial}_${who.user.id.slice(-5)}`.slice(0, 20);
	await getDb(env.DB).update(users).set({ nickname }).where(eq(users.id, who.user.id));
	return { ...who, user: { ...who.user, nickname }, nickname };
}

/** A public, completed image made by `owner` in a seeded style, with the style's artist. */
export async function publicImage(owner?: TestUser, overrides: Partial<typeof generations.$inferInsert> = {}) {
	const style = await seedStyle();
	const by = owner ?? (await communityUser("owner"));
	const id = newId("gen");
	await getDb(env.DB)
		.insert(generations)
		.values({
			id,
			userId: by.user.id,
			styleId: style.id,
			prompt: "ink fox, forest",
			aspect: "1:1",
			width: 1024,
			height: 1024,
			seed: 7,
			costCredits: 10,
			status: "completed",
			visibility: "public",
			r2Key: `generations/${id}.png`,
			completedAt: new Date().toISOString(),
			...overrides,
		});
	return { id, owner: by, artist: style.artist, styleId: style.id };
}

/** An image's counters and the rows they count, read straight from D1. */
export async function imageCounts(generationId: string) {
	const row = await env.DB.prepare(
		`SELECT like_count, comment_count,
			(SELECT count(*) FROM generation_likes WHERE generation_id = g.id) AS likes,
			(SELECT count(*) FROM comments WHERE generation_id = g.id AND status = 'visible') AS visible_comments,
			(SELECT count(*) FROM comments WHERE generation_id = g.id) AS all_comments
		FROM generations g WHERE id = ?`,
	)
		.bind(generationId)
		.first<{ like_count: number; comment_count: number; likes: number; visible_comments: number; all_comments: number }>();
	if (!row) throw new Error(`no generation ${generationId}`);
	return row;
}

/** A user's follow counters and the rows they count. */
export async function followCounts(userId: string) {
	const row = await env.DB.prepare(
		`SELECT follower_count, following_count,
			(SELECT count(*) FROM follows WHERE followee_id = u.id) AS followers,
			(SELECT count(*) FROM follows WHERE follower_id = u.id) AS following
		FROM users u WHERE id = ?`,
	)
		.bind(userId)
		.first<{ follower_count: number; following_count: number; followers: number; following: number }>();
	if (!row) throw new Error(`no user ${userId}`);
	return row;
}
