import { describe, expect, it } from "vitest";
import { refundOrder } from "../../src/admin/refunds";
import { createCheckout } from "../../src/commerce/checkout";
import { orderState, publishedProduct, testCommerce } from "../support/commerce-helpers";
import { makeKrw, portoneCommerce, portoneControl, portoneRequests, portoneSettings, postPortoneWebhook } from "../support/portone-helpers";

/** A KRW order paid through PortOne, its paid webhook processed. */
async function paidKrwOrder(topic: string, email: string) {
	const { product } = await publishedProduct(topic);
	await makeKrw(product.id);
	const deps = await portoneCommerce();
	const created = await createCheckout(deps, { productId: product.id, email, consent: true });
	const paid = await portoneControl(created.checkoutSessionId, "pay");
	expect((await (await postPortoneWebhook(paid.webhook)).json()) as { outcome: string }).toMatchObject({ outcome: "fulfilled" });
	return { deps, orderId: created.orderId, paymentId: created.checkoutSessionId };
}

describe("refunds of PortOne payments", () => {
	it("cancel the payment at PortOne with the API secret, guarded by the cancellable balance, once per refund request", async () => {
		const { deps, orderId, paymentId } = await paidKrwOrder("portone refund topic", "refund@example.com");
		const first = await refundOrder(deps, orderId, 4000, "admin-key-1");
		expect(first.status).toBe("succeeded");
		const again = await refundOrder(deps, orderId, 4000, "admin-key-1");
		expect(again).toEqual(first);

		const cancels = (await portoneRequests(paymentId)).filter((request) => request.path.endsWith("/cancel"));
		// The retry found its cancellation by the request's key in the reason: one cancel reached PortOne.
		expect(cancels).toHaveLength(1);
		expect(cancels[0]).toMatchObject({
			method: "POST",
			authorized: true,
			status: 200,
			body: { storeId: portoneSettings().storeId, amount: 4000, currentCancellableAmount: 9900 },
		});
		expect((cancels[0]?.body as { reason?: string } | undefined)?.reason).toMatch(/^Refund by the store \(refund-rfq_\w+\)$/);
		// Another request of the same amount is another refund, against the balance left.
		const second = await refundOrder(deps, orderId, 4000, "admin-key-2");
		expect(second.status).toBe("succeeded");
		expect(second.id).not.toBe(first.id);
		const both = (await portoneRequests(paymentId)).filter((request) => request.path.endsWith("/cancel"));
		expect(both.map((request) => (request.body as { currentCancellableAmount: number }).currentCancellableAmount)).toEqual([9900, 5900]);

		// PortOne's Transaction.PartialCancelled: the order keeps its files after a partial refund.
		const payment = await (
			await fetch(`${portoneSettings().apiBase}/payments/${paymentId}`, { headers: { Authorization: `PortOne ${portoneSettings().apiSecret}` } })
		).json();
		expect(payment).toMatchObject({ status: "PARTIAL_CANCELLED", amount: { total: 9900, cancelled: 8000 } });
		expect((await orderState(orderId)).order?.status).toBe("FULFILLED");
	});

	it("refunds the rest in full and the order is revoked when PortOne's cancellation webhook arrives", async () => {
		const { deps, orderId, paymentId } = await paidKrwOrder("portone full refund topic", "fullrefund@example.com");
		expect((await refundOrder(deps, orderId, undefined, "admin-key-full")).status).toBe("succeeded");
		const [cancel] = (await portoneRequests(paymentId)).filter((request) => request.path.endsWith("/cancel"));
		expect(cancel?.body).toEqual({
			storeId: portoneSettings().storeId,
			reason: expect.stringMatching(/^Refund by the store \(/),
			currentCancellableAmount: 9900,
		});
		// A console cancel of what is left would be refused now: nothing is left.
		const res = await fetch(`${portoneSettings().apiBase}/__control/payments/${paymentId}/cancel`, { method: "POST", body: "{}" });
		expect(res.status).toBe(409);
		// The webhook PortOne sends after the cancellation: re-read, CANCELLED → revoked.
		const { signWebhook } = await import("../../src/gpu/webhook-verify");
		const body = JSON.stringify({ type: "Transaction.Cancelled", timestamp: new Date().toISOString(), data: { paymentId } });
		const id = `msg_${crypto.randomUUID()}`;
		const ts = Math.floor(Date.now() / 1000);
		const webhook = {
			headers: { "webhook-id": id, "webhook-timestamp": String(ts), "webhook-signature": await signWebhook(portoneSettings().webhookSecret, id, ts, body) },
			body,
		};
		expect(((await (await postPortoneWebhook(webhook)).json()) as { outcome: string }).outcome).toBe("already_fulfilled; revoked");
		expect((await orderState(orderId)).order?.status).toBe("REFUNDED");
	});

	it("are refused with 409 where PortOne is no longer configured, and nothing reaches PortOne", async () => {
		const { orderId, paymentId } = await paidKrwOrder("portone unconfigured topic", "unconfigured@example.com");
		await expect(refundOrder(await testCommerce(), orderId, undefined, "admin-key-gone")).rejects.toMatchObject({ status: 409, code: "CONFLICT" });
		expect((await portoneRequests(paymentId)).filter((request) => request.path.endsWith("/cancel"))).toEqual([]);
	});
});
