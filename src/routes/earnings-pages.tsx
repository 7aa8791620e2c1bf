import { Hono } from "hono";
import { z } from "zod";
import { requireArtist, requireUser, signedInUser } from "../accounts/guards";
import type { AppEnv } from "../app-env";
import { requestPayout } from "../earnings/payouts";
import { AppError } from "../lib/errors";
import type { PayoutNotice } from "../views/earnings/earnings-panel";

/** The form's amount; anything unreadable counts as below the minimum, which is what the page then says. */
const PayoutForm = z.object({ amount: z.coerce.number().int().catch(0) });

/** A refusal the earnings tab explains in the artist's language; anything else goes to the error page. */
function noticeOf(err: unknown): PayoutNotice | null {
	if (!(err instanceof AppError)) return null;
	if (err.code === "VALIDATION_FAILED") return "below_minimum";
	if (err.code === "INSUFFICIENT_TOKENS") return "over_balance";
	return null;
}

/**
 * `POST /me/payouts`: the earnings tab's payout form without JavaScript (`_csrf` checked by
 * requireUser), back to `/me?tab=earnings` with `payout=requested`, or with why it was refused.
 * Mounted at `/me/payouts` before the my-page routes.
 */
export const earningsPages = new Hono<AppEnv>().post("/", requireUser, requireArtist, async (c) => {
	const { db, config, now } = c.var.deps;
	const parsed = PayoutForm.safeParse(await c.req.parseBody());
	const amount = parsed.success ? parsed.data.amount : 0;
	let notice: PayoutNotice = "requested";
	try {
		await requestPayout(db, config.earnings, signedInUser(c).user.id, amount, now());
	} catch (err) {
		const refused = noticeOf(err);
		if (!refused) throw err;
		notice = refused;
	}
	return c.redirect(`/me?tab=earnings&payout=${notice}#earnings-title`, 303);
});
