import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { refundOrder } from "../../src/admin/refunds";
import { createCheckout } from "../../src/commerce/checkout";
import { stripeProvider } from "../../src/commerce/payments/stripe";
import { getDb } from "../../src/db/client";
import { localCheckoutSessions } from "../../src/db/schema";
import { orderState, paidOrder, postWebhook, publishedProduct, recordingMailer, signedEvent, testCommerce } from "../support/commerce-helpers";
import { ADMIN_KEY, api, countRows, type ErrorBody } from "../support/helpers";

/** One API request as the fake Stripe recorded it. */
type RecordedRequest = { method: string; path: string; idempotencyKey: string | null; params: Record<string, unknown>; status: number };

/** A FULFILLED order paid through the fake Stripe, with the commerce deps that talk to it. */
async function stripeOrder(topic: string) {
	const { product } = await publishedProduct(topic);
	const deps = await testCommerce({
		payments: stripeProvider({ secretKey: "sk_test_edge_factory", apiBase: inject("stripeApiBase") }),
		mailer: recordingMailer(),
	});
	const created = await createCheckout(deps, { productId: product.id, email: "refunds@example.com", consent: true });
	const completed = await fetch(`${inject("stripeApiBase")}/__control/complete/${created.checkoutSessionId}`, { method: "POST" });
	const event = (await completed.json()) as { data: { object: Record<string, unknown> } };
	expect(await (await postWebhook(await signedEvent("checkout.session.completed", event.data.object))).json()).toMatchObject({ outcome: "fulfilled" });
	const paymentIntent = (await orderState(created.orderId)).order?.paymentIntentId ?? "";
	return { deps, orderId: created.orderId, paymentIntent };
}

/** The refund requests the fake Stripe received for a payment intent. */
async function stripeRefundRequests(paymentIntent: string): Promise<RecordedRequest[]> {
	const all = (await (await fetch(`${inject("stripeApiBase")}/__control/requests`)).json()) as RecordedRequest[];
	return all.filter((request) => request.path === "/v1/refunds" && request.params.payment_intent === paymentIntent);
}

const refundedCents = async (paymentIntent: string) =>
	(await getDb(env.DB).query.localCheckoutSessions.findFirst({ where: eq(localCheckoutSessions.paymentIntentId, paymentIntent) }))?.refundedCents;

describe("refunds of equal amounts", () => {
	it("two refund requests of the same amount each move money at Stripe", async () => {
		const { deps, orderId, paymentIntent } = await stripeOrder("two equal refunds topic");
		const first = await refundOrder(deps, orderId, 400);
		const second = await refundOrder(deps, orderId, 400);
		expect(first.status).toBe("succeeded");
		expect(second.status).toBe("succeeded");
		expect(second.id).not.toBe(first.id);
		const sent = await stripeRefundRequests(paymentIntent);
		expect(sent).toHaveLength(2);
		expect(new Set(sent.map((request) => request.idempotencyKey)).size).toBe(2);
		// 1500 - 2 × 400 is left: one cent more is refused by Stripe itself.
		await expect(refundOrder(deps, orderId, 701)).rejects.toThrow(/greater than unrefunded amount on charge \(700\)/);
		expect(await countRows("refund_requests")).toBeGreaterThanOrEqual(2);
	});

	it("a retry of the same request reuses its key and refunds once; the key with another amount is refused", async () => {
		const { deps, orderId, paymentIntent } = await stripeOrder("retried refund topic");
		const first = await refundOrder(deps, orderId, 400, "admin-retry-1");
		const retried = await refundOrder(deps, orderId, 400, "admin-retry-1");
		expect(retried).toEqual(first);
		await expect(refundOrder(deps, orderId, 500, "admin-retry-1")).rejects.toMatchObject({ status: 409, code: "CONFLICT" });
		const sent = await stripeRefundRequests(paymentIntent);
		expect(sent.filter((request) => request.status === 200)).toHaveLength(1);
		await expect(refundOrder(deps, orderId, 1101)).rejects.toThrow(/unrefunded amount on charge \(1100\)/);
	});
});

