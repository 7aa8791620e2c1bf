import { Hono } from "hono";
import { loadViewer } from "../accounts/viewer";
import type { AppEnv } from "../app-env";
import { listPublishedProducts } from "../commerce/catalog";
import { CatalogPage } from "../views/catalog";
import { renderPage } from "./render-page";

/** `GET /`: the catalog of published products, the store's home page. */
export const catalogPages = new Hono<AppEnv>().get("/", loadViewer, async (c) => {
	const products = await listPublishedProducts(c.var.deps.db, c.var.i18n.locale);
	return renderPage(c, <CatalogPage products={products.map((product) => ({ ...product, file_count: product.files.length }))} viewer={c.var.viewer} />);
});
