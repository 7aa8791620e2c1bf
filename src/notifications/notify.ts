import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { notifications } from "../db/schema";
import { newId } from "../lib/ids";
import type { NotificationKind } from "../shared/styles";
import type { NotificationParams } from "./localize";

/** One in-app notification. `dedupeKey` names the fact notified (e.g. `generation_failed:<id>`). */
export type NewNotification = {
	userId: string;
	kind: NotificationKind;
	/** English words, kept for readers that predate `params` (and as the API's fallback). */
	title: string;
	body?: string;
	/** The values of the kind's catalogue messages (`account:notification.<kind>`), so each reader sees their language. */
	params?: NotificationParams;
	link?: string;
	dedupeKey: string;
	now: Date;
};

/**
 * Notifies once per `dedupeKey`: callbacks, retries and sweeps may report the same outcome
 * many times, and the user must hear about it once. Returns whether this call created it.
 */
export async function notifyOnce(db: Db, n: NewNotification): Promise<boolean> {
	const inserted = await db
		.insert(notifications)
		.values({
			id: newId("ntf"),
			userId: n.userId,
			kind: n.kind,
			title: n.title,
			body: n.body ?? "",
			params: n.params ? JSON.stringify(n.params) : null,
			link: n.link ?? null,
			dedupeKey: n.dedupeKey,
			createdAt: n.now.toISOString(),
		})
		.onConflictDoNothing({ target: notifications.dedupeKey })
		.returning({ id: notifications.id });
	return inserted.length > 0;
}

/** A user's notifications, newest first. */
export function listNotifications(db: Db, userId: string, limit = 100) {
	return db.query.notifications.findMany({ where: eq(notifications.userId, userId), orderBy: [desc(notifications.createdAt), desc(notifications.id)], limit });
}

/** How many of a user's notifications are unread. */
export async function unreadCount(db: Db, userId: string): Promise<number> {
	const rows = await db
		.select({ id: notifications.id })
		.from(notifications)
		.where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
	return rows.length;
}

/** Marks one of the user's notifications read (or all of them when `id` is omitted). */
export async function markRead(db: Db, userId: string, now: Date, id?: string): Promise<number> {
	const updated = await db
		.update(notifications)
		.set({ readAt: now.toISOString() })
		.where(and(eq(notifications.userId, userId), isNull(notifications.readAt), ...(id ? [eq(notifications.id, id)] : [])))
		.returning({ id: notifications.id });
	return updated.length;
}