describe("POST /api/orders/:id/refund", () => {
	it("refunds each request, and answers a retry carrying the same Idempotency-Key from the first", async () => {
		const { product } = await publishedProduct("api refund keys topic");
		const bought = await paidOrder(product.id);
		const paymentIntent = (await orderState(bought.orderId)).order?.paymentIntentId ?? "";
		const refund = (key?: string, amount = 100) =>
			api(`/api/orders/${bought.orderId}/refund`, { method: "POST", json: { amount_cents: amount }, headers: key ? { "Idempotency-Key": key } : {} });

		const first = await refund("refund-key-a");
		expect(first.status).toBe(200);
		const firstBody = (await first.json()) as { refund: { id: string; status: string } };
		const events = await countRows("payment_events");
		const retried = await refund("refund-key-a");
		expect(retried.status).toBe(200);
		expect(((await retried.json()) as { refund: { id: string } }).refund.id).toBe(firstBody.refund.id);
		expect(await refundedCents(paymentIntent)).toBe(100);
		expect(await countRows("payment_events")).toBe(events);

		const mismatch = await refund("refund-key-a", 200);
		expect(mismatch.status).toBe(409);
		expect(((await mismatch.json()) as ErrorBody).error.code).toBe("CONFLICT");
		expect(await refundedCents(paymentIntent)).toBe(100);

		// Without a key, every request is a refund of its own: two equal ones move money twice.
		expect((await refund()).status).toBe(200);
		expect((await refund()).status).toBe(200);
		expect(await refundedCents(paymentIntent)).toBe(300);
		expect((await orderState(bought.orderId)).order?.status).toBe("FULFILLED");
		const detail = (await (await api(`/api/orders/${bought.orderId}`)).json()) as { order: { refunds: { amount_cents: number; status: string }[] } };
		expect(detail.order.refunds.map((r) => [r.amount_cents, r.status])).toEqual([
			[100, "succeeded"],
			[100, "succeeded"],
			[100, "succeeded"],
		]);

		const bad = await refund("x".repeat(300));
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as ErrorBody).error.code).toBe("VALIDATION_FAILED");
	});
});

describe("the dashboard's refund form", () => {
	it("carries a request key of its own, so a form sent twice refunds once", async () => {
		const { product } = await publishedProduct("dashboard refund key topic");
		const bought = await paidOrder(product.id);
		const paymentIntent = (await orderState(bought.orderId)).order?.paymentIntentId ?? "";
		const login = await api("/admin/login", {
			method: "POST",
			auth: null,
			headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost:8787", "CF-Connecting-IP": "10.9.8.7" },
			body: new URLSearchParams({ key: ADMIN_KEY }).toString(),
		});
		const cookie = `ef_admin=${/ef_admin=([^;]+)/.exec(login.headers.get("Set-Cookie") ?? "")?.[1] ?? ""}`;
		const detailPath = `/admin/orders/${bought.orderId}`;
		const html = await (await api(detailPath, { auth: null, headers: { Cookie: cookie, Accept: "text/html" } })).text();
		const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
		const requestKey = /name="request_key" value="([^"]+)"/.exec(html)?.[1] ?? "";
		// The page lists the mails to the buyer with their delivery (the receipt, queued or sent).
		expect(html).toContain('id="mails"');
		expect(html).toContain("Receipt");
		expect(requestKey).not.toBe("");
		const submit = () =>
			api(`${detailPath}/refund`, {
				method: "POST",
				auth: null,
				headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost:8787", Accept: "text/html", Cookie: cookie },
				body: new URLSearchParams({ _csrf: csrf, confirm: "yes", request_key: requestKey }).toString(),
			});
		expect((await submit()).status).toBe(303);
		expect((await submit()).status).toBe(303);
		expect(await refundedCents(paymentIntent)).toBe(1500);
		expect((await orderState(bought.orderId)).order?.status).toBe("REFUNDED");
		const events = await env.DB.prepare("SELECT COUNT(*) AS n FROM payment_events WHERE payment_intent_id = ? AND type = 'charge.refunded'")
			.bind(paymentIntent)
			.first("n");
		expect(events).toBe(1);
	});
});
