import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { requireUser, signedInUser } from "../accounts/guards";
import type { AppEnv } from "../app-env";
import { notifications } from "../db/schema";
import type { Translate } from "../i18n/translator";
import { AppError } from "../lib/errors";
import { validate } from "../lib/validate";
import { localizedNotification } from "../notifications/localize";
import { listNotifications, markRead, unreadCount } from "../notifications/notify";

const IdParams = z.object({ id: z.string().min(1).max(64) });

/** A notification as the API shows it: title and body in the request's language. */
function notificationView(row: Awaited<ReturnType<typeof listNotifications>>[number], t: Translate) {
	return {
		id: row.id,
		kind: row.kind,
		...localizedNotification(row, t),
		link: row.link,
		read: row.readAt !== null,
		read_at: row.readAt,
		created_at: row.createdAt,
		// A grouped row (likes, comments, replies, followers) stands for this many people.
		actor_count: row.actorCount,
	};
}

/** `/api/notifications`: the signed-in user's in-app notifications; marking them read. */
export const notificationsApi = new Hono<AppEnv>()
	.use(requireUser)
	.get("/", async (c) => {
		const { db } = c.var.deps;
		const userId = signedInUser(c).user.id;
		const [rows, unread] = await Promise.all([listNotifications(db, userId), unreadCount(db, userId)]);
		return c.json({ notifications: rows.map((row) => notificationView(row, c.var.i18n.t)), unread }, 200, { "Cache-Control": "no-store" });
	})
	.post("/read", async (c) => {
		const { db, now } = c.var.deps;
		const marked = await markRead(db, signedInUser(c).user.id, now());
		return c.json({ marked });
	})
	.post("/:id/read", validate("param", IdParams), async (c) => {
		const { db, now } = c.var.deps;
		const userId = signedInUser(c).user.id;
		const id = c.req.valid("param").id;
		const marked = await markRead(db, userId, now(), id);
		// Already read is fine (idempotent); someone else's or unknown is 404.
		if (marked === 0) {
			const mine = await db.query.notifications.findFirst({ columns: { id: true }, where: and(eq(notifications.id, id), eq(notifications.userId, userId)) });
			if (!mine) throw new AppError(404, "NOT_FOUND", "No such notification.");
		}
		return c.json({ marked });
	});
