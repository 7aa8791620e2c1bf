import Stripe from "stripe";
import { describe, expect, inject, it } from "vitest";
import { clampCheckoutExpiry, signStripePayload, stripeOperation, stripeProvider, verifyStripeEvent } from "../../src/commerce/payments/stripe";
import type { CheckoutRequest } from "../../src/commerce/payments/types";
import { outsideHttp } from "../../src/lib/outside-http";

const KEY = "sk_test_edge_factory";
const MINUTE_MS = 60_000;

/** One API request as the fake Stripe recorded it (test/support/fakes/stripe-server.ts). */
type RecordedRequest = { method: string; path: string; idempotencyKey: string | null; params: Record<string, unknown>; status: number };
/** The part of the fake's `checkout.session.completed` event these tests read. */
type CompletedEvent = { type: string; data: { object: { id: string; payment_intent: string; payment_status: string } } };

const provider = () => stripeProvider({ secretKey: KEY, apiBase: inject("stripeApiBase") });
const newOrderId = () => `ord_${crypto.randomUUID()}`;

function checkoutRequest(orderId: string, overrides: Partial<CheckoutRequest> = {}): CheckoutRequest {
	return {
		orderId,
		email: "buyer@example.com",
		lines: [
			{ name: "Urban Beekeeping Starter Kit", amountCents: 1900, currency: "usd" },
			{ name: "Hive Planner", amountCents: 500, currency: "usd" },
		],
		successUrl: "http://localhost:8787/thanks?session_id={CHECKOUT_SESSION_ID}",
		cancelUrl: "http://localhost:8787/cart",
		// Whole seconds, as Stripe stores them.
		expiresAt: new Date(Math.floor((Date.now() + 60 * MINUTE_MS) / 1000) * 1000),
		...overrides,
	};
}

/** Marks a session paid through the fake's test-control endpoint, as a buyer finishing checkout would. */
async function completeSession(id: string): Promise<CompletedEvent> {
	const response = await fetch(`${inject("stripeApiBase")}/__control/complete/${id}`, { method: "POST" });
	expect(response.status).toBe(200);
	return response.json<CompletedEvent>();
}

/** What the fake received for one order's checkouts. */
async function checkoutRequestsFor(orderId: string): Promise<RecordedRequest[]> {
	const all = await (await fetch(`${inject("stripeApiBase")}/__control/requests`)).json<RecordedRequest[]>();
	return all.filter((request) => request.path === "/v1/checkout/sessions" && request.params.client_reference_id === orderId);
}

/**
 * A provider whose outside client loses the answers of the first `lose` requests after they
 * reached the fake (a dropped connection), answers the next `unavailable` with a 503 of its own,
 * and records each attempt's method, path and Idempotency-Key; sleeps are recorded, not waited.
 */
function flakyProvider(plan: { lose?: number; unavailable?: number }) {
	const attempts: { method: string; path: string; idempotencyKey: string | null }[] = [];
	const delays: number[] = [];
	let lose = plan.lose ?? 0;
	let unavailable = plan.unavailable ?? 0;
	const http = outsideHttp({
		fetch: async (input, init) => {
			attempts.push({
				method: init?.method ?? "GET",
				path: new URL(String(input)).pathname,
				idempotencyKey: new Headers(init?.headers).get("Idempotency-Key"),
			});
			if (unavailable > 0) {
				unavailable--;
				return Response.json({ error: { type: "api_error", message: "unavailable" } }, { status: 503 });
			}
			const response = await fetch(input, init);
			if (lose > 0) {
				lose--;
				await response.body?.cancel();
				throw new TypeError("Network connection lost.");
			}
			return response;
		},
		sleep: async (ms) => {
			delays.push(ms);
		},
	});
	return { provider: stripeProvider({ secretKey: KEY, apiBase: inject("stripeApiBase") }, http), attempts, delays };
}

