import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { receiveStripeWebhook } from "../commerce/webhook";

/** `POST /webhooks/stripe`: Stripe's events (and the local provider's), verified on the raw body. */
export const webhooksApi = new Hono<AppEnv>().post("/stripe", async (c) => {
	// The signature covers the exact bytes: read the body as text, never re-serialise it.
	const raw = await c.req.text();
	const result = await receiveStripeWebhook(c.var.deps.commerce, raw, c.req.header("Stripe-Signature") ?? null);
	return c.json({ received: true, duplicate: result.duplicate, outcome: result.outcome });
});
