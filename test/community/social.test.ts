import { env, exports } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../src/db/client";
import { users } from "../../src/db/schema";
import { communityUser, followCounts, imageCounts, publicImage } from "../support/community-helpers";
import { ADMIN_KEY, api } from "../support/helpers";
import { inOneRateWindow } from "../support/rate-window";
import { errorOf } from "../support/style-helpers";
import type { TestUser } from "../support/user-helpers";
import { userApi } from "../support/user-helpers";

type PublicUserJson = { id: string; nickname: string; follower_count: number; following_count: number } & Record<string, unknown>;
type CommentJson = {
	id: string;
	parent_id: string | null;
	body: string;
	status: string;
	author: { id: string; nickname: string; avatar_url: string | null };
	created_at: string;
	edited_at: string | null;
	replies?: CommentJson[];
	reply_count?: number;
};

const followRows = (followerId: string, followeeId: string) =>
	env.DB.prepare("SELECT count(*) AS n FROM follows WHERE follower_id = ? AND followee_id = ?").bind(followerId, followeeId).first<{ n: number }>();

/** A form post as the browser sends it without JavaScript (cookie, `_csrf` field). */
function formPost(who: TestUser, path: string, fields: Record<string, string>, withCsrf = true): Promise<Response> {
	const body = new URLSearchParams({ ...(withCsrf ? { _csrf: who.csrf } : {}), ...fields });
	return exports.default.fetch(
		new Request(`http://localhost:8787${path}`, {
			method: "POST",
			redirect: "manual",
			headers: { Cookie: who.cookie, "Content-Type": "application/x-www-form-urlencoded" },
			body,
		}),
	);
}

