import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { createCheckout } from "../commerce/checkout";
import { validate } from "../lib/validate";
import { CheckoutRequest } from "../shared/commerce";
import { rateLimitedClient } from "./client";

/** `POST /api/checkout`: an order for one published product and the provider's checkout URL (API.md "Storefront"). */
export const checkoutApi = new Hono<AppEnv>().post("/", validate("json", CheckoutRequest), async (c) => {
	const { commerce } = c.var.deps;
	await rateLimitedClient(c, commerce, commerce.config.checkoutLimit);
	const body = c.req.valid("json");
	// The order remembers the caller's language (?lang=, cookie or Accept-Language) for its mails.
	const created = await createCheckout(commerce, { productId: body.product_id, email: body.email, consent: body.consent ?? false, locale: c.var.i18n.locale });
	return c.json({ order_id: created.orderId, order_key: created.orderKey, checkout_url: created.checkoutUrl }, 201);
});
