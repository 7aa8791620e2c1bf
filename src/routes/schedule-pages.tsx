import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { requireUser, signedInUser, userPage } from "../accounts/guards";
import { loadViewer } from "../accounts/viewer";
import type { AppEnv } from "../app-env";
import { byLocalDay, MONTH, monthGrid } from "../channels/schedules/calendar";
import { connectedVideoChannels, publishableProjects } from "../channels/schedules/choices";
import { ScheduleCreate } from "../channels/schedules/input";
import { LOCAL_DATE_TIME, utcToLocal } from "../channels/schedules/local-time";
import { optimalTimes } from "../channels/schedules/optimal-time";
import { createSchedule, deleteSchedule, listSchedules, publishNow, updateSchedule } from "../channels/schedules/schedules";
import { scheduleView } from "../channels/schedules/view";
import { AppError } from "../lib/errors";
import { validate } from "../lib/validate";
import { ScheduleStatus } from "../shared/channels";
import type { ScheduleFormValues } from "../views/channels/schedules/create-form";
import { SCHEDULE_NOTICES, SchedulesPage } from "../views/channels/schedules/schedules-page";
import { formError } from "./form-error";
import { renderPage } from "./render-page";
import { optimalTimesView } from "./schedules-api";

const IdParams = z.object({ id: z.string().min(1).max(64) });
const PageQuery = z.object({
	month: z.string().regex(MONTH).optional().catch(undefined),
	status: ScheduleStatus.optional().catch(undefined),
	channel: z.string().max(64).optional().catch(undefined),
	/** A suggested time picked: `YYYY-MM-DDTHH:mm` on the viewer's clock. */
	at: z.string().regex(LOCAL_DATE_TIME).optional().catch(undefined),
	notice: z.enum(SCHEDULE_NOTICES).optional().catch(undefined),
});
const Text = (max: number) => z.string().max(max).default("");
/** Form fields as typed; the rules are the API's ({@link ScheduleCreate}). */
const CreateForm = z.object({
	project_id: Text(64),
	channel_id: Text(64),
	date: Text(10),
	time: Text(8),
	title: Text(300),
	description: Text(6000),
	tags: Text(2000),
	visibility: Text(10),
});

type PageInput = { query: z.infer<typeof PageQuery>; values?: ScheduleFormValues; error?: { message: string; status: 400 | 404 | 409 | 422 } };

async function renderSchedules(c: Context<AppEnv>, input: PageInput) {
	const { db, now } = c.var.deps.channels;
	const { user, csrfToken } = signedInUser(c);
	const zone = c.var.i18n.timeZone;
	const at = now();
	const grid = monthGrid(input.query.month ?? utcToLocal(at, zone).slice(0, 7), zone);
	const [monthRows, listRows, projects, channels] = await Promise.all([
		listSchedules(db, user.id, { from: grid.from, to: grid.to }, zone),
		listSchedules(db, user.id, { status: input.query.status }, zone),
		publishableProjects(db, user.id),
		connectedVideoChannels(db, user.id),
	]);
	const picked = input.query.at;
	const values: ScheduleFormValues = input.values ?? {
		channel_id: input.query.channel,
		...(picked ? { date: picked.slice(0, 10), time: picked.slice(11, 16) } : {}),
	};
	const channel = channels.find((row) => row.id === values.channel_id) ?? channels[0];
	const suggestions = channel ? optimalTimesView(await optimalTimes(db, channel, zone, at), c.var.i18n) : null;
	return renderPage(
		c,
		<SchedulesPage
			viewer={c.var.viewer}
			csrfToken={csrfToken}
			grid={grid}
			days={byLocalDay(monthRows.map(scheduleView), zone)}
			schedules={listRows.map(scheduleView)}
			status={input.query.status}
			projects={projects}
			channels={channels}
			values={{ ...values, channel_id: values.channel_id ?? channel?.id }}
			suggested={
				suggestions && channel
					? {
							source: suggestions.source,
							times: suggestions.times.map((slot) => ({
								...slot,
								href: `/video/schedules?channel=${encodeURIComponent(channel.id)}&at=${encodeURIComponent(slot.local)}#schedule-create`,
							})),
						}
					: null
			}
			notice={input.query.notice}
			error={input.error?.message}
		/>,
		input.error?.status,
	);
}

/** Where an action sends the browser back to, with what happened. */
const back = (notice: (typeof SCHEDULE_NOTICES)[number]) => `/video/schedules?notice=${notice}`;

/**
 * `/video/schedules`: the month calendar and list of the user's schedules on their clock, the
 * create form (with suggested times) and the actions: publish now, cancel, retry a failed one.
 * The forms post here; the rules are the API's.
 */
export const schedulePages = new Hono<AppEnv>()
	.get("/", userPage, loadViewer, validate("query", PageQuery), (c) => renderSchedules(c, { query: c.req.valid("query") }))
	.post("/", requireUser, loadViewer, validate("form", CreateForm), async (c) => {
		const form = c.req.valid("form");
		const tags = form.tags
			.split(",")
			.map((tag) => tag.trim())
			.filter((tag) => tag.length > 0);
		try {
			const parsed = ScheduleCreate.safeParse({
				project_id: form.project_id,
				channel_id: form.channel_id,
				scheduled_at: `${form.date}T${form.time.slice(0, 5)}`,
				title: form.title,
				description: form.description,
				tags,
				...(form.visibility ? { visibility: form.visibility } : {}),
			});
			if (!parsed.success) {
				throw new AppError(400, "VALIDATION_FAILED", parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "));
			}
			await createSchedule(c.var.deps.channels, signedInUser(c).user.id, parsed.data, c.var.i18n.timeZone);
		} catch (err) {
			const problem = formError(err, c.var.i18n);
			if (!problem) throw err;
			const status = problem.status === 404 || problem.status === 409 || problem.status === 422 ? problem.status : 400;
			return renderSchedules(c, { query: {}, values: form, error: { message: problem.message, status } });
		}
		return c.redirect(back("created"), 303);
	})
	.post("/:id/publish-now", requireUser, validate("param", IdParams), async (c) => {
		await publishNow(c.var.deps.channels, signedInUser(c).user.id, { schedule_id: c.req.valid("param").id }, c.var.i18n.timeZone);
		return c.redirect(back("queued"), 303);
	})
	.post("/:id/retry", requireUser, validate("param", IdParams), async (c) => {
		await updateSchedule(c.var.deps.channels, signedInUser(c).user.id, c.req.valid("param").id, {});
		return c.redirect(back("retried"), 303);
	})
	.post("/:id/delete", requireUser, validate("param", IdParams), async (c) => {
		await deleteSchedule(c.var.deps.channels.db, signedInUser(c).user.id, c.req.valid("param").id);
		return c.redirect(back("deleted"), 303);
	});
