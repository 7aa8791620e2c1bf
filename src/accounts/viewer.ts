import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import type { Db } from "../db/client";
import { userSessions, users } from "../db/schema";
import { readSession } from "../lib/cookie-session";
import type { UserRole } from "../shared/styles";
import { USER_SESSION } from "./sessions";

/** The signed-in user as the storefront header shows them. */
export type ViewerUser = { id: string; name: string; role: UserRole; credits: number; unreadNotifications: number; csrfToken: string };

/**
 * Who is looking at a storefront page: the signed-in user (or null), and the page's own path
 * and query, where "Sign in" brings them back.
 */
export type Viewer = { user: ViewerUser | null; path: string };

/**
 * The viewer of a request in one query (session, user and unread count together), or no query
 * at all without a session cookie: the header is on every page, so it must stay cheap.
 */
export async function viewerOf(c: Context, db: Db, now: Date): Promise<Viewer> {
	const url = new URL(c.req.url);
	const path = `${url.pathname}${url.search}`;
	const user = await readSession(c, USER_SESSION, async (id) => {
		const [row] = await db
			.select({
				id: users.id,
				name: users.name,
				role: users.role,
				credits: users.creditBalance,
				csrfToken: userSessions.csrfToken,
				unreadNotifications: sql<number>`(select count(*) from notifications where notifications.user_id = ${users.id} and notifications.read_at is null)`,
			})
			.from(userSessions)
			.innerJoin(users, eq(users.id, userSessions.userId))
			.where(and(eq(userSessions.id, id), isNull(userSessions.revokedAt), gt(userSessions.expiresAt, now.toISOString())))
			.limit(1);
		return row ? { ...row, unreadNotifications: Number(row.unreadNotifications) } : null;
	});
	return { user, path };
}

/**
 * Sets `c.var.viewer` for an HTML page, whose header then shows the signed-in user. Pages that
 * show it put this middleware on their route and pass the viewer to the layout:
 *
 *     .get("/styles", loadViewer, async (c) => c.html(<StylesPage viewer={c.var.viewer} … />))
 *     // and in the view: <Layout title="Styles" viewer={viewer}>…</Layout>
 *
 * A page showing a signed-in header is personal, so it is never stored by shared caches.
 */
export const loadViewer = createMiddleware<AppEnv>(async (c, next) => {
	const viewer = await viewerOf(c, c.var.deps.db, c.var.deps.now());
	c.set("viewer", viewer);
	await next();
	if (viewer.user) c.res.headers.set("Cache-Control", "private, no-store");
	c.res.headers.append("Vary", "Cookie");
});