describe("follows", () => {
	it("follows once (201, exact counters), refuses twice (409), self (400), unknown and deleted users (404); unfollows once (200, then 404)", async () => {
		const fan = await communityUser("fan");
		const artist = await communityUser("artist", { role: "artist" });
		expect(await followCounts(artist.user.id)).toEqual({ follower_count: 0, following_count: 0, followers: 0, following: 0 });

		const first = await userApi(fan, `/api/users/${artist.user.id}/follow`, { method: "POST" });
		expect(first.status).toBe(201);
		expect(await first.json()).toEqual({ following: true, follower_count: 1 });
		expect(await followCounts(artist.user.id)).toMatchObject({ follower_count: 1, followers: 1 });
		expect(await followCounts(fan.user.id)).toMatchObject({ following_count: 1, following: 1 });

		const twice = await userApi(fan, `/api/users/${artist.user.id}/follow`, { method: "POST" });
		expect(twice.status).toBe(409);
		expect((await errorOf(twice)).code).toBe("DUPLICATE_FOLLOW");
		expect(await followCounts(artist.user.id)).toMatchObject({ follower_count: 1, followers: 1 });
		expect(await followCounts(fan.user.id)).toMatchObject({ following_count: 1, following: 1 });

		const self = await userApi(fan, `/api/users/${fan.user.id}/follow`, { method: "POST" });
		expect(self.status).toBe(400);
		expect((await errorOf(self)).code).toBe("SELF_FOLLOW_NOT_ALLOWED");
		expect(await followCounts(fan.user.id)).toEqual({ follower_count: 0, following_count: 1, followers: 0, following: 1 });

		const unknown = await userApi(fan, "/api/users/usr_nobody/follow", { method: "POST" });
		expect(unknown.status).toBe(404);
		expect((await errorOf(unknown)).code).toBe("NOT_FOUND");
		const gone = await communityUser("gone");
		await getDb(env.DB).update(users).set({ status: "deleted" }).where(eq(users.id, gone.user.id));
		expect((await userApi(fan, `/api/users/${gone.user.id}/follow`, { method: "POST" })).status).toBe(404);
		expect(await followRows(fan.user.id, gone.user.id)).toEqual({ n: 0 });
		expect(await followCounts(fan.user.id)).toMatchObject({ following_count: 1 });

		// Signed out, or without the CSRF header: refused, nothing stored.
		expect((await api(`/api/users/${gone.user.id}/follow`, { method: "POST" })).status).toBe(401);
		const other = await communityUser("other");
		const noCsrf = await exports.default.fetch(
			new Request(`http://localhost:8787/api/users/${artist.user.id}/follow`, { method: "POST", headers: { Cookie: other.cookie } }),
		);
		expect(noCsrf.status).toBe(403);
		expect(await followRows(other.user.id, artist.user.id)).toEqual({ n: 0 });

		const off = await userApi(fan, `/api/users/${artist.user.id}/follow`, { method: "DELETE" });
		expect(off.status).toBe(200);
		expect(await off.json()).toEqual({ following: false, follower_count: 0 });
		expect(await followCounts(artist.user.id)).toMatchObject({ follower_count: 0, followers: 0 });
		expect(await followCounts(fan.user.id)).toMatchObject({ following_count: 0, following: 0 });
		const again = await userApi(fan, `/api/users/${artist.user.id}/follow`, { method: "DELETE" });
		expect(again.status).toBe(404);
		expect((await errorOf(again)).code).toBe("NOT_FOUND");
		expect(await followCounts(artist.user.id)).toMatchObject({ follower_count: 0, followers: 0 });
	});

	it("lists followers and following newest first with a cursor, public fields only, and keeps counters exact under concurrency", async () => {
		const artist = await communityUser("star", { role: "artist" });
		const fans = await Promise.all(Array.from({ length: 22 }, () => communityUser("f")));
		// Concurrent follows, each sent twice: one of each pair is 409, the counter counts rows.
		const answers = await Promise.all(fans.flatMap((fan) => [0, 1].map(() => userApi(fan, `/api/users/${artist.user.id}/follow`, { method: "POST" }))));
		expect(answers.filter((r) => r.status === 201)).toHaveLength(22);
		expect(answers.filter((r) => r.status === 409)).toHaveLength(22);
		expect(await followCounts(artist.user.id)).toMatchObject({ follower_count: 22, followers: 22 });

		// Follow times set apart so the order is known: fan 0 oldest, fan 21 newest.
		for (const [i, fan] of fans.entries()) {
			await env.DB.prepare("UPDATE follows SET created_at = ? WHERE follower_id = ? AND followee_id = ?")
				.bind(new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), fan.user.id, artist.user.id)
				.run();
		}
		const page1 = await api(`/api/users/${artist.user.id}/followers`);
		expect(page1.status).toBe(200);
		const body1 = (await page1.json()) as { users: PublicUserJson[]; next_cursor: string | null };
		expect(body1.users).toHaveLength(20);
		expect(body1.users[0]?.id).toBe(fans[21]?.user.id);
		expect(body1.users[0]).toEqual({
			id: fans[21]?.user.id,
			nickname: fans[21]?.nickname,
			role: "user",
			bio: "",
			avatar_url: null,
			follower_count: 0,
			following_count: 1,
			status: "active",
			created_at: expect.any(String),
		});
		expect(JSON.stringify(body1)).not.toContain("@example.com");
		expect(body1.next_cursor).toEqual(expect.any(String));
		const page2 = (await (await api(`/api/users/${artist.user.id}/followers?cursor=${body1.next_cursor}`)).json()) as {
			users: PublicUserJson[];
			next_cursor: string | null;
		};
		expect(page2.users.map((u) => u.id)).toEqual([fans[1]?.user.id, fans[0]?.user.id]);
		expect(page2.next_cursor).toBeNull();

		const following = (await (await api(`/api/users/${fans[3]?.user.id}/following`)).json()) as { users: PublicUserJson[] };
		expect(following.users.map((u) => u.id)).toEqual([artist.user.id]);
		expect(following.users[0]?.follower_count).toBe(22);
		expect((await api("/api/users/usr_nobody/followers")).status).toBe(404);
		expect((await api(`/api/users/${artist.user.id}/followers?cursor=nonsense`)).status).toBe(400);

		// Concurrent unfollows, each twice: counters fall once per row.
		const offs = await Promise.all(
			fans.slice(0, 10).flatMap((fan) => [0, 1].map(() => userApi(fan, `/api/users/${artist.user.id}/follow`, { method: "DELETE" }))),
		);
		expect(offs.filter((r) => r.status === 200)).toHaveLength(10);
		expect(offs.filter((r) => r.status === 404)).toHaveLength(10);
		expect(await followCounts(artist.user.id)).toMatchObject({ follower_count: 12, followers: 12 });
		expect(await followCounts(fans[0]?.user.id ?? "")).toMatchObject({ following_count: 0, following: 0 });
	});
});

