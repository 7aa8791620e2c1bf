import { Hono } from "hono";
import { z } from "zod";
import { publicProfile } from "../accounts/profile";
import type { AppEnv } from "../app-env";
import { validate } from "../lib/validate";

const UserParams = z.object({ id: z.string().min(1).max(64) });

/** `GET /api/users/:id`: a person's public profile (no e-mail, no real name); `404` for unknown or deleted accounts. */
export const usersApi = new Hono<AppEnv>().get("/:id", validate("param", UserParams), async (c) => {
	const user = await publicProfile(c.var.deps.db, c.req.valid("param").id);
	return c.json({ user });
});
