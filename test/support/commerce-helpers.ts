import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import type { CommerceDeps } from "../../src/commerce/deps";
import type { Mail, Mailer } from "../../src/commerce/mail/types";
import { paymentRouting } from "../../src/commerce/payments/select";
import { signStripePayload } from "../../src/commerce/payments/stripe";
import { getDb } from "../../src/db/client";
import { grants, orders } from "../../src/db/schema";
import { createProducts } from "../../src/pipeline/create-product";
import { api, drain, testAppDeps, testDeps } from "./helpers";

export const WEBHOOK_SECRET = "whsec_test_secret_0123456789abcdefghijkl";

/** A mailer that keeps what it sends. */
export function recordingMailer(): Mailer & { sent: Mail[] } {
	const sent: Mail[] = [];
	return {
		name: "recording",
		sent,
		async send(mail) {
			sent.push(mail);
			return { id: `mail_${sent.length}` };
		},
	};
}

/** Commerce wiring over the test bindings (with the clock of `overrides.now` throughout), parts swapped by `overrides`. */
export async function testCommerce(overrides: Partial<CommerceDeps> = {}): Promise<CommerceDeps> {
	const deps = { ...(await testAppDeps(overrides.now)).commerce, ...overrides };
	// A swapped provider is the one payables pay through (and refunds find), unless the test routes itself.
	if (!overrides.payments || overrides.paymentsFor) return deps;
	return { ...deps, ...paymentRouting(deps.payments, deps.portone ? { api: deps.portone, baseUrl: deps.config.baseUrl } : null) };
}

/** A product taken through the whole pipeline to PUBLISHED. */
export async function publishedProduct(topic: string, options: { downloadLimit?: number; accessDays?: number; priceCents?: number } = {}) {
	const deps = await testDeps();
	const [product] = await createProducts(deps, [
		{
			topic,
			kind: "digital_kit",
			price_cents: options.priceCents ?? 1500,
			currency: "usd",
			download_limit: options.downloadLimit ?? 5,
			link_ttl_seconds: 3600,
			access_days: options.accessDays,
		},
	]);
	if (!product) throw new Error("not created");
	await drain(deps);
	const pkg = await deps.db.query.packages.findFirst({ where: (p, { eq: equals }) => equals(p.productId, product.id) });
	const row = await deps.db.query.products.findFirst({ where: (p, { eq: equals }) => equals(p.id, product.id) });
	if (!pkg || row?.status !== "PUBLISHED") throw new Error(`product not published: ${row?.status} ${row?.lastError}`);
	return { product: row, pkg };
}

/** Checks out through `POST /api/checkout` and returns the order id, key and local session. */
export async function checkout(productId: string, email = "buyer@example.com") {
	const res = await api("/api/checkout", { method: "POST", auth: null, json: { product_id: productId, email, consent: true } });
	expect(res.status).toBe(201);
	const body = (await res.json()) as { order_id: string; order_key: string; checkout_url: string };
	const sessionId = body.checkout_url.split("/local-pay/")[1] ?? "";
	return { orderId: body.order_id, key: body.order_key, checkoutUrl: body.checkout_url, sessionId };
}

/** Pays an order on the local provider's checkout page (which posts the signed event). */
export async function payLocally(sessionId: string) {
	const res = await api(`/local-pay/${sessionId}`, { method: "POST", auth: null });
	expect(res.status).toBe(303);
	return res.headers.get("Location") ?? "";
}

/** Checks out and pays: a FULFILLED order. */
export async function paidOrder(productId: string, email?: string) {
	const bought = await checkout(productId, email);
	await payLocally(bought.sessionId);
	return bought;
}

/** The buyer's view of an order. */
export async function buyerOrder(orderId: string, key: string) {
	const res = await api(`/api/orders/${orderId}?key=${encodeURIComponent(key)}`, { auth: null });
	expect(res.status).toBe(200);
	return (
		(await res.json()) as {
			order: {
				status: string;
				checkout_session_id: string;
				items: {
					product_id: string;
					grant: { id: string; max_downloads: number; downloads_used: number; status: string } | null;
					download_url: string | null;
				}[];
			};
		}
	).order;
}

/** The path of a download URL (the Worker is reached without its host). */
export function pathOf(url: string): string {
	return new URL(url).pathname;
}

/**
 * A Stripe-shaped event, signed as Stripe signs (`t=...,v1=...`). `created` (unix seconds, default
 * now) is when the provider says the change happened, which need not be when it is delivered.
 */
export async function signedEvent(
	type: string,
	object: Record<string, unknown>,
	options: { secret?: string; timestamp?: number; id?: string; created?: number } = {},
) {
	const body = JSON.stringify({
		id: options.id ?? `evt_${crypto.randomUUID().replaceAll("-", "")}`,
		object: "event",
		type,
		created: options.created ?? Math.floor(Date.now() / 1000),
		data: { object },
	});
	const signature = await signStripePayload(body, options.secret ?? WEBHOOK_SECRET, options.timestamp ?? Math.floor(Date.now() / 1000));
	return { body, signature };
}

/** Posts an event to the webhook. */
export function postWebhook(event: { body: string; signature: string | null }) {
	const headers: Record<string, string> = { "Content-Type": "application/json" };
	if (event.signature !== null) headers["Stripe-Signature"] = event.signature;
	return api("/webhooks/stripe", { method: "POST", auth: null, headers, body: event.body });
}

/** The order and grant rows as stored, for before/after comparisons. */
export async function orderState(orderId: string) {
	const db = getDb(env.DB);
	const order = await db.query.orders.findFirst({ where: eq(orders.id, orderId) });
	const orderGrants = await db.query.grants.findMany({ where: eq(grants.orderId, orderId) });
	const usage = await Promise.all(orderGrants.map((grant) => env.DOWNLOAD_GRANTS.getByName(grant.id).usage()));
	return { order, grants: orderGrants, usage };
}

/** Redeems a download link as a client (an IP and a user agent) and returns the response. */
export function redeem(path: string, ip = "203.0.113.7", userAgent = "test-browser/1.0") {
	return api(path, { method: "POST", auth: null, headers: { "CF-Connecting-IP": ip, "User-Agent": userAgent } });
}
