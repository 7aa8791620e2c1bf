import { Hono } from "hono";
import { removeAvatar, setAvatar } from "../accounts/avatar";
import { requireUser, signedInUser } from "../accounts/guards";
import { ProfileUpdate, publicProfile, updateProfile } from "../accounts/profile";
import type { AppEnv } from "../app-env";
import { parseInput, requestFields, requestForm } from "../styles/parse-input";
import { filesOfField } from "../styles/training-images";

/**
 * The signed-in user's own profile: `PATCH /api/me/profile` `{nickname?, bio?}` (`409 CONFLICT`
 * for a nickname someone has, any case; `422 VALIDATION_FAILED` naming the field),
 * `PUT /api/me/avatar` (multipart `avatar`) and `DELETE /api/me/avatar`. Each answers `{user}`.
 */
export const profileApi = new Hono<AppEnv>()
	.patch("/profile", requireUser, async (c) => {
		const { user } = signedInUser(c);
		const input = parseInput(ProfileUpdate, await requestFields(c.req.raw));
		return c.json({ user: await updateProfile(c.var.deps.db, user.id, input) });
	})
	.put("/avatar", requireUser, async (c) => {
		const { user } = signedInUser(c);
		const [file] = await filesOfField(await requestForm(c.req.raw), "avatar");
		const { db, files, now } = c.var.deps;
		await setAvatar({ db, files, now }, user.id, file);
		return c.json({ user: await publicProfile(db, user.id) });
	})
	.delete("/avatar", requireUser, async (c) => {
		const { user } = signedInUser(c);
		const { db, files, now } = c.var.deps;
		await removeAvatar({ db, files, now }, user.id);
		return c.json({ user: await publicProfile(db, user.id) });
	});