describe("likes", () => {
	it("likes once (201), refuses twice (409), unlikes once (200, then 404); only public, completed, unrefunded images of existing owners", async () => {
		const image = await publicImage();
		const fan = await communityUser("liker");
		const like = () => userApi(fan, `/api/generations/${image.id}/like`, { method: "POST" });
		expect(await imageCounts(image.id)).toMatchObject({ like_count: 0, likes: 0 });

		const first = await like();
		expect(first.status).toBe(201);
		expect(await first.json()).toEqual({ like_count: 1 });
		expect(await imageCounts(image.id)).toMatchObject({ like_count: 1, likes: 1 });
		const twice = await like();
		expect(twice.status).toBe(409);
		expect((await errorOf(twice)).code).toBe("DUPLICATE_LIKE");
		expect(await imageCounts(image.id)).toMatchObject({ like_count: 1, likes: 1 });

		const off = await userApi(fan, `/api/generations/${image.id}/like`, { method: "DELETE" });
		expect(off.status).toBe(200);
		expect(await off.json()).toEqual({ like_count: 0 });
		const offAgain = await userApi(fan, `/api/generations/${image.id}/like`, { method: "DELETE" });
		expect(offAgain.status).toBe(404);
		expect(await imageCounts(image.id)).toMatchObject({ like_count: 0, likes: 0 });

		// Not likeable: private, still running, refunded, an owner whose account is deleted, no such id.
		const privateImage = await publicImage(undefined, { visibility: "private" });
		const running = await publicImage(undefined, { status: "processing", completedAt: null });
		const refunded = await publicImage(undefined, { refundedAt: new Date().toISOString() });
		const orphan = await publicImage();
		await getDb(env.DB).update(users).set({ status: "deleted" }).where(eq(users.id, orphan.owner.user.id));
		for (const id of [privateImage.id, running.id, refunded.id, orphan.id, "gen_nothing"]) {
			const res = await userApi(fan, `/api/generations/${id}/like`, { method: "POST" });
			expect(res.status, id).toBe(404);
			expect((await errorOf(res)).code).toBe("NOT_FOUND");
			if (id !== "gen_nothing") expect(await imageCounts(id)).toMatchObject({ like_count: 0, likes: 0 });
		}
		expect((await api(`/api/generations/${image.id}/like`, { method: "POST" })).status).toBe(401);
		expect(await imageCounts(image.id)).toMatchObject({ like_count: 0, likes: 0 });
	});

	it("50 users like at once, then unlike at once, mixed with duplicates: like_count equals the rows at every step", async () => {
		const image = await publicImage();
		const fans = await Promise.all(Array.from({ length: 50 }, () => communityUser("m")));

		// Every user likes; ten of them twice, at the same time.
		const likes = await Promise.all([
			...fans.map((fan) => userApi(fan, `/api/generations/${image.id}/like`, { method: "POST" })),
			...fans.slice(0, 10).map((fan) => userApi(fan, `/api/generations/${image.id}/like`, { method: "POST" })),
		]);
		expect(likes.filter((r) => r.status === 201)).toHaveLength(50);
		expect(likes.filter((r) => r.status === 409)).toHaveLength(10);
		expect(await imageCounts(image.id)).toMatchObject({ like_count: 50, likes: 50 });

		// Thirty unlike (ten of them twice) while the other twenty like again (all 409).
		const mixed = await Promise.all([
			...fans.slice(0, 30).map((fan) => userApi(fan, `/api/generations/${image.id}/like`, { method: "DELETE" })),
			...fans.slice(0, 10).map((fan) => userApi(fan, `/api/generations/${image.id}/like`, { method: "DELETE" })),
			...fans.slice(30).map((fan) => userApi(fan, `/api/generations/${image.id}/like`, { method: "POST" })),
		]);
		expect(mixed.filter((r) => r.status === 200)).toHaveLength(30);
		expect(mixed.filter((r) => r.status === 404)).toHaveLength(10);
		expect(mixed.filter((r) => r.status === 409)).toHaveLength(20);
		expect(await imageCounts(image.id)).toMatchObject({ like_count: 20, likes: 20 });

		// The rest unlike, twice each, while the first thirty like again.
		const last = await Promise.all([
			...fans.slice(30).flatMap((fan) => [0, 1].map(() => userApi(fan, `/api/generations/${image.id}/like`, { method: "DELETE" }))),
			...fans.slice(0, 30).map((fan) => userApi(fan, `/api/generations/${image.id}/like`, { method: "POST" })),
		]);
		expect(last.filter((r) => r.status === 200)).toHaveLength(20);
		expect(last.filter((r) => r.status === 404)).toHaveLength(20);
		expect(last.filter((r) => r.status === 201)).toHaveLength(30);
		expect(await imageCounts(image.id)).toMatchObject({ like_count: 30, likes: 30 });
		// Each answer's count is a count that existed: never below zero, never above fifty.
		for (const res of last.filter((r) => r.ok)) {
			const { like_count } = (await res.json()) as { like_count: number };
			expect(like_count).toBeGreaterThanOrEqual(0);
			expect(like_count).toBeLessThanOrEqual(50);
		}
	});
});

