import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import type { Db } from "../db/client";
import { userSessions, users } from "../db/schema";
import { readSession } from "../lib/cookie-session";
import type { Locale } from "../shared/locale";
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
				locale: users.locale,
				csrfToken: userSessions.csrfToken,
				unreadNotifications: sql<number>`(select count(*) from notifications where notifications.user_id = ${users.id} and notifications.read_at is null)`,
			})
			.from(userSessions)
			.innerJoin(users, eq(users.id, userSessions.userId))
			.where(and(eq(userSessions.id, id), isNull(userSessions.revokedAt), gt(userSessions.expiresAt, now.toISOString())))
			.limit(1);
		if (!row) return null;
		const { locale, ...shown } = row;
		await rememberLocaleChoice(c, db, row.id, locale);
		return { ...shown, unreadNotifications: Number(row.unreadNotifications) };
	});
	return { user, path };
}

/**
 * Keeps `users.locale` on the language a signed-in user last chose (the switcher, `?lang=`, the
 * `lang` cookie), so mails and notifications sent to them later use it. One write, only when the
 * choice differs; a language merely negotiated from the browser changes nothing.
 */
async function rememberLocaleChoice(c: Context, db: Db, userId: string, stored: Locale | null) {
	const { i18n, localeSource } = (c as Context<AppEnv>).var;
	if (!i18n || localeSource !== "choice" || i18n.locale === stored) return;
	await db.update(users).set({ locale: i18n.locale }).where(eq(users.id, userId));
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
