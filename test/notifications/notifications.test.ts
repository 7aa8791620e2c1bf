import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getDb } from "../../src/db/client";
import { notifyOnce } from "../../src/notifications/notify";
import type { NotificationKind } from "../../src/shared/styles";
import { notificationsOf } from "../support/generation-helpers";
import { api } from "../support/helpers";
import { createTestUser, type TestUser, userApi } from "../support/user-helpers";

type Listed = { notifications: { id: string; kind: string; title: string; read: boolean; link: string | null }[]; unread: number };

async function notify(who: TestUser, kind: NotificationKind, title: string, at: string) {
	await notifyOnce(getDb(env.DB), { userId: who.user.id, kind, title, link: "/me", dedupeKey: `${kind}:${crypto.randomUUID()}`, now: new Date(at) });
}

async function listed(who: TestUser): Promise<Listed> {
	const res = await userApi(who, "/api/notifications");
	expect(res.status).toBe(200);
	return res.json();
}

function postForm(who: TestUser, path: string, fields: Record<string, string>) {
	return userApi(who, path, { method: "POST", body: new URLSearchParams(fields), headers: { "Content-Type": "application/x-www-form-urlencoded" } });
}

describe("notifications", () => {
	it("lists the user's own, newest first, with the unread count", async () => {
		const who = await createTestUser();
		const other = await createTestUser();
		await notify(who, "generation_completed", "Your image is ready", "2026-03-01T10:00:00.000Z");
		await notify(who, "credits_refunded", "10 credits refunded", "2026-03-01T11:00:00.000Z");
		await notify(other, "training_completed", "Style trained", "2026-03-01T12:00:00.000Z");
		const list = await listed(who);
		expect(list.unread).toBe(2);
		expect(list.notifications.map((n) => [n.kind, n.read])).toEqual([
			["credits_refunded", false],
			["generation_completed", false],
		]);
		expect((await api("/api/notifications", { auth: null })).status).toBe(401);
	});

	it("marks one read (idempotently), refuses another user's, then all read", async () => {
		const who = await createTestUser();
		const other = await createTestUser();
		await notify(who, "generation_failed", "Could not generate", "2026-03-02T10:00:00.000Z");
		await notify(who, "credits_refunded", "Refunded", "2026-03-02T10:00:01.000Z");
		const [newest, oldest] = (await listed(who)).notifications;
		if (!newest || !oldest) throw new Error("not listed");

		expect(await (await userApi(who, `/api/notifications/${oldest.id}/read`, { method: "POST" })).json()).toEqual({ marked: 1 });
		expect(await (await userApi(who, `/api/notifications/${oldest.id}/read`, { method: "POST" })).json()).toEqual({ marked: 0 });
		expect((await userApi(other, `/api/notifications/${newest.id}/read`, { method: "POST" })).status).toBe(404);
		expect((await userApi({ ...who, csrf: "wrong" }, `/api/notifications/${newest.id}/read`, { method: "POST" })).status).toBe(403);
		expect((await listed(who)).unread).toBe(1);

		expect(await (await userApi(who, "/api/notifications/read", { method: "POST" })).json()).toEqual({ marked: 1 });
		const after = await listed(who);
		expect(after.unread).toBe(0);
		expect(after.notifications.every((n) => n.read)).toBe(true);
	});

	it("the page highlights unread ones and marks read with plain form posts", async () => {
		const who = await createTestUser();
		await notify(who, "generation_completed", "First image ready", "2026-03-03T10:00:00.000Z");
		await notify(who, "generation_completed", "Second image ready", "2026-03-03T10:00:01.000Z");
		const page = await userApi(who, "/notifications");
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html.match(/notification-unread/g)).toHaveLength(2);
		expect(html).toContain("Mark all 2 as read");

		const [second] = (await listed(who)).notifications;
		if (!second) throw new Error("not listed");
		const one = await postForm(who, `/notifications/${second.id}/read`, { _csrf: who.csrf });
		expect(one.status).toBe(303);
		expect(one.headers.get("Location")).toBe("/notifications");
		const reread = await (await userApi(who, "/notifications")).text();
		expect(reread.match(/notification-unread/g)).toHaveLength(1);
		expect(reread.match(/notification-read\b/g)).toHaveLength(1);

		// Without the CSRF field (and header) the form post is refused.
		const forged = await api("/notifications/read-all", {
			method: "POST",
			auth: null,
			body: new URLSearchParams({}),
			headers: { Cookie: who.cookie, "Content-Type": "application/x-www-form-urlencoded" },
		});
		expect(forged.status).toBe(403);
		expect((await listed(who)).unread).toBe(1);

		expect((await postForm(who, "/notifications/read-all", { _csrf: who.csrf })).status).toBe(303);
		expect((await notificationsOf(who.user.id)).every((n) => n.readAt !== null)).toBe(true);
		expect(await (await userApi(who, "/notifications")).text()).toContain("You are all caught up.");
	});

	it("the same fact is notified once", async () => {
		const who = await createTestUser();
		const db = getDb(env.DB);
		const fact = {
			userId: who.user.id,
			kind: "credits_refunded" as const,
			title: "Refunded",
			dedupeKey: `credits_refunded:${crypto.randomUUID()}`,
			now: new Date(),
		};
		expect(await notifyOnce(db, fact)).toBe(true);
		expect(await notifyOnce(db, fact)).toBe(false);
		expect(await notificationsOf(who.user.id)).toHaveLength(1);
	});
});
