import { z } from "zod";
import { isTimeZone } from "../../i18n/time-zones";
import { ScheduleStatus, VideoVisibility } from "../../shared/channels";

/** The bounds of a schedule's words, as the video platforms take them (YouTube: title ≤ 100, description ≤ 5000, tags ≤ 500 characters in all). */
export const SCHEDULE_LIMITS = { title: 100, description: 5000, tags: 15, tag: 30, tagsTotal: 500 } as const;

const Id = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[0-9a-f]{32}$`), `not a ${prefix} id`);
const TimeZone = z.string().max(64).refine(isTimeZone, "not an IANA time zone");
/** A local `YYYY-MM-DDTHH:mm` (read in `time_zone`) or an ISO date-time with `Z` or an offset; checked further in the domain. */
const ScheduledAt = z.string().min(16).max(40);
const Tags = z
	.array(z.string().trim().min(1).max(SCHEDULE_LIMITS.tag))
	.max(SCHEDULE_LIMITS.tags)
	.refine((tags) => tags.join("").length <= SCHEDULE_LIMITS.tagsTotal, `at most ${SCHEDULE_LIMITS.tagsTotal} characters of tags in all`);

const fields = {
	channel_id: Id("chn"),
	scheduled_at: ScheduledAt,
	time_zone: TimeZone,
	title: z.string().trim().min(1).max(SCHEDULE_LIMITS.title),
	description: z.string().max(SCHEDULE_LIMITS.description),
	tags: Tags,
	visibility: VideoVisibility,
};

/** `POST /api/schedules`. */
export const ScheduleCreate = z
	.strictObject({
		project_id: Id("proj"),
		channel_id: fields.channel_id,
		scheduled_at: fields.scheduled_at,
		time_zone: fields.time_zone.optional(),
		title: fields.title,
		description: fields.description.default(""),
		tags: fields.tags.default([]),
		visibility: fields.visibility.default("public"),
	})
	.meta({
		example: {
			project_id: "proj_2f6c0a8e5b7d4d1e9f613c2b1a0d9e77",
			channel_id: "chn_2f6c0a8e5b7d4d1e9f613c2b1a0d9e77",
			scheduled_at: "2030-06-01T19:00",
			time_zone: "Asia/Seoul",
			title: "제주 여행 브이로그",
			description: "바람 부는 제주의 하루",
			tags: ["제주", "여행"],
			visibility: "public",
		},
	});
export type ScheduleCreate = z.infer<typeof ScheduleCreate>;

/** `PATCH /api/schedules/:id`: any of the fields (a failed schedule edited goes back to pending). */
export const ScheduleUpdate = z
	.strictObject({
		channel_id: fields.channel_id,
		scheduled_at: fields.scheduled_at,
		time_zone: fields.time_zone,
		title: fields.title,
		description: fields.description,
		tags: fields.tags,
		visibility: fields.visibility,
	})
	.partial()
	.meta({ example: { scheduled_at: "2030-06-02T12:00", time_zone: "Asia/Seoul", visibility: "unlisted" } });
export type ScheduleUpdate = z.infer<typeof ScheduleUpdate>;

/** `POST /api/schedules/publish-now`: an existing schedule, or a new one published at once (`scheduled_at` is now). */
export const PublishNow = z
	.union([
		z.strictObject({ schedule_id: Id("sch") }),
		ScheduleCreate.omit({ scheduled_at: true, time_zone: true }).extend({ time_zone: fields.time_zone.optional() }),
	])
	.meta({ example: { schedule_id: "sch_2f6c0a8e5b7d4d1e9f613c2b1a0d9e77" } });
export type PublishNow = z.infer<typeof PublishNow>;

/** `GET /api/schedules?status&channel_id&from&to` (`from`/`to` read like `scheduled_at`). */
const CHANNEL_EXAMPLE = "chn_2f6c0a8e5b7d4d1e9f613c2b1a0d9e77";
export const ScheduleListQuery = z.object({
	status: ScheduleStatus.optional().meta({ example: "pending" }),
	channel_id: fields.channel_id.optional().meta({ example: CHANNEL_EXAMPLE }),
	from: ScheduledAt.optional().meta({ example: "2030-06-01T00:00" }),
	to: ScheduledAt.optional().meta({ example: "2030-07-01T00:00" }),
});
export type ScheduleListQuery = z.infer<typeof ScheduleListQuery>;

/** `GET /api/schedules/optimal-time?channel_id&project_id`. */
export const OptimalTimeQuery = z.object({
	channel_id: fields.channel_id.meta({ example: CHANNEL_EXAMPLE }),
	project_id: Id("proj").optional().meta({ example: "proj_2f6c0a8e5b7d4d1e9f613c2b1a0d9e77" }),
});
export type OptimalTimeQuery = z.infer<typeof OptimalTimeQuery>;