describe("comments", () => {
	it("posts comments and one level of replies (201), refuses a reply to a reply (400), a parent elsewhere (404) and bad bodies (400), storing nothing refused", async () => {
		const image = await publicImage();
		const other = await publicImage();
		const alice = await communityUser("alice");
		const bob = await communityUser("bob");
		const post = (who: TestUser, json: unknown, id = image.id) => userApi(who, `/api/generations/${id}/comments`, { method: "POST", json });

		const top = await post(alice, { body: "  멋진 그림이에요  " });
		expect(top.status).toBe(201);
		const { comment } = (await top.json()) as { comment: CommentJson };
		expect(comment).toEqual({
			id: expect.stringMatching(/^cmt_/),
			parent_id: null,
			body: "멋진 그림이에요",
			author: { id: alice.user.id, nickname: alice.nickname, avatar_url: null },
			created_at: expect.any(String),
			edited_at: null,
			status: "visible",
		});
		expect(await imageCounts(image.id)).toMatchObject({ comment_count: 1, visible_comments: 1 });

		const reply = await post(bob, { body: "동의합니다", parent_id: comment.id });
		expect(reply.status).toBe(201);
		const replied = ((await reply.json()) as { comment: CommentJson }).comment;
		expect(replied.parent_id).toBe(comment.id);
		expect(await imageCounts(image.id)).toMatchObject({ comment_count: 2, all_comments: 2 });

		const deep = await post(alice, { body: "deeper", parent_id: replied.id });
		expect(deep.status).toBe(400);
		expect((await errorOf(deep)).code).toBe("REPLY_DEPTH_EXCEEDED");
		const elsewhere = await post(alice, { body: "wrong image", parent_id: comment.id }, other.id);
		expect(elsewhere.status).toBe(404);
		for (const body of ["", "   ", "x".repeat(1001)]) {
			const res = await post(alice, { body });
			expect(res.status).toBe(400);
			expect((await errorOf(res)).code).toBe("VALIDATION_FAILED");
		}
		expect((await post(alice, { body: "x".repeat(1000) })).status).toBe(201);
		const privateImage = await publicImage(undefined, { visibility: "private" });
		expect((await post(alice, { body: "hello" }, privateImage.id)).status).toBe(404);
		expect(await imageCounts(image.id)).toMatchObject({ comment_count: 3, all_comments: 3 });
		expect(await imageCounts(other.id)).toMatchObject({ comment_count: 0, all_comments: 0 });
		expect(await imageCounts(privateImage.id)).toMatchObject({ comment_count: 0, all_comments: 0 });
		expect((await api(`/api/generations/${image.id}/comments`, { method: "POST", json: { body: "anon" } })).status).toBe(401);
	});

	it("lists newest top-level comments first with their replies oldest first and a cursor; edits, deletes (keeping the place) and hides with exact comment_count", async () => {
		const image = await publicImage();
		const author = await communityUser("auth");
		const stranger = await communityUser("strg");
		// Three writers, so nobody passes the per-minute comment limit: the newest is the author's.
		const early = await communityUser("early");
		const middle = await communityUser("mid");
		const ids: string[] = [];
		for (let i = 0; i < 21; i++) {
			const writer = i < 10 ? early : i < 20 ? middle : author;
			const res = await userApi(writer, `/api/generations/${image.id}/comments`, { method: "POST", json: { body: `comment ${i}` } });
			ids.push(((await res.json()) as { comment: CommentJson }).comment.id);
		}
		// Set apart in time, so the order is known.
		for (const [i, id] of ids.entries()) {
			await env.DB.prepare("UPDATE comments SET created_at = ? WHERE id = ?")
				.bind(new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), id)
				.run();
		}
		const newest = ids[20] ?? "";
		const replyIds: string[] = [];
		for (let i = 0; i < 3; i++) {
			const res = await userApi(stranger, `/api/generations/${image.id}/comments`, { method: "POST", json: { body: `reply ${i}`, parent_id: newest } });
			replyIds.push(((await res.json()) as { comment: CommentJson }).comment.id);
			await env.DB.prepare("UPDATE comments SET created_at = ? WHERE id = ?")
				.bind(new Date(Date.UTC(2026, 0, 2, 0, 0, i)).toISOString(), replyIds[i])
				.run();
		}
		const page1 = (await (await api(`/api/generations/${image.id}/comments`)).json()) as { comments: CommentJson[]; next_cursor: string | null };
		expect(page1.comments).toHaveLength(20);
		expect(page1.comments[0]?.id).toBe(newest);
		expect(page1.comments[0]?.replies?.map((r) => r.body)).toEqual(["reply 0", "reply 1", "reply 2"]);
		expect(page1.comments[0]?.reply_count).toBe(3);
		expect(page1.comments[1]).toMatchObject({ body: "comment 19", replies: [], reply_count: 0 });
		const page2 = (await (await api(`/api/generations/${image.id}/comments?cursor=${page1.next_cursor}`)).json()) as {
			comments: CommentJson[];
			next_cursor: string | null;
		};
		expect(page2.comments.map((c) => c.body)).toEqual(["comment 0"]);
		expect(page2.next_cursor).toBeNull();
		expect(await imageCounts(image.id)).toMatchObject({ comment_count: 24, visible_comments: 24 });

		// Edit: the author only (others 403), edited_at set.
		const edit = await userApi(author, `/api/comments/${newest}`, { method: "PATCH", json: { body: "edited <b>text</b>" } });
		expect(edit.status).toBe(200);
		expect(((await edit.json()) as { comment: CommentJson }).comment).toMatchObject({ body: "edited <b>text</b>", edited_at: expect.any(String) });
		const notMine = await userApi(stranger, `/api/comments/${newest}`, { method: "PATCH", json: { body: "hijack" } });
		expect(notMine.status).toBe(403);
		expect((await errorOf(notMine)).code).toBe("FORBIDDEN");
		expect((await userApi(stranger, `/api/comments/${newest}`, { method: "DELETE" })).status).toBe(403);
		expect((await userApi(author, "/api/comments/cmt_nothing", { method: "PATCH", json: { body: "x" } })).status).toBe(404);
		const stored = await env.DB.prepare("SELECT body, status FROM comments WHERE id = ?").bind(newest).first();
		expect(stored).toEqual({ body: "edited <b>text</b>", status: "visible" });

		// Delete: the place stays, the body is erased, the replies stay, the count drops once.
		const del = await userApi(author, `/api/comments/${newest}`, { method: "DELETE" });
		expect(del.status).toBe(200);
		expect(((await del.json()) as { comment: CommentJson }).comment).toMatchObject({ status: "deleted", body: "" });
		expect(await env.DB.prepare("SELECT body, status FROM comments WHERE id = ?").bind(newest).first()).toEqual({ body: "", status: "deleted" });
		expect(await imageCounts(image.id)).toMatchObject({ comment_count: 23, visible_comments: 23 });
		expect((await userApi(author, `/api/comments/${newest}`, { method: "DELETE" })).status).toBe(404);
		expect((await userApi(author, `/api/comments/${newest}`, { method: "PATCH", json: { body: "back" } })).status).toBe(404);
		expect(await imageCounts(image.id)).toMatchObject({ comment_count: 23 });
		const after = (await (await api(`/api/generations/${image.id}/comments`)).json()) as { comments: CommentJson[] };
		expect(after.comments[0]).toMatchObject({ id: newest, status: "deleted", body: "", reply_count: 3 });

		// Hide: the image's owner, its style's artist, an admin; not a stranger. Twice changes the count once.
		const reply0 = replyIds[0] ?? "";
		const denied = await userApi(stranger, `/api/comments/${ids[5]}/hide`, { method: "POST" });
		expect(denied.status).toBe(403);
		expect(await env.DB.prepare("SELECT status, hidden_by FROM comments WHERE id = ?").bind(ids[5]).first()).toEqual({ status: "visible", hidden_by: null });
		const byOwner = await userApi(image.owner, `/api/comments/${ids[5]}/hide`, { method: "POST" });
		expect(byOwner.status).toBe(200);
		expect((await userApi(image.owner, `/api/comments/${ids[5]}/hide`, { method: "POST" })).status).toBe(200);
		expect(await env.DB.prepare("SELECT status, hidden_by FROM comments WHERE id = ?").bind(ids[5]).first()).toEqual({
			status: "hidden",
			hidden_by: image.owner.user.id,
		});
		expect(await imageCounts(image.id)).toMatchObject({ comment_count: 22, visible_comments: 22 });
		expect((await userApi(image.artist, `/api/comments/${reply0}/hide`, { method: "POST" })).status).toBe(200);
		const byAdmin = await api(`/api/comments/${ids[6]}/hide`, { method: "POST", auth: ADMIN_KEY });
		expect(byAdmin.status).toBe(200);
		expect(await env.DB.prepare("SELECT hidden_by FROM comments WHERE id = ?").bind(ids[6]).first()).toEqual({ hidden_by: "admin" });
		expect((await api(`/api/comments/${ids[7]}/hide`, { method: "POST", auth: "wrong-key" })).status).toBe(401);
		expect(await imageCounts(image.id)).toMatchObject({ comment_count: 20, visible_comments: 20 });

		// Hidden comments: shown to their author (and the image's moderators), to nobody else.
		const anon = (await (await api(`/api/generations/${image.id}/comments`)).json()) as { comments: CommentJson[] };
		expect(anon.comments.map((c) => c.id)).not.toContain(ids[5]);
		expect(anon.comments[0]?.replies?.map((r) => r.id)).toEqual([replyIds[1], replyIds[2]]);
		expect(anon.comments[0]?.reply_count).toBe(2);
		const asStranger = (await (await userApi(stranger, `/api/generations/${image.id}/comments`)).json()) as { comments: CommentJson[] };
		expect(asStranger.comments[0]?.replies?.[0]).toMatchObject({ id: reply0, status: "hidden", body: "reply 0" });
		expect(asStranger.comments.map((c) => c.id)).not.toContain(ids[5]);
		const asAuthor = (await (await userApi(early, `/api/generations/${image.id}/comments`)).json()) as { comments: CommentJson[] };
		expect(asAuthor.comments.find((c) => c.id === ids[5])).toMatchObject({ status: "hidden" });

		// Unhide brings it back and the count with it, once.
		expect((await userApi(image.artist, `/api/comments/${ids[5]}/unhide`, { method: "POST" })).status).toBe(200);
		expect((await userApi(image.artist, `/api/comments/${ids[5]}/unhide`, { method: "POST" })).status).toBe(200);
		expect(await imageCounts(image.id)).toMatchObject({ comment_count: 21, visible_comments: 21 });
		expect((await userApi(stranger, `/api/comments/${ids[6]}/unhide`, { method: "POST" })).status).toBe(403);
		expect((await userApi(middle, `/api/comments/${ids[8]}/hide`, { method: "POST" })).status).toBe(403);
		expect((await userApi(author, `/api/comments/${newest}/hide`, { method: "POST" })).status).toBe(404);
	});

	it("limits comments per user per minute (429 RATE_LIMITED with Retry-After), storing nothing refused", async () => {
		const image = await publicImage();
		const chatty = await communityUser("chat");
		await inOneRateWindow(async () => {
			for (let i = 0; i < 10; i++) {
				expect((await userApi(chatty, `/api/generations/${image.id}/comments`, { method: "POST", json: { body: `n${i}` } })).status).toBe(201);
			}
			const over = await userApi(chatty, `/api/generations/${image.id}/comments`, { method: "POST", json: { body: "one too many" } });
			expect(over.status).toBe(429);
			expect((await errorOf(over)).code).toBe("RATE_LIMITED");
			expect(Number(over.headers.get("Retry-After"))).toBeGreaterThan(0);
		});
		expect(await imageCounts(image.id)).toMatchObject({ comment_count: 10, all_comments: 10 });
	});
});

