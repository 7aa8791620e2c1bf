import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createCheckout } from "../../src/commerce/checkout";
import { recordPaymentFailure } from "../../src/commerce/payment-failures";
import { getDb } from "../../src/db/client";
import { signWebhook } from "../../src/gpu/webhook-verify";
import { checkout, orderState, postWebhook, publishedProduct, signedEvent } from "../support/commerce-helpers";
import { makeKrw, portoneCommerce, portoneControl, portoneSettings, postPortoneWebhook } from "../support/portone-helpers";

async function failures(reference: string) {
	const { results } = await env.DB.prepare("SELECT provider, provider_event_id, reason FROM payment_failures WHERE reference = ?")
		.bind(reference)
		.all<{ provider: string; provider_event_id: string; reason: string }>();
	return results;
}

async function outcome(res: Response): Promise<string> {
	expect(res.status).toBe(200);
	return ((await res.json()) as { outcome: string }).outcome;
}

describe("payment failures", () => {
	it("records a failed PortOne payment once, with PortOne's reason, however often it is reported", async () => {
		const { product } = await publishedProduct("portone failure topic");
		await makeKrw(product.id);
		const created = await createCheckout(await portoneCommerce(), { productId: product.id, email: "declined@example.com", consent: true });
		const failed = await portoneControl(created.checkoutSessionId, "fail", { reason: "카드 한도 초과" });
		expect(await outcome(await postPortoneWebhook(failed.webhook))).toBe("failure_recorded");
		expect(await outcome(await postPortoneWebhook(failed.webhook))).toBe("failure_recorded");
		// Another delivery about the same failure (a new webhook id) records nothing more.
		const body = failed.webhook.body;
		const id = `msg_${crypto.randomUUID()}`;
		const ts = Math.floor(Date.now() / 1000);
		const again = {
			headers: { "webhook-id": id, "webhook-timestamp": String(ts), "webhook-signature": await signWebhook(portoneSettings().webhookSecret, id, ts, body) },
			body,
		};
		expect(await outcome(await postPortoneWebhook(again))).toBe("failure_already_recorded");

		const rows = await failures(created.orderId);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ provider: "portone", reason: "카드 한도 초과 / 한도초과" });
		// The buyer may try again: the order stays open, and a payment after the failure still pays.
		expect((await orderState(created.orderId)).order?.status).toBe("PENDING");
		const paid = await portoneControl(created.checkoutSessionId, "pay");
		expect(await outcome(await postPortoneWebhook(paid.webhook))).toBe("fulfilled");
		expect(await failures(created.orderId)).toHaveLength(1);
	});

	it("records Stripe's payment_intent.payment_failed with its message, once per event", async () => {
		const { product } = await publishedProduct("stripe failure topic");
		const bought = await checkout(product.id, "stripefail@example.com");
		const intent = {
			id: "pi_failed_1",
			object: "payment_intent",
			metadata: { order_id: bought.orderId },
			last_payment_error: { code: "card_declined", message: "Your card was declined." },
		};
		const event = await signedEvent("payment_intent.payment_failed", intent, { id: `evt_fail_${crypto.randomUUID()}` });
		expect(await outcome(await postWebhook(event))).toBe("failure_recorded");
		expect(await outcome(await postWebhook(event))).toBe("failure_recorded");
		expect(await failures(bought.orderId)).toEqual([{ provider: "stripe", provider_event_id: JSON.parse(event.body).id, reason: "Your card was declined." }]);
		expect((await orderState(bought.orderId)).order?.status).toBe("PENDING");
	});

	it("records Stripe's checkout.session.async_payment_failed and closes the order", async () => {
		const { product } = await publishedProduct("stripe async failure topic");
		const bought = await checkout(product.id, "asyncfail@example.com");
		const session = { id: bought.sessionId, object: "checkout.session", client_reference_id: bought.orderId, payment_status: "unpaid" };
		expect(await outcome(await postWebhook(await signedEvent("checkout.session.async_payment_failed", session)))).toBe("canceled");
		const rows = await failures(bought.orderId);
		expect(rows).toHaveLength(1);
		expect(rows[0]?.provider).toBe("stripe");
		expect((await orderState(bought.orderId)).order?.status).toBe("CANCELED");
	});

	it("keeps one row per provider event id", async () => {
		const db = getDb(env.DB);
		const failure = { reference: "ord_direct", provider: "portone", providerEventId: `portone:direct:${crypto.randomUUID()}`, reason: "x".repeat(900) };
		expect(await recordPaymentFailure(db, failure)).toBe(true);
		expect(await recordPaymentFailure(db, { ...failure, reason: "another" })).toBe(false);
		const rows = await failures("ord_direct");
		expect(rows.filter((row) => row.provider_event_id === failure.providerEventId)).toEqual([
			{ provider: "portone", provider_event_id: failure.providerEventId, reason: "x".repeat(500) },
		]);
	});
});
