import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { receivePortoneWebhook } from "../commerce/payments/portone-webhook";
import { receiveStripeWebhook } from "../commerce/webhook";

/**
 * `POST /webhooks/stripe`: Stripe's events (and the local provider's); `POST /webhooks/portone`:
 * PortOne's (Standard Webhooks). Both verified on the raw body.
 */
export const webhooksApi = new Hono<AppEnv>()
	.post("/stripe", async (c) => {
		// The signature covers the exact bytes: read the body as text, never re-serialise it.
		const raw = await c.req.text();
		const result = await receiveStripeWebhook(c.var.deps.commerce, raw, c.req.header("Stripe-Signature") ?? null);
		return c.json({ received: true, duplicate: result.duplicate, outcome: result.outcome });
	})
	.post("/portone", async (c) => {
		const raw = await c.req.text();
		const result = await receivePortoneWebhook(c.var.deps.commerce, raw, {
			id: c.req.header("webhook-id") ?? null,
			timestamp: c.req.header("webhook-timestamp") ?? null,
			signature: c.req.header("webhook-signature") ?? null,
		});
		return c.json({ received: true, duplicate: result.duplicate, outcome: result.outcome });
	});