describe("community forms without JavaScript", () => {
	it("follow, like toggle and comment forms change D1 and go back to a same-site return_to; a repeated toggle is a no-op", async () => {
		const image = await publicImage();
		const fan = await communityUser("form");
		const back = `/feed/${image.id}`;

		const liked = await formPost(fan, `/community/generations/${image.id}/like`, { intent: "like", return_to: back });
		expect(liked.status).toBe(303);
		expect(liked.headers.get("Location")).toBe(back);
		expect((await formPost(fan, `/community/generations/${image.id}/like`, { intent: "like", return_to: back })).status).toBe(303);
		expect(await imageCounts(image.id)).toMatchObject({ like_count: 1, likes: 1 });
		expect((await formPost(fan, `/community/generations/${image.id}/like`, { intent: "unlike", return_to: back })).status).toBe(303);
		expect((await formPost(fan, `/community/generations/${image.id}/like`, { intent: "unlike", return_to: back })).status).toBe(303);
		expect(await imageCounts(image.id)).toMatchObject({ like_count: 0, likes: 0 });

		const followed = await formPost(fan, `/community/users/${image.owner.user.id}/follow`, { return_to: "https://evil.example/" });
		expect(followed.status).toBe(303);
		expect(followed.headers.get("Location")).toBe("/");
		expect((await formPost(fan, `/community/users/${image.owner.user.id}/follow`, { return_to: back })).status).toBe(303);
		expect(await followCounts(image.owner.user.id)).toMatchObject({ follower_count: 1, followers: 1 });
		expect((await formPost(fan, `/community/users/${image.owner.user.id}/unfollow`, { return_to: back })).status).toBe(303);
		expect((await formPost(fan, `/community/users/${image.owner.user.id}/unfollow`, { return_to: back })).status).toBe(303);
		expect(await followCounts(image.owner.user.id)).toMatchObject({ follower_count: 0, followers: 0 });

		const commented = await formPost(fan, `/community/generations/${image.id}/comments`, { body: "<script>alert(1)</script>", return_to: back });
		expect(commented.status).toBe(303);
		const id = (await env.DB.prepare("SELECT id FROM comments WHERE generation_id = ?").bind(image.id).first<{ id: string }>())?.id;
		expect(commented.headers.get("Location")).toBe(`${back}#comment-${id}`);
		expect(await imageCounts(image.id)).toMatchObject({ comment_count: 1 });

		// The page shows the text, never runs it: hono/jsx escapes it. Signed out: counts and sign-in links, no forms.
		const html = await (await userApi(fan, back, { headers: { Accept: "text/html", "Accept-Language": "ko" } })).text();
		expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
		expect(html).not.toContain("<script>alert(1)</script>");
		expect(html).toContain(`action="/community/comments/${id}/edit"`);
		expect(html).toContain('src="/js/community.js"');
		const anonymous = await (
			await exports.default.fetch(new Request(`http://localhost:8787${back}`, { headers: { Accept: "text/html", "Accept-Language": "ko" } }))
		).text();
		expect(anonymous).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
		expect(anonymous).toContain("로그인하고 댓글 달기");
		expect(anonymous).toContain("좋아요 0개");
		expect(anonymous).not.toContain('action="/community/');

		expect((await formPost(fan, `/community/comments/${id}/edit`, { body: "고쳤습니다", return_to: back })).status).toBe(303);
		expect(await env.DB.prepare("SELECT body FROM comments WHERE id = ?").bind(id).first()).toEqual({ body: "고쳤습니다" });
		expect((await formPost(image.owner, `/community/comments/${id}/hide`, { return_to: back })).status).toBe(303);
		expect(await imageCounts(image.id)).toMatchObject({ comment_count: 0 });
		expect((await formPost(image.owner, `/community/comments/${id}/unhide`, { return_to: back })).status).toBe(303);
		expect((await formPost(fan, `/community/comments/${id}/delete`, { return_to: back })).status).toBe(303);
		expect(await env.DB.prepare("SELECT body, status FROM comments WHERE id = ?").bind(id).first()).toEqual({ body: "", status: "deleted" });
		expect(await imageCounts(image.id)).toMatchObject({ comment_count: 0 });

		// Without the form's CSRF field: refused, nothing stored.
		expect((await formPost(fan, `/community/generations/${image.id}/like`, { intent: "like", return_to: back }, false)).status).toBe(403);
		expect(await imageCounts(image.id)).toMatchObject({ like_count: 0, likes: 0 });
	});
});
