import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { createCheckout } from "../../src/commerce/checkout";
import { expireUnpaidOrders } from "../../src/commerce/expire-orders";
import { stripeProvider } from "../../src/commerce/payments/stripe";
import { confirmCheckout } from "../../src/commerce/webhook";
import { getDb } from "../../src/db/client";
import { checkout, orderState, postWebhook, publishedProduct, recordingMailer, signedEvent, testCommerce } from "../support/commerce-helpers";
import { api, type ErrorBody } from "../support/helpers";

/** Commerce on the `stripe` provider, talking to the local fake of Stripe's API. */
function stripeCommerce() {
	return testCommerce({ payments: stripeProvider({ secretKey: "sk_test_edge_factory", apiBase: inject("stripeApiBase") }), mailer: recordingMailer() });
}

async function completeOnFake(sessionId: string) {
	const res = await fetch(`${inject("stripeApiBase")}/__control/complete/${sessionId}`, { method: "POST" });
	expect(res.status).toBe(200);
	return (await res.json()) as { data: { object: Record<string, unknown> } };
}

describe("checkout with the stripe provider", () => {
	it("creates a Checkout Session and fulfils on Stripe's signed event", async () => {
		const { product } = await publishedProduct("stripe checkout topic");
		const deps = await stripeCommerce();
		const created = await createCheckout(deps, { productId: product.id, email: "stripe@example.com", consent: true });
		expect(created.checkoutSessionId).toMatch(/^cs_test_/);
		expect(created.checkoutUrl).toContain(created.checkoutSessionId);
		const state = await orderState(created.orderId);
		expect(state.order).toMatchObject({ status: "PENDING", provider: "stripe", checkoutSessionId: created.checkoutSessionId, amountCents: 1500 });

		const event = await completeOnFake(created.checkoutSessionId);
		expect(event.data.object.client_reference_id).toBe(created.orderId);
		const res = await postWebhook(await signedEvent("checkout.session.completed", event.data.object));
		expect(await res.json()).toMatchObject({ outcome: "fulfilled" });
		const after = await orderState(created.orderId);
		expect(after.order?.status).toBe("FULFILLED");
		expect(after.order?.paymentIntentId).toMatch(/^pi_/);
		expect(after.grants).toHaveLength(1);
	});

	it("lets the thank-you page fulfil when the webhook has not arrived, through the same code", async () => {
		const { product } = await publishedProduct("stripe thank-you topic");
		const deps = await stripeCommerce();
		const created = await createCheckout(deps, { productId: product.id, email: "early@example.com", consent: true });
		const db = getDb(env.DB);
		const pending = await db.query.orders.findFirst({ where: (o, { eq }) => eq(o.id, created.orderId) });
		if (!pending) throw new Error("no order");
		expect(await confirmCheckout(deps, pending)).toBeNull();
		const event = await completeOnFake(created.checkoutSessionId);
		// The provider is asked at most once per 10 s per session (test/commerce/provider-lookups.test.ts).
		expect(await confirmCheckout(deps, pending)).toBeNull();
		const later = { ...deps, now: () => new Date(Date.now() + 11_000) };
		expect(await confirmCheckout(later, pending)).toBe("fulfilled");
		const paid = await db.query.orders.findFirst({ where: (o, { eq }) => eq(o.id, created.orderId) });
		if (!paid) throw new Error("no order");
		expect(paid.status).toBe("FULFILLED");
		// The webhook arriving afterwards changes nothing.
		expect(await (await postWebhook(await signedEvent("checkout.session.completed", event.data.object))).json()).toMatchObject({
			outcome: "already_fulfilled",
		});
		expect((await orderState(created.orderId)).grants).toHaveLength(1);
	});

	it("answers 502 and cancels the order when Stripe refuses", async () => {
		const { product } = await publishedProduct("stripe down topic");
		const deps = await testCommerce({ payments: stripeProvider({ secretKey: "not-a-key", apiBase: inject("stripeApiBase") }) });
		await expect(createCheckout(deps, { productId: product.id, email: "x@example.com", consent: true })).rejects.toMatchObject({
			status: 502,
			code: "PAYMENT_PROVIDER_UNAVAILABLE",
		});
		const { results } = await env.DB.prepare("SELECT status FROM orders WHERE email = 'x@example.com'").all<{ status: string }>();
		expect(results.map((r) => r.status)).toEqual(["CANCELED"]);
	});
});

describe("unpaid orders", () => {
	it("expire after their time and can no longer be paid locally", async () => {
		const { product } = await publishedProduct("order expiry topic");
		const bought = await checkout(product.id);
		const db = getDb(env.DB);
		expect(await expireUnpaidOrders(db, new Date())).toBe(0);
		expect(await expireUnpaidOrders(db, new Date(Date.now() + 2 * 3_600_000))).toBeGreaterThanOrEqual(1);
		expect((await orderState(bought.orderId)).order?.status).toBe("EXPIRED");
		const pay = await api(`/local-pay/${bought.sessionId}`, { method: "POST", auth: null });
		expect(pay.status).toBe(409);
		expect(((await pay.json()) as ErrorBody).error.code).toBe("CONFLICT");
	});

	it("still honour a payment that lands after expiry", async () => {
		const { product } = await publishedProduct("late payment topic");
		const bought = await checkout(product.id);
		await expireUnpaidOrders(getDb(env.DB), new Date(Date.now() + 2 * 3_600_000));
		const late = { id: bought.sessionId, object: "checkout.session", client_reference_id: bought.orderId, payment_status: "paid", payment_intent: "pi_late" };
		expect(await (await postWebhook(await signedEvent("checkout.session.completed", late))).json()).toMatchObject({ outcome: "fulfilled" });
		expect((await orderState(bought.orderId)).order?.status).toBe("FULFILLED");
	});
});
