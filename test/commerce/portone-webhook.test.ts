import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createCheckout } from "../../src/commerce/checkout";
import { signWebhook } from "../../src/gpu/webhook-verify";
import { orderState, publishedProduct } from "../support/commerce-helpers";
import { api, type ErrorBody } from "../support/helpers";
import { type Delivery, makeKrw, portoneCommerce, portoneControl, portoneSettings, postPortoneWebhook } from "../support/portone-helpers";

/** A KRW order checked out through PortOne (pre-registered on the fake, not paid yet). */
async function krwOrder(topic: string, email: string) {
	const { product } = await publishedProduct(topic);
	await makeKrw(product.id);
	const created = await createCheckout(await portoneCommerce(), { productId: product.id, email, consent: true });
	return { orderId: created.orderId, paymentId: created.checkoutSessionId };
}

/** A delivery of `body` signed as PortOne signs, under a fresh webhook id (or `id`). */
async function signed(body: unknown, options: { secret?: string; id?: string; timestamp?: number } = {}): Promise<Delivery> {
	const text = JSON.stringify(body);
	const id = options.id ?? `msg_${crypto.randomUUID()}`;
	const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
	return {
		headers: {
			"webhook-id": id,
			"webhook-timestamp": String(timestamp),
			"webhook-signature": await signWebhook(options.secret ?? portoneSettings().webhookSecret, id, timestamp, text),
		},
		body: text,
	};
}

async function post(delivery: Delivery) {
	const res = await postPortoneWebhook(delivery);
	return { status: res.status, body: (await res.json()) as { received?: boolean; duplicate?: boolean; outcome?: string } & Partial<ErrorBody> };
}

async function eventRows(paymentId: string) {
	const { results } = await env.DB.prepare("SELECT id, type, outcome FROM payment_events WHERE checkout_session_id = ?")
		.bind(paymentId)
		.all<{ id: string; type: string; outcome: string }>();
	return results;
}

