import { Hono } from "hono";
import { z } from "zod";
import { requireArtist, requireUser, signedInUser } from "../accounts/guards";
import type { AppEnv } from "../app-env";
import { payoutsOf, payoutView, requestPayout } from "../earnings/payouts";
import { earningsOverview } from "../earnings/report";
import { validate } from "../lib/validate";

/** `{amount}`: whole credits; the minimum (PAYOUT_MINIMUM_CREDITS) is checked against the configuration, as 422 too. */
export const PayoutRequestBody = z.object({ amount: z.number().int().positive().max(1_000_000_000) });

/**
 * `/api/me/earnings` and `/api/me/payouts` (artists; anyone else `403 ARTIST_ONLY`). The guards
 * sit on each route, not on the sub-app, because it is mounted at `/api/me` beside the other
 * `/api/me` routes and must not run for theirs.
 */
export const earningsApi = new Hono<AppEnv>()
	.get("/earnings", requireUser, requireArtist, async (c) => {
		const { db, config, now } = c.var.deps;
		return c.json(await earningsOverview(db, config.earnings, signedInUser(c).user.id, now()), 200, { "Cache-Control": "no-store" });
	})
	.get("/payouts", requireUser, requireArtist, async (c) => {
		const payouts = await payoutsOf(c.var.deps.db, signedInUser(c).user.id);
		return c.json({ payouts: payouts.map(payoutView) }, 200, { "Cache-Control": "no-store" });
	})
	.post("/payouts", requireUser, requireArtist, validate("json", PayoutRequestBody), async (c) => {
		const { db, config, now } = c.var.deps;
		const payout = await requestPayout(db, config.earnings, signedInUser(c).user.id, c.req.valid("json").amount, now());
		return c.json({ payout: payoutView(payout) }, 201);
	});
