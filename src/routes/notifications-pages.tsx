import { Hono } from "hono";
import { z } from "zod";
import { requireUser, signedInUser, userPage } from "../accounts/guards";
import { loadViewer } from "../accounts/viewer";
import type { AppEnv } from "../app-env";
import { validate } from "../lib/validate";
import { localizedNotification } from "../notifications/localize";
import { listNotifications, markRead, unreadCount } from "../notifications/notify";
import { NotificationsPage } from "../views/notifications";
import { renderPage } from "./render-page";

const IdParams = z.object({ id: z.string().min(1).max(64) });

/** `/notifications`: the signed-in user's notifications, and marking them read (plain forms). */
export const notificationsPages = new Hono<AppEnv>()
	.get("/", userPage, loadViewer, async (c) => {
		const { db } = c.var.deps;
		const { user, csrfToken } = signedInUser(c);
		const [rows, unread] = await Promise.all([listNotifications(db, user.id), unreadCount(db, user.id)]);
		return renderPage(
			c,
			<NotificationsPage
				viewer={c.var.viewer}
				notifications={rows.map((n) => ({
					id: n.id,
					kind: n.kind,
					...localizedNotification(n, c.var.i18n.t),
					link: n.link,
					read: n.readAt !== null,
					created_at: n.createdAt,
					actor_count: n.actorCount,
				}))}
				unread={unread}
				csrfToken={csrfToken}
			/>,
		);
	})
	.post("/read-all", requireUser, async (c) => {
		await markRead(c.var.deps.db, signedInUser(c).user.id, c.var.deps.now());
		return c.redirect("/notifications", 303);
	})
	.post("/:id/read", requireUser, validate("param", IdParams), async (c) => {
		await markRead(c.var.deps.db, signedInUser(c).user.id, c.var.deps.now(), c.req.valid("param").id);
		return c.redirect("/notifications", 303);
	});
