import { env, exports } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { ScheduleView } from "../../src/channels/schedules/view";
import { analyticsSnapshots, channels, publishSchedules } from "../../src/db/channels-schema";
import { getDb } from "../../src/db/client";
import { newId } from "../../src/lib/ids";
import { type ErrorBody, testAppDeps, waitFor } from "../support/helpers";
import { connectSandboxChannel } from "../support/sandbox-helpers";
import { createTestUser, type TestUser, userApi } from "../support/user-helpers";
import { seedReadyProject } from "../support/video-product-helpers";

const db = getDb(env.DB);

/** A seller with a finished video and a connected sandbox video channel. */
async function seller() {
	const deps = await testAppDeps();
	const who = await createTestUser({ name: "예약 판매자" });
	const project = await seedReadyProject(who);
	const { channel, account } = await connectSandboxChannel(deps.channels, { kind: "video", userId: who.user.id });
	return { deps, who, project, channel, account };
}

/** Far enough ahead that the test never runs into it. */
const LOCAL_KST = "2030-12-06T00:30";
const UTC_OF_LOCAL_KST = "2030-12-05T15:30:00.000Z";

const body = (projectId: string, channelId: string, extra: Record<string, unknown> = {}) => ({
	project_id: projectId,
	channel_id: channelId,
	scheduled_at: LOCAL_KST,
	time_zone: "Asia/Seoul",
	title: "제주 여행 30초",
	description: "겨울 제주",
	tags: ["제주", "여행"],
	visibility: "public",
	...extra,
});

async function create(who: TestUser, json: unknown): Promise<ScheduleView> {
	const res = await userApi(who, "/api/schedules", { method: "POST", json });
	expect(res.status).toBe(201);
	return ((await res.json()) as { schedule: ScheduleView }).schedule;
}

async function errorOf(res: Response, status: number, code: string) {
	expect(res.status).toBe(status);
	const error = ((await res.json()) as ErrorBody).error;
	expect(error.code).toBe(code);
	return error;
}

const rowOf = (id: string) => db.query.publishSchedules.findFirst({ where: eq(publishSchedules.id, id) });