describe("POST /webhooks/portone", () => {
	it("pays once for a paid webhook delivered twice, before and after a later partial cancellation's webhook", async () => {
		const { orderId, paymentId } = await krwOrder("portone paid twice topic", "twice@example.com");
		const paid = await portoneControl(paymentId, "pay");
		const partial = await portoneControl(paymentId, "cancel", { amount: 1000 });
		expect(partial.payment.status).toBe("PARTIAL_CANCELLED");

		// The later event first: PortOne's record says paid, then partly cancelled.
		expect(await post(partial.webhook)).toEqual({ status: 200, body: { received: true, duplicate: false, outcome: "fulfilled; partial_refund_recorded" } });
		expect(await post(paid.webhook)).toEqual({
			status: 200,
			body: { received: true, duplicate: false, outcome: "already_fulfilled; partial_refund_recorded" },
		});
		expect(await post(paid.webhook)).toEqual({ status: 200, body: { received: true, duplicate: true, outcome: "already_fulfilled; partial_refund_recorded" } });

		const state = await orderState(orderId);
		expect(state.order).toMatchObject({ status: "FULFILLED", paymentIntentId: paymentId, provider: "portone" });
		expect(state.grants).toHaveLength(1);
		expect(await eventRows(paymentId)).toHaveLength(2);
	});

	it("revokes what a fully cancelled payment bought, whichever of its webhooks comes first", async () => {
		const { orderId, paymentId } = await krwOrder("portone cancelled topic", "cancelled@example.com");
		const paid = await portoneControl(paymentId, "pay");
		const cancelled = await portoneControl(paymentId, "cancel");
		expect(cancelled.payment.status).toBe("CANCELLED");
		expect((await post(cancelled.webhook)).body.outcome).toBe("fulfilled; revoked");
		expect((await post(paid.webhook)).body.outcome).toBe("already_fulfilled; already_revoked");
		const state = await orderState(orderId);
		expect(state.grants).toHaveLength(1);
		expect(state.order?.status).toBe("REFUNDED");
		expect(state.grants[0]?.status).toBe("REVOKED");
	});

	it("refuses a forged, altered, stale or unsigned delivery with 400 and changes nothing", async () => {
		const { orderId, paymentId } = await krwOrder("portone forged topic", "forged@example.com");
		const paid = await portoneControl(paymentId, "pay");
		const forged = [
			await signed(JSON.parse(paid.webhook.body), { secret: `whsec_${btoa("not-the-portone-secret-0123456789")}` }),
			{ headers: paid.webhook.headers, body: paid.webhook.body.replace("Transaction.Paid", "Transaction.Paid ") },
			await signed(JSON.parse(paid.webhook.body), { timestamp: Math.floor(Date.now() / 1000) - 600 }),
			{ headers: {}, body: paid.webhook.body },
		];
		for (const delivery of forged) {
			const res = await post(delivery);
			expect(res.status).toBe(400);
			expect(res.body.error?.code).toBe("WEBHOOK_SIGNATURE_INVALID");
		}
		expect(await eventRows(paymentId)).toEqual([]);
		const state = await orderState(orderId);
		expect(state.order?.status).toBe("PENDING");
		expect(state.grants).toEqual([]);
	});

	it("pays nothing for a body that claims PAID while PortOne says the payment is not", async () => {
		const { orderId, paymentId } = await krwOrder("portone liar topic", "liar@example.com");
		const claim = await signed({
			type: "Transaction.Paid",
			timestamp: new Date().toISOString(),
			data: { paymentId, storeId: portoneSettings().storeId, transactionId: "tx-claimed", status: "PAID", amount: { total: 9900, paid: 9900 } },
		});
		expect(await post(claim)).toEqual({ status: 200, body: { received: true, duplicate: false, outcome: "awaiting_payment" } });
		const state = await orderState(orderId);
		expect(state.order?.status).toBe("PENDING");
		expect(state.grants).toEqual([]);
	});

	it("pays nothing when PortOne's amount is not the payable's", async () => {
		const { orderId, paymentId } = await krwOrder("portone amount topic", "amount@example.com");
		// The order's line now says ₩12,000 while PortOne took the pre-registered ₩9,900.
		await env.DB.prepare("UPDATE order_items SET price_cents = 12000 WHERE order_id = ?").bind(orderId).run();
		const paid = await portoneControl(paymentId, "pay");
		expect((await post(paid.webhook)).body.outcome).toBe("amount_mismatch");
		const state = await orderState(orderId);
		expect(state.order?.status).toBe("PENDING");
		expect(state.grants).toEqual([]);
	});

	it("answers 400 for a signed body that is not a PortOne webhook, and 404 where PortOne is not configured", async () => {
		const id = `msg_${crypto.randomUUID()}`;
		const ts = Math.floor(Date.now() / 1000);
		const notJson = {
			headers: {
				"webhook-id": id,
				"webhook-timestamp": String(ts),
				"webhook-signature": await signWebhook(portoneSettings().webhookSecret, id, ts, "not json"),
			},
			body: "not json",
		};
		const res = await post(notJson);
		expect(res.status).toBe(400);
		expect(res.body.error?.code).toBe("VALIDATION_FAILED");
		const elsewhere = await api("/webhooks/portone", { method: "POST", auth: null, headers: notJson.headers, body: notJson.body });
		expect(elsewhere.status).toBe(404);
		expect(((await elsewhere.json()) as ErrorBody).error.code).toBe("NOT_FOUND");
		const { results } = await env.DB.prepare("SELECT id FROM payment_events WHERE id = ?").bind(`portone:${id}`).all();
		expect(results).toEqual([]);
	});

	it("ignores payments that are not the shop's", async () => {
		const claim = await signed({ type: "Transaction.Paid", data: { paymentId: "someone-elses-payment" } });
		expect((await post(claim)).body.outcome).toBe("unknown_reference");
		expect((await post(await signed({ type: "BillingKey.Issued", data: { billingKey: "bk" } }))).body.outcome).toBe("ignored");
	});
});
