import type { publishSchedules } from "../../db/channels-schema";
import type { ScheduleStatus, VideoVisibility } from "../../shared/channels";
import { utcToLocal } from "./local-time";

export type ScheduleRow = typeof publishSchedules.$inferSelect;

/** A schedule as the API and the pages show it: `scheduled_at` in UTC and `scheduled_local` on its zone's clock. */
export type ScheduleView = {
	id: string;
	project_id: string;
	channel_id: string;
	scheduled_at: string;
	scheduled_local: string;
	time_zone: string;
	title: string;
	description: string;
	tags: string[];
	visibility: VideoVisibility;
	status: ScheduleStatus;
	attempts: number;
	last_error: string | null;
	external_id: string | null;
	external_url: string | null;
	published_at: string | null;
	created_at: string;
	updated_at: string;
};

function parseTags(raw: string): string[] {
	try {
		const value: unknown = JSON.parse(raw);
		return Array.isArray(value) ? value.filter((tag): tag is string => typeof tag === "string") : [];
	} catch {
		return [];
	}
}

export function scheduleView(row: ScheduleRow): ScheduleView {
	return {
		id: row.id,
		project_id: row.projectId,
		channel_id: row.channelId,
		scheduled_at: row.scheduledAt,
		scheduled_local: utcToLocal(row.scheduledAt, row.timeZone),
		time_zone: row.timeZone,
		title: row.title,
		description: row.description,
		tags: parseTags(row.tags),
		visibility: row.visibility,
		status: row.status,
		attempts: row.attempts,
		last_error: row.lastError,
		// The upload's session URI is never shown: only a published video's id.
		external_id: row.status === "published" ? row.externalId : null,
		external_url: row.externalUrl,
		published_at: row.publishedAt,
		created_at: row.createdAt,
		updated_at: row.updatedAt,
	};
}
