import { Hono } from "hono";
import { requireUser, signedInUser } from "../accounts/guards";
import type { AppEnv } from "../app-env";

/** `GET /api/me`: the signed-in user, their balance and the CSRF token their scripts send. */
export const meApi = new Hono<AppEnv>().get("/", requireUser, async (c) => {
	const { user, csrfToken } = signedInUser(c);
	c.header("Cache-Control", "no-store");
	return c.json({
		user: { id: user.id, name: user.name, email: user.email, role: user.role },
		credits: { balance: user.creditBalance },
		csrf_token: csrfToken,
	});
});
