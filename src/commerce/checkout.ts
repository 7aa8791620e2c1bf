import { eq } from "drizzle-orm";
import { orderItems, orders, products } from "../db/schema";
import { AppError } from "../lib/errors";
import { sha256Hex } from "../lib/hash";
import { newId } from "../lib/ids";
import { errorMessage, log } from "../lib/log";
import type { Locale } from "../shared/locale";
import { findPublishedProduct } from "./catalog";
import type { CommerceDeps } from "./deps";
import { packageFileName } from "./file-name";
import { newOrderKey, orderPageUrl } from "./order-key";

/** The words a buyer agrees to before paying; stored with the order, word for word. */
export const DELIVERY_CONSENT_TEXT =
	"I want immediate access to the digital content and I acknowledge that I lose my right of withdrawal once the download has started.";

/**
 * Creates a PENDING order for one published product (a snapshot of its price and package, so
 * the buyer gets exactly what they saw) and a checkout session with the payment provider.
 */
export async function createCheckout(
	deps: CommerceDeps,
	input: {
		productId: string;
		email: string;
		consent: boolean;
		/** The buyer's language: the order's mails are written in it. Default `en`. */
		locale?: Locale;
		/** The consent words the buyer saw (in their language); default {@link DELIVERY_CONSENT_TEXT}. */
		consentText?: string;
	},
) {
	const product = await findPublishedProduct(deps.db, { id: input.productId });
	if (!product) {
		const exists = await deps.db.query.products.findFirst({ where: eq(products.id, input.productId), columns: { id: true } });
		if (exists) throw new AppError(409, "NOT_PUBLISHED", "This product is not for sale right now.");
		throw new AppError(404, "NOT_FOUND", "No such product.");
	}
	const { pkg, product: row } = product.row;
	const now = deps.now();
	const orderId = newId("ord");
	const orderKey = newOrderKey();
	const expiresAt = new Date(now.getTime() + deps.config.orderTtlMs);
	// Provider per currency (KRW through PortOne when configured); the order remembers which, for refunds.
	const payments = deps.paymentsFor(row.currency);
	await deps.db.batch([
		deps.db.insert(orders).values({
			id: orderId,
			orderKeyHash: await sha256Hex(orderKey),
			email: input.email.toLowerCase(),
			status: "PENDING",
			provider: payments.name,
			amountCents: row.priceCents,
			currency: row.currency,
			locale: input.locale ?? "en",
			consentText: input.consent ? (input.consentText ?? DELIVERY_CONSENT_TEXT) : null,
			consentAt: input.consent ? now.toISOString() : null,
			createdAt: now.toISOString(),
			updatedAt: now.toISOString(),
			expiresAt: expiresAt.toISOString(),
		}),
		deps.db.insert(orderItems).values({
			id: newId("itm"),
			orderId,
			productId: row.id,
			version: row.version,
			title: row.title,
			priceCents: row.priceCents,
			currency: row.currency,
			downloadLimit: row.downloadLimit,
			linkTtlSeconds: row.linkTtlSeconds,
			accessDays: row.accessDays,
			packageKey: pkg.r2Key,
			packageSize: pkg.size,
			packageSha256: pkg.sha256,
			fileName: packageFileName(row.title, row.version),
		}),
	]);

	const pageUrl = orderPageUrl(deps.config.baseUrl, orderId, orderKey);
	let session: { id: string; url: string };
	try {
		session = await payments.createCheckout({
			orderId,
			email: input.email,
			lines: [{ name: row.title, amountCents: row.priceCents, currency: row.currency }],
			successUrl: `${pageUrl}&thanks=1&session_id={CHECKOUT_SESSION_ID}`,
			cancelUrl: `${deps.config.baseUrl}/products/${row.slug}?canceled=1`,
			expiresAt,
		});
	} catch (err) {
		log("error", "checkout session failed", { orderId, provider: payments.name, error: errorMessage(err) });
		await deps.db.update(orders).set({ status: "CANCELED", updatedAt: now.toISOString() }).where(eq(orders.id, orderId));
		throw new AppError(502, "PAYMENT_PROVIDER_UNAVAILABLE", "The payment provider did not answer; please try again.");
	}
	await deps.db.update(orders).set({ checkoutSessionId: session.id, updatedAt: now.toISOString() }).where(eq(orders.id, orderId));
	log("info", "order created", { orderId, productId: row.id, provider: payments.name });
	return { orderId, orderKey, checkoutUrl: session.url, checkoutSessionId: session.id };
}
