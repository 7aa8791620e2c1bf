import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { commerceDeps } from "../commerce/deps";
import { receiveStripeWebhook } from "../commerce/webhook";

/** `POST /webhooks/stripe`: Stripe's events (and the local provider's), verified on the raw body. */
export const webhooks = new Hono<AppEnv>().post("/stripe", async (c) => {
	// The signature covers the exact bytes: read the body as text, never re-serialise it.
	const raw = await c.req.text();
	const result = await receiveStripeWebhook(await commerceDeps(c.env), raw, c.req.header("Stripe-Signature") ?? null);
	return c.json({ received: true, duplicate: result.duplicate, outcome: result.outcome });
});
