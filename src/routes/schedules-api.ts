import { Hono } from "hono";
import { z } from "zod";
import { requireUser, signedInUser } from "../accounts/guards";
import type { AppEnv } from "../app-env";
import { OptimalTimeQuery, PublishNow, ScheduleCreate, ScheduleListQuery, ScheduleUpdate } from "../channels/schedules/input";
import { type OptimalTimes, optimalTimes } from "../channels/schedules/optimal-time";
import {
	createSchedule,
	deleteSchedule,
	listSchedules,
	ownSchedule,
	publishableChannel,
	publishableProject,
	publishNow,
	updateSchedule,
} from "../channels/schedules/schedules";
import { scheduleView } from "../channels/schedules/view";
import type { I18n } from "../i18n/i18n";
import { validate } from "../lib/validate";

const IdParams = z.object({ id: z.string().min(1).max(64) });
const NO_STORE = { "Cache-Control": "no-store" };

/** The weekday's name in the reader's language (0 = Monday). */
function weekdayName(i18n: I18n, weekday: number): string {
	// 2024-01-01 was a Monday; read at noon UTC so no zone moves it to another day.
	return new Intl.DateTimeFormat(i18n.locale === "ko" ? "ko-KR" : "en-US", { weekday: "long", timeZone: "UTC" }).format(
		new Date(Date.UTC(2024, 0, 1 + weekday, 12)),
	);
}

/** Each suggested time with its reason in the reader's words. */
export function optimalTimesView(result: OptimalTimes, i18n: I18n) {
	const hh = (hour: number) => `${String(hour % 24).padStart(2, "0")}:00`;
	return {
		source: result.source,
		time_zone: i18n.timeZone,
		times: result.times.map((slot) => ({
			at: slot.at,
			local: slot.local,
			score: slot.score,
			reason:
				result.source === "history"
					? i18n.t("channels:schedules.optimal.reasonHistory", {
							day: weekdayName(i18n, slot.weekday),
							from: hh(slot.hour),
							to: hh(slot.hour + 1),
							zone: result.basisZone,
						})
					: i18n.t("channels:schedules.optimal.reasonDefaults"),
		})),
	};
}

/**
 * `/api/schedules` (docs/channels.md "Schedules"): the signed-in user's video schedules. Local
 * times are read in `time_zone`, or the reader's zone (`c.var.i18n`: Korea's for Korean readers);
 * `publish-now` hands one to the queue at once (`202`); `optimal-time` suggests when to publish.
 */
export const schedulesApi = new Hono<AppEnv>()
	.get("/", requireUser, validate("query", ScheduleListQuery), async (c) => {
		const rows = await listSchedules(c.var.deps.channels.db, signedInUser(c).user.id, c.req.valid("query"), c.var.i18n.timeZone);
		return c.json({ schedules: rows.map(scheduleView) }, 200, NO_STORE);
	})
	.post("/", requireUser, validate("json", ScheduleCreate), async (c) => {
		const row = await createSchedule(c.var.deps.channels, signedInUser(c).user.id, c.req.valid("json"), c.var.i18n.timeZone);
		return c.json({ schedule: scheduleView(row) }, 201);
	})
	.post("/publish-now", requireUser, validate("json", PublishNow), async (c) => {
		const row = await publishNow(c.var.deps.channels, signedInUser(c).user.id, c.req.valid("json"), c.var.i18n.timeZone);
		return c.json({ schedule: scheduleView(row) }, 202);
	})
	.get("/optimal-time", requireUser, validate("query", OptimalTimeQuery), async (c) => {
		const { db, now } = c.var.deps.channels;
		const userId = signedInUser(c).user.id;
		const query = c.req.valid("query");
		const channel = await publishableChannel(db, userId, query.channel_id);
		if (query.project_id) await publishableProject(db, userId, query.project_id);
		return c.json(optimalTimesView(await optimalTimes(db, channel, c.var.i18n.timeZone, now()), c.var.i18n), 200, NO_STORE);
	})
	.get("/:id", requireUser, validate("param", IdParams), async (c) => {
		const row = await ownSchedule(c.var.deps.channels.db, signedInUser(c).user.id, c.req.valid("param").id);
		return c.json({ schedule: scheduleView(row) }, 200, NO_STORE);
	})
	.patch("/:id", requireUser, validate("param", IdParams), validate("json", ScheduleUpdate), async (c) => {
		const row = await updateSchedule(c.var.deps.channels, signedInUser(c).user.id, c.req.valid("param").id, c.req.valid("json"));
		return c.json({ schedule: scheduleView(row) });
	})
	.delete("/:id", requireUser, validate("param", IdParams), async (c) => {
		const id = c.req.valid("param").id;
		await deleteSchedule(c.var.deps.channels.db, signedInUser(c).user.id, id);
		return c.json({ deleted: id });
	});