describe("stripeProvider over the outside HTTP client", () => {
	it("retries a checkout whose answer was lost under the same key, and Stripe makes one session", async () => {
		const orderId = newOrderId();
		const { provider: flaky, attempts, delays } = flakyProvider({ lose: 1 });
		const session = await flaky.createCheckout(checkoutRequest(orderId));
		expect(attempts).toEqual([
			{ method: "POST", path: "/v1/checkout/sessions", idempotencyKey: `checkout-${orderId}` },
			{ method: "POST", path: "/v1/checkout/sessions", idempotencyKey: `checkout-${orderId}` },
		]);
		expect(delays).toHaveLength(1);
		// Both attempts reached Stripe; the second was answered with the first one's session.
		expect(await checkoutRequestsFor(orderId)).toHaveLength(2);
		expect((await provider().createCheckout(checkoutRequest(orderId))).id).toBe(session.id);
	});

	it("has one retry layer: a read that meets 503s is tried four times in all, by the client alone", async () => {
		const session = await provider().createCheckout(checkoutRequest(newOrderId()));
		const { provider: flaky, attempts } = flakyProvider({ unavailable: 3 });
		expect((await flaky.retrieveCheckout(session.id)).id).toBe(session.id);
		expect(attempts.map((attempt) => attempt.method)).toEqual(["GET", "GET", "GET", "GET"]);
		const failing = flakyProvider({ unavailable: 9 });
		await expect(failing.provider.retrieveCheckout(session.id)).rejects.toThrow();
		expect(failing.attempts).toHaveLength(4);
	});

	it("names the operation by the resource, not its id", () => {
		expect(stripeOperation("https://api.stripe.com/v1/checkout/sessions/cs_test_a1B2c3")).toBe("checkout.sessions");
		expect(stripeOperation("https://api.stripe.com/v1/refunds")).toBe("refunds");
		expect(stripeOperation("https://api.stripe.com/v1/subscriptions/sub_1Abc")).toBe("subscriptions");
	});
});

