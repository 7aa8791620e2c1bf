import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { requireUser } from "../accounts/guards";
import type { AppEnv } from "../app-env";
import { getDb } from "../db/client";
import { notifications } from "../db/schema";
import { AppError } from "../lib/errors";
import { validate } from "../lib/validate";
import { listNotifications, markRead, unreadCount } from "../notifications/notify";

const IdParams = z.object({ id: z.string().min(1).max(64) });

/** The signed-in user, set by `requireUser`. */
function signedInUserId(user: AppEnv["Variables"]["user"]): string {
	if (!user) throw new AppError(401, "UNAUTHORIZED", "Sign in first.");
	return user.id;
}

/** A notification as the API shows it. */
function notificationView(row: Awaited<ReturnType<typeof listNotifications>>[number]) {
	return {
		id: row.id,
		kind: row.kind,
		title: row.title,
		body: row.body,
		link: row.link,
		read: row.readAt !== null,
		read_at: row.readAt,
		created_at: row.createdAt,
	};
}

/** `/api/notifications`: the signed-in user's in-app notifications; marking them read. */
export const notificationsApi = new Hono<AppEnv>()
	.use(requireUser)
	.get("/", async (c) => {
		const db = getDb(c.env.DB);
		const userId = signedInUserId(c.var.user);
		const [rows, unread] = await Promise.all([listNotifications(db, userId), unreadCount(db, userId)]);
		return c.json({ notifications: rows.map(notificationView), unread }, 200, { "Cache-Control": "no-store" });
	})
	.post("/read", async (c) => {
		const marked = await markRead(getDb(c.env.DB), signedInUserId(c.var.user), new Date());
		return c.json({ marked });
	})
	.post("/:id/read", validate("param", IdParams), async (c) => {
		const db = getDb(c.env.DB);
		const userId = signedInUserId(c.var.user);
		const id = c.req.valid("param").id;
		const marked = await markRead(db, userId, new Date(), id);
		// Already read is fine (idempotent); someone else's or unknown is 404.
		if (marked === 0) {
			const mine = await db.query.notifications.findFirst({ columns: { id: true }, where: and(eq(notifications.id, id), eq(notifications.userId, userId)) });
			if (!mine) throw new AppError(404, "NOT_FOUND", "No such notification.");
		}
		return c.json({ marked });
	});
