import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getDb } from "../../src/db/client";
import { styles } from "../../src/db/schema";
import { newId } from "../../src/lib/ids";
import { notifyGrouped } from "../../src/notifications/grouped";
import type { GpuJobRecord } from "../../src/shared/gpu-job-hooks";
import { STYLE_MODEL_ARTIFACT, settleTrainingJob } from "../../src/styles/training-hook";
import { communityUser, publicImage } from "../support/community-helpers";
import { notificationsOf } from "../support/generation-helpers";
import { type TestUser, userApi } from "../support/user-helpers";

const like = (who: TestUser, id: string) => userApi(who, `/api/generations/${id}/like`, { method: "POST" });
const unlike = (who: TestUser, id: string) => userApi(who, `/api/generations/${id}/like`, { method: "DELETE" });

async function unreadOf(userId: string) {
	return (await notificationsOf(userId)).filter((n) => n.readAt === null);
}

async function page(who: TestUser, lang: "ko" | "en"): Promise<string> {
	return (await userApi(who, "/notifications", { headers: { "Accept-Language": lang, Accept: "text/html" } })).text();
}

describe("grouped community notifications", () => {
	it("3 likes make 1 unread row (actor_count 3, the latest actor named); after reading, a new like starts a new row; a like taken back and given again notifies nobody twice", async () => {
		const image = await publicImage();
		const owner = image.owner;
		const [a, b, c, d] = await Promise.all([communityUser("민지"), communityUser("b"), communityUser("c"), communityUser("d")]);
		if (!a || !b || !c || !d) throw new Error("users");
		expect(await notificationsOf(owner.user.id)).toEqual([]);

		for (const who of [a, b, c]) expect((await like(who, image.id)).status).toBe(201);
		const grouped = await unreadOf(owner.user.id);
		expect(grouped).toHaveLength(1);
		expect(grouped[0]).toMatchObject({ kind: "liked", groupKey: `liked:${image.id}`, actorCount: 3, link: `/feed/${image.id}` });
		expect(JSON.parse(grouped[0]?.params ?? "{}")).toEqual({ actor: c.nickname, prompt: "ink fox, forest" });
		const facts = await env.DB.prepare("SELECT key FROM notified_facts WHERE user_id = ? AND key LIKE 'like:%' ORDER BY key")
			.bind(owner.user.id)
			.all<{ key: string }>();
		expect(facts.results.map((f) => f.key).sort()).toEqual([a, b, c].map((w) => `like:${image.id}:${w.user.id}`).sort());
		// The row's people, one fact each: what keeps a second fact of the same person from counting again.
		const people = await env.DB.prepare("SELECT key FROM notified_facts WHERE user_id = ? AND key LIKE 'actor:%'").bind(owner.user.id).all<{ key: string }>();
		expect(people.results.map((f) => f.key).sort()).toEqual([a, b, c].map((w) => `actor:${grouped[0]?.id}:${w.user.id}`).sort());

		// Taken back and given again: the fact was notified already, nothing changes.
		expect((await unlike(a, image.id)).status).toBe(200);
		expect((await like(a, image.id)).status).toBe(201);
		expect(await unreadOf(owner.user.id)).toMatchObject([{ actorCount: 3 }]);

		// The owner's own like tells nobody.
		expect((await like(owner, image.id)).status).toBe(201);
		expect(await notificationsOf(owner.user.id)).toHaveLength(1);

		const listed = (await (await userApi(owner, "/api/notifications", { headers: { "Accept-Language": "ko" } })).json()) as {
			notifications: { kind: string; title: string; actor_count: number }[];
		};
		expect(listed.notifications).toMatchObject([{ kind: "liked", actor_count: 3, title: `${c.nickname} 님 외 2명이 회원님의 이미지를 좋아합니다` }]);

		// Worded with the count, in both languages.
		const ko = await page(owner, "ko");
		expect(ko).toContain(`${c.nickname} 님 외 2명이 회원님의 이미지를 좋아합니다`);
		expect(await page(owner, "en")).toContain(`${c.nickname} and 2 others liked your image`);

		// Read: the next like starts a new group row; the read one stays as it was.
		expect((await userApi(owner, "/api/notifications/read", { method: "POST" })).status).toBe(200);
		expect((await like(d, image.id)).status).toBe(201);
		const all = await notificationsOf(owner.user.id);
		expect(all).toHaveLength(2);
		expect(all.find((n) => n.readAt !== null)).toMatchObject({ actorCount: 3 });
		expect(all.find((n) => n.readAt === null)).toMatchObject({ groupKey: `liked:${image.id}`, actorCount: 1 });
		expect(await page(owner, "ko")).toContain(`${d.nickname} 님이 회원님의 이미지를 좋아합니다`);
	});

	it("concurrent facts of one group land in one unread row, counted exactly", async () => {
		const owner = await communityUser("grp");
		const facts = Array.from({ length: 30 }, (_, i) => i);
		const results = await Promise.all(
			[...facts, ...facts].map((i) =>
				notifyGrouped(getDb(env.DB), {
					userId: owner.user.id,
					kind: "followed",
					groupKey: `followed:${owner.user.id}`,
					factKey: `follow:fan${i}:${owner.user.id}`,
					actorId: `fan${i}`,
					params: { actor: `fan${i}` },
					link: `/users/fan${i}`,
					now: new Date(),
				}),
			),
		);
		expect(results.filter(Boolean)).toHaveLength(30);
		expect(await unreadOf(owner.user.id)).toMatchObject([{ kind: "followed", actorCount: 30 }]);
	});

	it("counts people, not facts: one person's two comments are one actor, a second person makes two", async () => {
		const image = await publicImage();
		const [writer, other] = await Promise.all([communityUser("twice"), communityUser("other")]);
		if (!writer || !other) throw new Error("users");
		const comment = (who: typeof writer, body: string) => userApi(who, `/api/generations/${image.id}/comments`, { method: "POST", json: { body } });
		const [first, second] = await Promise.all([comment(writer, "첫 댓글"), comment(writer, "두 번째 댓글")]);
		expect([first.status, second.status]).toEqual([201, 201]);
		expect(await unreadOf(image.owner.user.id)).toMatchObject([{ kind: "commented", actorCount: 1 }]);
		expect(await page(image.owner, "ko")).not.toContain("외 1명");

		expect((await comment(other, "저도 좋아요")).status).toBe(201);
		expect(await unreadOf(image.owner.user.id)).toMatchObject([{ kind: "commented", actorCount: 2 }]);
		expect(await page(image.owner, "ko")).toContain(`${other.nickname} 님 외 1명이`);
	});

	it("a comment tells the image's owner, a reply tells the parent's author, a follow tells the followed; never one's own action", async () => {
		const image = await publicImage();
		const owner = image.owner;
		const [writer, replier, fan] = await Promise.all([communityUser("w"), communityUser("r"), communityUser("fan")]);
		if (!writer || !replier || !fan) throw new Error("users");

		const top = await userApi(writer, `/api/generations/${image.id}/comments`, { method: "POST", json: { body: "좋아요" } });
		const commentId = ((await top.json()) as { comment: { id: string } }).comment.id;
		expect(await unreadOf(owner.user.id)).toMatchObject([{ kind: "commented", groupKey: `commented:${image.id}`, actorCount: 1 }]);
		expect(await notificationsOf(writer.user.id)).toEqual([]);

		const reply = await userApi(replier, `/api/generations/${image.id}/comments`, { method: "POST", json: { body: "저도요", parent_id: commentId } });
		expect(reply.status).toBe(201);
		expect(await unreadOf(writer.user.id)).toMatchObject([{ kind: "replied", groupKey: `replied:${commentId}`, actorCount: 1 }]);
		// The owner hears of the reply as a comment on the image, in the same group.
		expect(await unreadOf(owner.user.id)).toMatchObject([{ kind: "commented", actorCount: 2 }]);
		expect(await page(writer, "ko")).toContain(`${replier.nickname} 님이 회원님의 댓글에 답글을 남겼습니다`);

		// One's own comment and reply: no notification to oneself.
		const own = await userApi(owner, `/api/generations/${image.id}/comments`, { method: "POST", json: { body: "감사합니다" } });
		const ownId = ((await own.json()) as { comment: { id: string } }).comment.id;
		await userApi(owner, `/api/generations/${image.id}/comments`, { method: "POST", json: { body: "self reply", parent_id: ownId } });
		expect(await unreadOf(owner.user.id)).toMatchObject([{ kind: "commented", actorCount: 2 }]);

		expect((await userApi(fan, `/api/users/${owner.user.id}/follow`, { method: "POST" })).status).toBe(201);
		expect((await userApi(fan, `/api/users/${owner.user.id}/follow`, { method: "DELETE" })).status).toBe(200);
		expect((await userApi(fan, `/api/users/${owner.user.id}/follow`, { method: "POST" })).status).toBe(201);
		const followed = (await unreadOf(owner.user.id)).filter((n) => n.kind === "followed");
		expect(followed).toMatchObject([{ groupKey: `followed:${owner.user.id}`, actorCount: 1, link: `/users/${fan.user.id}` }]);
		expect(await page(owner, "en")).toContain(`${fan.nickname} started following you`);
		expect(await notificationsOf(fan.user.id)).toEqual([]);
	});

	it("a style's completed training tells each follower of its artist once (new_style), not the artist's non-followers", async () => {
		const artist = await communityUser("painter", { role: "artist" });
		const [f1, f2, stranger] = await Promise.all([communityUser("f1"), communityUser("f2"), communityUser("x")]);
		if (!f1 || !f2 || !stranger) throw new Error("users");
		for (const fan of [f1, f2]) expect((await userApi(fan, `/api/users/${artist.user.id}/follow`, { method: "POST" })).status).toBe(201);
		const styleId = newId("sty");
		const jobId = newId("job");
		await getDb(env.DB)
			.insert(styles)
			.values({
				id: styleId,
				artistId: artist.user.id,
				slug: `moon-${styleId.slice(-10)}`,
				title: "달빛 수채화",
				tags: "[]",
				priceCredits: 10,
				status: "training",
				trainingJobId: jobId,
			});
		const at = new Date().toISOString();
		const job: GpuJobRecord = {
			id: jobId,
			kind: "lora.train",
			status: "succeeded",
			ownerType: "user",
			ownerId: artist.user.id,
			idempotencyKey: `k-${jobId}`,
			progressPercent: 100,
			progressStep: "done",
			errorCode: null,
			errorMessage: null,
			artifacts: JSON.stringify([{ name: STYLE_MODEL_ARTIFACT, sha256: "c".repeat(64), size: 10 }]),
			createdAt: at,
			updatedAt: at,
			lastEventAt: at,
		};
		const deps = { db: getDb(env.DB), files: env.FILES, now: new Date() };
		await settleTrainingJob(deps, job);
		// Delivered again: nobody hears twice.
		await settleTrainingJob(deps, job);
		for (const fan of [f1, f2]) {
			const notes = await notificationsOf(fan.user.id);
			expect(notes).toMatchObject([{ kind: "new_style", dedupeKey: `new_style:${styleId}:${fan.user.id}`, link: expect.stringContaining("/styles/moon-") }]);
			expect(JSON.parse(notes[0]?.params ?? "{}")).toEqual({ artist: artist.nickname, style: "달빛 수채화" });
		}
		expect(await page(f1, "ko")).toContain(`${artist.nickname} 님이 새 스타일을 공개했습니다`);
		expect(await notificationsOf(stranger.user.id)).toEqual([]);
		expect((await notificationsOf(artist.user.id)).map((n) => n.kind).sort()).toEqual(["followed", "training_completed"]);
	});
});