describe("stripeProvider: checkout", () => {
	it("creates a hosted checkout session with the order's lines, buyer, reference and expiry", async () => {
		const orderId = newOrderId();
		const request = checkoutRequest(orderId);
		const session = await provider().createCheckout(request);
		expect(session.id).toMatch(/^cs_test_/);
		expect(session.url).toBe(`${inject("stripeApiBase")}/pay/${session.id}`);

		const [sent] = await checkoutRequestsFor(orderId);
		expect(sent?.idempotencyKey).toBe(`checkout-${orderId}`);
		expect(sent?.params).toEqual({
			mode: "payment",
			line_items: [
				{ quantity: "1", price_data: { currency: "usd", unit_amount: "1900", product_data: { name: "Urban Beekeeping Starter Kit" } } },
				{ quantity: "1", price_data: { currency: "usd", unit_amount: "500", product_data: { name: "Hive Planner" } } },
			],
			customer_email: "buyer@example.com",
			client_reference_id: orderId,
			metadata: { order_id: orderId },
			success_url: request.successUrl,
			cancel_url: request.cancelUrl,
			expires_at: String(request.expiresAt.getTime() / 1000),
			payment_intent_data: { metadata: { order_id: orderId } },
		});
	});

	it("gives the same session for the same order id (one idempotency key per order)", async () => {
		const orderId = newOrderId();
		// The same request, as a caller passing the order's stored expiry sends it.
		const request = checkoutRequest(orderId);
		const first = await provider().createCheckout(request);
		const again = await provider().createCheckout(request);
		expect(again).toEqual(first);
		const sent = await checkoutRequestsFor(orderId);
		expect(sent.map((request) => request.idempotencyKey)).toEqual([`checkout-${orderId}`, `checkout-${orderId}`]);
		// Another order is another session.
		const other = await provider().createCheckout(checkoutRequest(newOrderId()));
		expect(other.id).not.toBe(first.id);
	});

	it("reports Stripe's refusal when an order id is reused with a different checkout", async () => {
		const orderId = newOrderId();
		await provider().createCheckout(checkoutRequest(orderId));
		const changed = checkoutRequest(orderId, { lines: [{ name: "Something else", amountCents: 100, currency: "usd" }] });
		await expect(provider().createCheckout(changed)).rejects.toThrow(/Keys for idempotent requests can only be used with the same parameters/);
	});

	it("moves expires_at into the 30 min to 24 h window Stripe accepts", async () => {
		const now = Date.now();
		const nowSeconds = Math.floor(now / 1000);
		expect(clampCheckoutExpiry(new Date(now + 60 * MINUTE_MS), now)).toBe(Math.floor((now + 60 * MINUTE_MS) / 1000));
		expect(clampCheckoutExpiry(new Date(now + MINUTE_MS), now)).toBe(nowSeconds + 31 * 60);
		expect(clampCheckoutExpiry(new Date(now - 60 * MINUTE_MS), now)).toBe(nowSeconds + 31 * 60);
		expect(clampCheckoutExpiry(new Date(now + 3 * 24 * 60 * MINUTE_MS), now)).toBe(nowSeconds + 24 * 3600 - 60);

		// The fake rejects an out-of-window expires_at as Stripe does, so these only pass clamped.
		const soon = newOrderId();
		await provider().createCheckout(checkoutRequest(soon, { expiresAt: new Date(now + MINUTE_MS) }));
		const late = newOrderId();
		await provider().createCheckout(checkoutRequest(late, { expiresAt: new Date(now + 3 * 24 * 60 * MINUTE_MS) }));
		const [soonSent] = await checkoutRequestsFor(soon);
		const [lateSent] = await checkoutRequestsFor(late);
		expect(Number(soonSent?.params.expires_at)).toBeGreaterThanOrEqual(nowSeconds + 30 * 60);
		expect(Number(lateSent?.params.expires_at)).toBeLessThanOrEqual(nowSeconds + 24 * 3600);
		expect([soonSent?.status, lateSent?.status]).toEqual([200, 200]);
	});

	it("reads a session back: unpaid and open, then paid and complete with its payment intent", async () => {
		const orderId = newOrderId();
		const session = await provider().createCheckout(checkoutRequest(orderId));
		expect(await provider().retrieveCheckout(session.id)).toEqual({
			id: session.id,
			clientReferenceId: orderId,
			paymentStatus: "unpaid",
			status: "open",
			paymentIntentId: null,
		});

		const event = await completeSession(session.id);
		expect(event.type).toBe("checkout.session.completed");
		expect(event.data.object.payment_intent).toMatch(/^pi_test_/);
		expect(await provider().retrieveCheckout(session.id)).toEqual({
			id: session.id,
			clientReferenceId: orderId,
			paymentStatus: "paid",
			status: "complete",
			paymentIntentId: event.data.object.payment_intent,
		});
	});

	it("rejects an unknown session and a bad key with Stripe's errors", async () => {
		await expect(provider().retrieveCheckout("cs_test_missing")).rejects.toThrow(/No such checkout.session: 'cs_test_missing'/);
		const wrongKey = stripeProvider({ secretKey: "sk_live_not_for_tests", apiBase: inject("stripeApiBase") });
		await expect(wrongKey.createCheckout(checkoutRequest(newOrderId()))).rejects.toThrow(/Invalid API Key provided/);
		await expect(wrongKey.retrieveCheckout("cs_test_missing")).rejects.toThrow(/Invalid API Key provided/);
	});
});

describe("stripeProvider: refunds", () => {
	it("refunds part of a payment, then the rest; a retry under the same key is sent once; nothing is left after", async () => {
		const session = await provider().createCheckout(checkoutRequest(newOrderId()));
		const paymentIntent = (await completeSession(session.id)).data.object.payment_intent;
		const key = () => `refund-${crypto.randomUUID()}`;

		const partial = await provider().refund(paymentIntent, { amountCents: 400, idempotencyKey: key() });
		expect(partial).toEqual({ id: expect.stringMatching(/^re_test_/), status: "succeeded" });
		// The same amount again under a key of its own is a second refund.
		const again = await provider().refund(paymentIntent, { amountCents: 400, idempotencyKey: key() });
		expect(again.id).not.toBe(partial.id);
		const restKey = key();
		const rest = await provider().refund(paymentIntent, { idempotencyKey: restKey });
		expect(rest.status).toBe("succeeded");
		expect(rest.id).not.toBe(partial.id);
		// A retry: the same key and parameters, so Stripe answers with the first refund.
		expect(await provider().refund(paymentIntent, { idempotencyKey: restKey })).toEqual(rest);
		// The same key with other parameters is Stripe's idempotency error.
		await expect(provider().refund(paymentIntent, { amountCents: 1, idempotencyKey: restKey })).rejects.toThrow(/Keys for idempotent requests/);

		await expect(provider().refund(paymentIntent, { amountCents: 100, idempotencyKey: key() })).rejects.toThrow(/has already been refunded/);
		await expect(provider().refund("pi_test_unknown", { idempotencyKey: key() })).rejects.toThrow(/No such payment_intent/);
	});
});

