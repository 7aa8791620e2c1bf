import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { listPublishedProducts } from "../commerce/catalog";

/** `GET /api/catalog`: the published products (API.md "Storefront"). */
export const catalogApi = new Hono<AppEnv>().get("/", async (c) => {
	const products = await listPublishedProducts(c.var.deps.db, c.var.i18n.locale);
	return c.json({ products: products.map(({ package_size: _size, ...product }) => product) });
});
