import { and, desc, eq, inArray, isNotNull } from "drizzle-orm";
import { channels } from "../../db/channels-schema";
import type { Db } from "../../db/client";
import { projects } from "../../db/video-schema";

/** What the create form offers: the user's projects with a finished video, newest first. */
export function publishableProjects(db: Db, userId: string) {
	return db
		.select({ id: projects.id, title: projects.title })
		.from(projects)
		.where(and(eq(projects.userId, userId), inArray(projects.status, ["ready", "published"]), isNotNull(projects.videoR2Key)))
		.orderBy(desc(projects.createdAt))
		.limit(200);
}

/** And the user's connected video channels. */
export function connectedVideoChannels(db: Db, userId: string) {
	return db
		.select({ id: channels.id, displayName: channels.displayName, provider: channels.provider, timeZone: channels.timeZone })
		.from(channels)
		.where(and(eq(channels.userId, userId), eq(channels.kind, "video"), eq(channels.status, "connected")))
		.orderBy(channels.displayName)
		.limit(100);
}