describe("verifyStripeEvent", () => {
	const secret = "whsec_test_verify";
	const now = 1_800_000_000;
	const body = JSON.stringify({
		id: "evt_test_1",
		object: "event",
		type: "checkout.session.completed",
		created: now,
		data: { object: { id: "cs_test_1", client_reference_id: "ord_1", payment_status: "paid" } },
	});

	it("accepts a correctly signed event and returns it", async () => {
		const event = await verifyStripeEvent(body, await signStripePayload(body, secret, now), secret, now);
		expect(event).toEqual({
			id: "evt_test_1",
			type: "checkout.session.completed",
			created: now,
			data: { object: { id: "cs_test_1", client_reference_id: "ord_1", payment_status: "paid" } },
		});
	});

	it("rejects a wrong secret, a tampered body, a missing or malformed header", async () => {
		const header = await signStripePayload(body, secret, now);
		const signature = header.split("v1=")[1] ?? "";
		expect(await verifyStripeEvent(body, await signStripePayload(body, "whsec_other", now), secret, now)).toBeNull();
		expect(await verifyStripeEvent(body.replace("ord_1", "ord_2"), header, secret, now)).toBeNull();
		expect(await verifyStripeEvent(body, null, secret, now)).toBeNull();
		for (const malformed of ["", "garbage", `v1=${signature}`, `t=${now}`, `t=abc,v1=${signature}`, `t=${now},v1=zz`, `t=${now},t=${now},v1=${signature}`]) {
			expect(await verifyStripeEvent(body, malformed, secret, now), malformed).toBeNull();
		}
	});

	it("rejects a timestamp more than 300 s away in either direction, accepts one within", async () => {
		for (const offset of [-301, 301, -3600, 3600]) {
			expect(await verifyStripeEvent(body, await signStripePayload(body, secret, now + offset), secret, now), `offset ${offset}`).toBeNull();
		}
		for (const offset of [-300, -299, 0, 299, 300]) {
			expect(await verifyStripeEvent(body, await signStripePayload(body, secret, now + offset), secret, now), `offset ${offset}`).not.toBeNull();
		}
		// The window is a parameter.
		expect(await verifyStripeEvent(body, await signStripePayload(body, secret, now - 20), secret, now, 10)).toBeNull();
	});

	it("rejects a signed body that is not an event", async () => {
		for (const notEvent of [
			"not json",
			"[]",
			"{}",
			JSON.stringify({ id: "evt_1", type: "x", created: now }),
			JSON.stringify({ id: "evt_1", created: now, data: { object: {} } }),
		]) {
			expect(await verifyStripeEvent(notEvent, await signStripePayload(notEvent, secret, now), secret, now), notEvent).toBeNull();
		}
	});

	it("signs exactly as Stripe's SDK does, and accepts the SDK's signatures", async () => {
		const cryptoProvider = Stripe.createSubtleCryptoProvider();
		const sdkHeader = await Stripe.webhooks.generateTestHeaderStringAsync({ payload: body, secret, timestamp: now, cryptoProvider });
		expect(await signStripePayload(body, secret, now)).toBe(sdkHeader);
		expect((await verifyStripeEvent(body, sdkHeader, secret, now))?.id).toBe("evt_test_1");
	});
});
