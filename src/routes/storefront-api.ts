import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { listPublishedProducts } from "../commerce/catalog";
import { createCheckout } from "../commerce/checkout";
import { commerceDeps } from "../commerce/deps";
import { validate } from "../lib/validate";
import { CheckoutRequest } from "../shared/commerce";
import { rateLimitedClient } from "./client";

/** Public JSON API of the storefront (API.md "Storefront"). */
export const storefrontApi = new Hono<AppEnv>()
	.get("/catalog", async (c) => {
		const products = await listPublishedProducts((await commerceDeps(c.env)).db);
		return c.json({ products: products.map(({ package_size: _size, ...product }) => product) });
	})
	.post("/checkout", validate("json", CheckoutRequest), async (c) => {
		const deps = await commerceDeps(c.env);
		await rateLimitedClient(c, deps, deps.config.checkoutLimit);
		const body = c.req.valid("json");
		const created = await createCheckout(deps, { productId: body.product_id, email: body.email, consent: body.consent ?? false });
		return c.json({ order_id: created.orderId, order_key: created.orderKey, checkout_url: created.checkoutUrl }, 201);
	});
