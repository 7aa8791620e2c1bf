import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { loadViewer } from "../accounts/viewer";
import type { AppEnv } from "../app-env";
import { findPublishedProduct, listPublishedProducts, type PublicProduct } from "../commerce/catalog";
import { createCheckout, DELIVERY_CONSENT_TEXT } from "../commerce/checkout";
import { commerceDeps } from "../commerce/deps";
import { orderByKey, orderPageUrl } from "../commerce/order-key";
import { buyerOrderView } from "../commerce/order-view";
import { confirmCheckout } from "../commerce/webhook";
import { productFiles } from "../db/schema";
import { AppError } from "../lib/errors";
import { errorMessage, log } from "../lib/log";
import { validate } from "../lib/validate";
import { CatalogPage } from "../views/catalog";
import { OrderPage } from "../views/order";
import { ProductPage } from "../views/product";
import { rateLimitedClient } from "./client";

const SlugParams = z.object({ slug: z.string().min(1).max(100) });
const OrderParams = z.object({ id: z.string().min(1).max(64) });
const OrderPageQuery = z.object({ key: z.string().min(1).max(200), thanks: z.string().optional(), session_id: z.string().max(200).optional() });
const CheckoutForm = z.object({ product_id: z.string().min(1).max(64), email: z.string().max(254), consent: z.string().optional() });
/** Files of a product's landing page that the preview may show; the paid content stays private. */
const PREVIEWABLE = /^(index\.html|assets\/[a-z0-9._/-]+\.(css|svg|png|jpe?g|webp|gif))$/;

function productPageProps(product: PublicProduct) {
	return { product, previewUrl: `/products/${product.slug}/preview/index.html`, consentText: DELIVERY_CONSENT_TEXT };
}

/** Server-rendered storefront pages; every core flow works without JavaScript. */
export const storefront = new Hono<AppEnv>()
	.get("/", loadViewer, async (c) => {
		const products = await listPublishedProducts((await commerceDeps(c.env)).db);
		return c.html(<CatalogPage products={products.map((product) => ({ ...product, file_count: product.files.length }))} viewer={c.var.viewer} />);
	})
	.get("/products/:slug", loadViewer, validate("param", SlugParams), async (c) => {
		const product = await findPublishedProduct((await commerceDeps(c.env)).db, { slug: c.req.valid("param").slug });
		if (!product) throw new AppError(404, "NOT_FOUND", "This product is not in the store.");
		return c.html(<ProductPage {...productPageProps(product)} viewer={c.var.viewer} />);
	})
	.get("/products/:slug/preview/*", async (c) => {
		// The product's own HTML never runs on the store's origin: `sandbox` makes it an opaque
		// origin with scripts off, and only the landing page and its assets are served.
		const deps = await commerceDeps(c.env);
		const product = await findPublishedProduct(deps.db, { slug: c.req.param("slug") });
		const path = c.req.path.split("/preview/")[1] ?? "";
		if (!product || !PREVIEWABLE.test(path)) throw new AppError(404, "NOT_FOUND", "No such preview file.");
		const { product: row } = product.row;
		const file = await deps.db.query.productFiles.findFirst({
			where: and(
				eq(productFiles.productId, row.id),
				eq(productFiles.version, row.version),
				eq(productFiles.generation, row.generationCount),
				eq(productFiles.path, path),
			),
		});
		const object = file ? await deps.files.get(file.r2Key) : null;
		if (!file || !object) throw new AppError(404, "NOT_FOUND", "No such preview file.");
		return c.body(object.body, 200, {
			"Content-Type": file.contentType,
			"Content-Security-Policy": "sandbox; default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'",
			"X-Content-Type-Options": "nosniff",
			"Cache-Control": "public, max-age=300",
		});
	})
	.post("/checkout", loadViewer, validate("form", CheckoutForm), async (c) => {
		const deps = await commerceDeps(c.env);
		await rateLimitedClient(c, deps, deps.config.checkoutLimit);
		const form = c.req.valid("form");
		const product = await findPublishedProduct(deps.db, { id: form.product_id });
		if (!product) throw new AppError(409, "NOT_PUBLISHED", "This product is not for sale right now.");
		const email = form.email.trim();
		const problem = !z.email().safeParse(email).success
			? "Please enter a valid email address: your receipt and download links go there."
			: form.consent !== "yes"
				? "Please confirm that you want immediate access to the download."
				: null;
		if (problem) return c.html(<ProductPage {...productPageProps(product)} error={problem} email={email} viewer={c.var.viewer} />, 400);
		const created = await createCheckout(deps, { productId: form.product_id, email, consent: true });
		return c.redirect(created.checkoutUrl, 303);
	})
	.get("/orders/:id", loadViewer, validate("param", OrderParams), validate("query", OrderPageQuery), async (c) => {
		const deps = await commerceDeps(c.env);
		const { key, thanks } = c.req.valid("query");
		let order = await orderByKey(deps.db, c.req.valid("param").id, key);
		if (order.status === "PENDING" || order.status === "PAID") {
			// The buyer may arrive before the webhook: ask the provider, fulfil through the same code.
			try {
				if (await confirmCheckout(deps, order)) order = await orderByKey(deps.db, order.id, key);
			} catch (err) {
				log("warn", "checkout confirmation failed", { orderId: order.id, error: errorMessage(err) });
			}
		}
		const view = await buyerOrderView(deps, order);
		const pageUrl = orderPageUrl(deps.config.baseUrl, order.id, key);
		c.header("Cache-Control", "no-store");
		return c.html(
			<OrderPage
				order={view.order}
				thankYou={thanks !== undefined}
				orderUrl={pageUrl}
				refreshSeconds={order.status === "PENDING" ? 3 : undefined}
				linksAction={`/orders/${order.id}/links?key=${encodeURIComponent(key)}`}
				viewer={c.var.viewer}
			/>,
		);
	})
	.post("/orders/:id/links", validate("param", OrderParams), validate("query", OrderPageQuery), async (c) => {
		// Links are minted fresh on every view of the order page; this just shows it again.
		const deps = await commerceDeps(c.env);
		const { key } = c.req.valid("query");
		const order = await orderByKey(deps.db, c.req.valid("param").id, key);
		return c.redirect(`/orders/${order.id}?key=${encodeURIComponent(key)}`, 303);
	});
