import { Hono } from "hono";
import { z } from "zod";
import { loadViewer } from "../accounts/viewer";
import type { AppEnv } from "../app-env";
import { findPublishedProduct } from "../commerce/catalog";
import { createCheckout } from "../commerce/checkout";
import { AppError } from "../lib/errors";
import { validate } from "../lib/validate";
import { ProductPage } from "../views/product";
import { rateLimitedClient } from "./client";
import { productPageProps } from "./product-pages";
import { renderPage } from "./render-page";

const CheckoutForm = z.object({ product_id: z.string().min(1).max(64), email: z.string().max(254), consent: z.string().optional() });

/** `POST /checkout`: the product page's buy form; on to the provider's checkout, or back to the page with what to fix. */
export const checkoutPages = new Hono<AppEnv>().post("/", loadViewer, validate("form", CheckoutForm), async (c) => {
	const { commerce } = c.var.deps;
	await rateLimitedClient(c, commerce, commerce.config.checkoutLimit);
	const form = c.req.valid("form");
	const { i18n } = c.var;
	const product = await findPublishedProduct(commerce.db, { id: form.product_id }, c.var.i18n.locale);
	if (!product) throw new AppError(409, "NOT_PUBLISHED", "This product is not for sale right now.");
	const email = form.email.trim();
	const problem = !z.email().safeParse(email).success
		? i18n.t("storefront:checkout.invalidEmail")
		: form.consent !== "yes"
			? i18n.t("storefront:checkout.needConsent")
			: null;
	if (problem) return renderPage(c, <ProductPage {...productPageProps(product)} error={problem} email={email} viewer={c.var.viewer} />, 400);
	// The consent is stored in the words the buyer agreed to, and the order remembers their language for its mails.
	const created = await createCheckout(commerce, {
		productId: form.product_id,
		email,
		consent: true,
		locale: i18n.locale,
		consentText: i18n.t("storefront:checkout.consent"),
	});
	return c.redirect(created.checkoutUrl, 303);
});
