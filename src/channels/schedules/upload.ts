import { eq } from "drizzle-orm";
import { publishSchedules } from "../../db/channels-schema";
import type { projects } from "../../db/video-schema";
import type { VideoUpload } from "../adapter";
import type { ChannelDeps } from "../deps";
import type { ScheduleRow } from "./view";

/** Something on our side makes the publish impossible (no video in R2, no video capability): trying again will not help. */
export class PublishImpossible extends Error {
	constructor(message: string) {
		super(message);
		this.name = "PublishImpossible";
	}
}

type ProjectRow = typeof projects.$inferSelect;

async function bytesOf(files: R2Bucket, key: string, range?: { offset: number; length: number }): Promise<Uint8Array | null> {
	const object = await files.get(key, range ? { range } : undefined);
	return object ? new Uint8Array(await object.arrayBuffer()) : null;
}

/**
 * The project's video as an upload: the MP4 read from R2 in the ranges the adapter asks for (a
 * resumed upload reads only what is missing), the thumbnail's bytes, and the schedule's
 * resumable session, with every new session stored on the row at once so the next attempt
 * resumes it.
 */
export async function videoUploadOf(deps: Pick<ChannelDeps, "db" | "files">, schedule: ScheduleRow, project: ProjectRow, tags: string[]): Promise<VideoUpload> {
	const videoKey = project.videoR2Key;
	if (!videoKey) throw new PublishImpossible("the project has no video");
	const head = await deps.files.head(videoKey);
	if (!head) throw new PublishImpossible("the project's video is missing from storage");
	const thumbnail = project.thumbnailR2Key ? await bytesOf(deps.files, project.thumbnailR2Key) : null;
	return {
		title: schedule.title,
		description: schedule.description,
		tags,
		visibility: schedule.visibility,
		size: head.size,
		contentType: "video/mp4",
		read: async (start, endExclusive) => {
			const bytes = await bytesOf(deps.files, videoKey, { offset: start, length: endExclusive - start });
			if (!bytes) throw new PublishImpossible("the project's video is missing from storage");
			return bytes;
		},
		thumbnail,
		resumeSession: schedule.uploadSession,
		onSession: async (session) => {
			await deps.db.update(publishSchedules).set({ uploadSession: session }).where(eq(publishSchedules.id, schedule.id));
		},
	};
}