describe("/api/schedules", () => {
	it("creates in Asia/Seoul at 00:30 on the 6th: stored 15:30Z on the 5th, listed back as local 00:30 on the 6th and on the 6th in the calendar", async () => {
		const { who, project, channel } = await seller();
		const schedule = await create(who, body(project.id, channel.id));
		expect(schedule).toMatchObject({
			scheduled_at: UTC_OF_LOCAL_KST,
			scheduled_local: LOCAL_KST,
			time_zone: "Asia/Seoul",
			status: "pending",
			attempts: 0,
			tags: ["제주", "여행"],
			external_id: null,
		});
		expect((await rowOf(schedule.id))?.scheduledAt).toBe(UTC_OF_LOCAL_KST);
		// Without time_zone, a Korean reader's clock is Korea's.
		const { time_zone: _tz, ...noZone } = body(project.id, channel.id);
		const korean = await userApi(who, "/api/schedules?lang=ko", { method: "POST", json: noZone });
		expect(((await korean.json()) as { schedule: ScheduleView }).schedule).toMatchObject({ scheduled_at: UTC_OF_LOCAL_KST, time_zone: "Asia/Seoul" });
		const list = await userApi(who, `/api/schedules?lang=ko&status=pending&channel_id=${channel.id}&from=2030-12-06T00:00&to=2030-12-06T23:59`);
		expect(list.status).toBe(200);
		const listed = ((await list.json()) as { schedules: ScheduleView[] }).schedules;
		expect(listed.map((s) => s.scheduled_local)).toEqual([LOCAL_KST, LOCAL_KST]);
		const one = await userApi(who, `/api/schedules/${schedule.id}`);
		expect(((await one.json()) as { schedule: ScheduleView }).schedule.id).toBe(schedule.id);

		const page = await userApi(who, "/video/schedules?month=2030-12&lang=ko&tz=Asia/Seoul");
		expect(page.status).toBe(200);
		const html = await page.text();
		const day6 = html.slice(html.indexOf('data-day="2030-12-06"'), html.indexOf('data-day="2030-12-07"'));
		expect(day6).toContain(`data-schedule="${schedule.id}"`);
		expect(day6).toContain("00:30");
		const day5 = html.slice(html.indexOf('data-day="2030-12-05"'), html.indexOf('data-day="2030-12-06"'));
		expect(day5).not.toContain(`data-schedule="${schedule.id}"`);
		expect(html).toContain("예약 게시");
		// On a UTC clock the same schedule is on the 5th at 15:30.
		const utcPage = await (await userApi(who, "/video/schedules?month=2030-12&lang=en&tz=UTC")).text();
		const utcDay5 = utcPage.slice(utcPage.indexOf('data-day="2030-12-05"'), utcPage.indexOf('data-day="2030-12-06"'));
		expect(utcDay5).toContain(`data-schedule="${schedule.id}"`);
		expect(utcDay5).toContain("15:30");
		expect(utcPage).toContain("Schedules");
	});

	it("refuses bad input with 400 VALIDATION_FAILED naming the field, and a request without the CSRF token", async () => {
		const { who, project, channel } = await seller();
		const cases: [Record<string, unknown>, string][] = [
			[{ title: "" }, "title"],
			[{ title: "x".repeat(101) }, "title"],
			[{ description: "x".repeat(5001) }, "description"],
			[{ tags: Array.from({ length: 16 }, (_, i) => `t${i}`) }, "tags"],
			[{ tags: ["x".repeat(31)] }, "tags"],
			[{ visibility: "secret" }, "visibility"],
			[{ time_zone: "Mars/Olympus" }, "time_zone"],
			[{ scheduled_at: "next tuesday at 9" }, "scheduled_at"],
			[{ scheduled_at: "2030-02-30T10:00" }, "scheduled_at"],
			[{ scheduled_at: "2020-01-01T10:00" }, "scheduled_at"],
			[{ channel_id: "nope" }, "channel_id"],
		];
		for (const [change, field] of cases) {
			const error = await errorOf(
				await userApi(who, "/api/schedules", { method: "POST", json: body(project.id, channel.id, change) }),
				400,
				"VALIDATION_FAILED",
			);
			expect(error.message).toContain(field);
		}
		const noCsrf = await exports.default.fetch(
			new Request("http://localhost:8787/api/schedules", {
				method: "POST",
				headers: { Cookie: who.cookie, "Content-Type": "application/json" },
				body: JSON.stringify(body(project.id, channel.id)),
			}),
		);
		expect(noCsrf.status).toBe(403);
		expect(await db.query.publishSchedules.findMany({ where: eq(publishSchedules.userId, who.user.id) })).toEqual([]);
	});

	it("answers 409 for a project without a finished video or a channel not connected, and 404 for another user's", async () => {
		const { deps, who, project, channel } = await seller();
		const processing = await seedReadyProject(who, { status: "processing" });
		await errorOf(await userApi(who, "/api/schedules", { method: "POST", json: body(processing.id, channel.id) }), 409, "CONFLICT");
		const shop = await connectSandboxChannel(deps.channels, { kind: "shop", userId: who.user.id });
		await errorOf(await userApi(who, "/api/schedules", { method: "POST", json: body(project.id, shop.channel.id) }), 409, "CHANNEL_NOT_CONNECTED");
		const stale = await connectSandboxChannel(deps.channels, { kind: "video", userId: who.user.id });
		await db.update(channels).set({ status: "needs_reauth" }).where(eq(channels.id, stale.channel.id));
		await errorOf(await userApi(who, "/api/schedules", { method: "POST", json: body(project.id, stale.channel.id) }), 409, "CHANNEL_NOT_CONNECTED");

		const other = await seller();
		await errorOf(await userApi(who, "/api/schedules", { method: "POST", json: body(other.project.id, channel.id) }), 404, "NOT_FOUND");
		await errorOf(await userApi(who, "/api/schedules", { method: "POST", json: body(project.id, other.channel.id) }), 404, "NOT_FOUND");
		const theirs = await create(other.who, body(other.project.id, other.channel.id));
		await errorOf(await userApi(who, `/api/schedules/${theirs.id}`), 404, "NOT_FOUND");
		await errorOf(await userApi(who, `/api/schedules/${theirs.id}`, { method: "PATCH", json: { title: "mine" } }), 404, "NOT_FOUND");
		await errorOf(await userApi(who, `/api/schedules/${theirs.id}`, { method: "DELETE" }), 404, "NOT_FOUND");
		await errorOf(await userApi(who, "/api/schedules/publish-now", { method: "POST", json: { schedule_id: theirs.id } }), 404, "NOT_FOUND");
		await errorOf(await userApi(who, `/api/schedules/optimal-time?channel_id=${other.channel.id}`), 404, "NOT_FOUND");
		expect((await rowOf(theirs.id))?.title).toBe("제주 여행 30초");
		const unsigned = await userApi({ ...who, cookie: "" }, "/api/schedules");
		expect(unsigned.status).toBe(401);
	});

	it("edits and deletes only pending or failed schedules; a failed one edited waits again with its attempts reset", async () => {
		const { who, project, channel } = await seller();
		const schedule = await create(who, body(project.id, channel.id));
		const patched = await userApi(who, `/api/schedules/${schedule.id}`, {
			method: "PATCH",
			json: { title: "새 제목", scheduled_at: "2030-12-07T09:00", tags: [] },
		});
		expect(patched.status).toBe(200);
		expect(((await patched.json()) as { schedule: ScheduleView }).schedule).toMatchObject({
			title: "새 제목",
			scheduled_at: "2030-12-07T00:00:00.000Z",
			scheduled_local: "2030-12-07T09:00",
			tags: [],
		});
		await errorOf(
			await userApi(who, `/api/schedules/${schedule.id}`, { method: "PATCH", json: { scheduled_at: "2020-12-07T09:00" } }),
			400,
			"VALIDATION_FAILED",
		);

		for (const status of ["queued", "publishing", "published"] as const) {
			await db.update(publishSchedules).set({ status }).where(eq(publishSchedules.id, schedule.id));
			await errorOf(await userApi(who, `/api/schedules/${schedule.id}`, { method: "PATCH", json: { title: "x" } }), 409, "CONFLICT");
			await errorOf(await userApi(who, `/api/schedules/${schedule.id}`, { method: "DELETE" }), 409, "CONFLICT");
			expect((await rowOf(schedule.id))?.status).toBe(status);
		}

		await db.update(publishSchedules).set({ status: "failed", attempts: 5, lastError: "YouTube answered 503" }).where(eq(publishSchedules.id, schedule.id));
		const retried = await userApi(who, `/api/schedules/${schedule.id}`, { method: "PATCH", json: { visibility: "private" } });
		expect(retried.status).toBe(200);
		expect(await rowOf(schedule.id)).toMatchObject({ status: "pending", attempts: 0, lastError: null, visibility: "private" });

		const deleted = await userApi(who, `/api/schedules/${schedule.id}`, { method: "DELETE" });
		expect(deleted.status).toBe(200);
		expect(await deleted.json()).toEqual({ deleted: schedule.id });
		expect(await rowOf(schedule.id)).toBeUndefined();
	});

	it("publish-now hands a schedule (or a new one) to the queue at once, and the queue publishes it to the sandbox channel", async () => {
		const { who, project, channel } = await seller();
		const schedule = await create(who, body(project.id, channel.id));
		const res = await userApi(who, "/api/schedules/publish-now", { method: "POST", json: { schedule_id: schedule.id } });
		expect(res.status).toBe(202);
		expect(((await res.json()) as { schedule: ScheduleView }).schedule).toMatchObject({ id: schedule.id, status: "queued" });
		const published = await waitFor(async () => {
			const row = await rowOf(schedule.id);
			return row?.status === "published" ? row : undefined;
		});
		expect(published.externalUrl).toContain("/sandbox/channels/");
		await errorOf(await userApi(who, "/api/schedules/publish-now", { method: "POST", json: { schedule_id: schedule.id } }), 409, "CONFLICT");

		const { scheduled_at: _at, ...fresh } = body(project.id, channel.id, { title: "바로 게시" });
		const direct = await userApi(who, "/api/schedules/publish-now", { method: "POST", json: fresh });
		expect(direct.status).toBe(202);
		const made = ((await direct.json()) as { schedule: ScheduleView }).schedule;
		expect(made).toMatchObject({ title: "바로 게시", status: "queued" });
		await waitFor(async () => (await rowOf(made.id))?.status === "published");
	});

	it("suggests times from the documented Korean peaks until the channel has history", async () => {
		const { who, project, channel } = await seller();
		const res = await userApi(who, `/api/schedules/optimal-time?channel_id=${channel.id}&project_id=${project.id}&lang=en&tz=Asia/Seoul`);
		expect(res.status).toBe(200);
		const result = (await res.json()) as { source: string; times: { at: string; local: string; score: number; reason: string }[] };
		expect(result.source).toBe("defaults");
		expect(result.times.length).toBeGreaterThanOrEqual(3);
		expect(result.times.length).toBeLessThanOrEqual(5);
		const peakHours = new Set(["10:00", "11:00", "12:00", "19:00", "20:00", "21:00"]);
		for (const slot of result.times) {
			expect(Date.parse(slot.at)).toBeGreaterThan(Date.now());
			expect(Date.parse(slot.at)).toBeLessThan(Date.now() + 8 * 86_400_000);
			expect(peakHours.has(slot.local.slice(11))).toBe(true);
			expect(slot.score).toBeGreaterThan(0);
			expect(slot.score).toBeLessThanOrEqual(100);
			expect(slot.reason).toBe("Typical peak for short videos in Korea");
		}
		expect([...result.times].sort((a, b) => a.at.localeCompare(b.at))).toEqual(result.times);
		const ko = (await (await userApi(who, `/api/schedules/optimal-time?channel_id=${channel.id}&lang=ko`)).json()) as { times: { reason: string }[] };
		expect(ko.times[0]?.reason).toBe("한국에서 숏폼 영상 시청이 많은 시간대입니다");
		await errorOf(await userApi(who, "/api/schedules/optimal-time?channel_id=bad"), 400, "VALIDATION_FAILED");
	});

	it("suggests times from the channel's own views by hour of week once it has 20 deltas over 7 days", async () => {
		const { who, channel } = await seller();
		// Two weeks of snapshots of two videos every 6 hours (KST 01, 07, 13, 19): views jump only in the
		// snapshot at 19:00 KST on Tuesdays, half as much on Saturdays, a quarter at 13:00 on Thursdays.
		const start = Date.now() - 15 * 86_400_000;
		const firstSnapshot = start - (start % 86_400_000) + 4 * 3_600_000; // 04:00Z = 13:00 KST
		const rows: (typeof analyticsSnapshots.$inferInsert)[] = [];
		for (const item of ["vid-a", "vid-b"]) {
			let views = 0;
			// Exactly two weeks, so each hour of week is seen twice.
			for (let at = firstSnapshot; at < firstSnapshot + 14 * 86_400_000; at += 6 * 3_600_000) {
				const kst = new Date(at + 9 * 3_600_000);
				if (kst.getUTCHours() === 19 && kst.getUTCDay() === 2) views += 100;
				if (kst.getUTCHours() === 19 && kst.getUTCDay() === 6) views += 50;
				if (kst.getUTCHours() === 13 && kst.getUTCDay() === 4) views += 25;
				rows.push({ id: newId("snp"), channelId: channel.id, itemId: item, views, capturedAt: new Date(at).toISOString() });
			}
		}
		for (let i = 0; i < rows.length; i += 10) await db.insert(analyticsSnapshots).values(rows.slice(i, i + 10));
		const res = await userApi(who, `/api/schedules/optimal-time?channel_id=${channel.id}&lang=en&tz=Asia/Seoul`);
		const result = (await res.json()) as { source: string; times: { at: string; local: string; score: number; reason: string }[] };
		expect(result.source).toBe("history");
		const byScore = result.times.map((slot) => [slot.local.slice(11), slot.score]).sort((a, b) => Number(b[1]) - Number(a[1]));
		expect(byScore).toEqual([
			["19:00", 100],
			["19:00", 50],
			["13:00", 25],
		]);
		const tuesday = result.times.find((slot) => slot.score === 100);
		expect(new Date(`${tuesday?.local}:00Z`).getUTCDay()).toBe(2);
		expect(tuesday?.reason).toBe("Your videos gained most views on Tuesday 19:00–20:00 (Asia/Seoul)");
	});
	it("the page's forms create (on the viewer's clock), show a refused time on the form, retry a failed schedule and cancel one", async () => {
		const { who, project, channel } = await seller();
		const form = (fields: Record<string, string>) => new URLSearchParams({ _csrf: who.csrf, ...fields });
		const post = (path: string, fields: Record<string, string> = {}) =>
			userApi(who, `${path}?lang=ko&tz=Asia/Seoul`, { method: "POST", body: form(fields), headers: { "Content-Type": "application/x-www-form-urlencoded" } });
		const fields = {
			project_id: project.id,
			channel_id: channel.id,
			date: "2030-12-06",
			time: "00:30",
			title: "폼 예약",
			description: "",
			tags: "제주, 겨울",
			visibility: "unlisted",
		};
		const created = await post("/video/schedules", fields);
		expect(created.status).toBe(303);
		expect(created.headers.get("Location")).toBe("/video/schedules?notice=created");
		const rows = await db.query.publishSchedules.findMany({ where: eq(publishSchedules.userId, who.user.id) });
		expect(rows).toMatchObject([{ scheduledAt: UTC_OF_LOCAL_KST, timeZone: "Asia/Seoul", tags: JSON.stringify(["제주", "겨울"]), visibility: "unlisted" }]);
		const id = rows[0]?.id ?? "";

		const refused = await post("/video/schedules", { ...fields, date: "2020-01-01" });
		expect(refused.status).toBe(400);
		const html = await refused.text();
		expect(html).toContain('role="alert"');
		expect(html).toContain('value="2020-01-01"');
		expect(await db.query.publishSchedules.findMany({ where: eq(publishSchedules.userId, who.user.id) })).toHaveLength(1);

		const page = await (await userApi(who, "/video/schedules?lang=ko&tz=Asia/Seoul")).text();
		expect(page).toContain("추천 게시 시각");
		expect(page).toContain(`action="/video/schedules/${id}/delete"`);

		await db.update(publishSchedules).set({ status: "failed", attempts: 5, lastError: "YouTube answered 503" }).where(eq(publishSchedules.id, id));
		const failedPage = await (await userApi(who, "/video/schedules?status=failed&lang=ko&tz=Asia/Seoul")).text();
		expect(failedPage).toContain("사유: YouTube answered 503");
		expect((await post(`/video/schedules/${id}/retry`)).headers.get("Location")).toBe("/video/schedules?notice=retried");
		expect(await rowOf(id)).toMatchObject({ status: "pending", attempts: 0, lastError: null });
		expect((await post(`/video/schedules/${id}/delete`)).headers.get("Location")).toBe("/video/schedules?notice=deleted");
		expect(await rowOf(id)).toBeUndefined();
	});
});
