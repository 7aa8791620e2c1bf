import { Hono } from "hono";
import { deactivateAccount } from "../accounts/deactivate";
import { eraseAccount } from "../accounts/erase-account";
import { requireUser, signedInUser } from "../accounts/guards";
import { endUserSession } from "../accounts/sessions";
import type { AppEnv } from "../app-env";

/**
 * `/api/me` account rights: `POST /deactivate` (every session ends; signing in again
 * reactivates) and `DELETE /` (the account's data erased, `409 ACCOUNT_NOT_DELETABLE` for an
 * artist whose style others used). Both end the browser's session cookie too.
 */
export const accountApi = new Hono<AppEnv>()
	.post("/deactivate", requireUser, async (c) => {
		const { db, now } = c.var.deps;
		const { user } = signedInUser(c);
		await deactivateAccount(db, user.id, now());
		await endUserSession(c, db, now());
		return c.json({ deactivated: true, status: "deactivated" }, 200, { "Cache-Control": "no-store" });
	})
	.delete("/", requireUser, async (c) => {
		const { db, files, now } = c.var.deps;
		const { user } = signedInUser(c);
		await eraseAccount({ db, files, now, erasers: c.var.deps.accountErasers }, user.id);
		// The session row is gone with the account; the cookie is cleared all the same.
		await endUserSession(c, db, now());
		return c.json({ deleted: true }, 200, { "Cache-Control": "no-store" });
	});
