import { describe, expect, it } from "vitest";
import { orderPayable } from "../../src/commerce/order-payable";
import { type ChargeChange, type Payable, payableRegistry } from "../../src/commerce/payables";
import { receiveStripeWebhook } from "../../src/commerce/webhook";
import { creditPurchasePayable } from "../../src/credits/payable";
import { signedEvent, testCommerce } from "../support/commerce-helpers";
import { countRows } from "../support/helpers";

/** A payable of a product line the webhook has never heard of, recording what it was told. */
function recordingPayable() {
	const calls: string[] = [];
	const payable: Payable = {
		name: "test_line",
		owns: (reference) => reference.startsWith("tst_"),
		async paid(_deps, session) {
			calls.push(`paid ${String(session.client_reference_id)}`);
			return "test_line_delivered";
		},
		async closed(_deps, session, to) {
			calls.push(`closed ${String(session.client_reference_id)} ${to}`);
			return "test_line_closed";
		},
		async chargeChanged(_deps, paymentIntentId, change: ChargeChange) {
			if (!paymentIntentId.startsWith("pi_tst_")) return null;
			calls.push(`${change} ${paymentIntentId}`);
			return `test_line_${change}`;
		},
		checkout: async () => null,
	};
	return { payable, calls };
}

describe("the payables registry", () => {
	it("lets a new payable take its payments, refunds and disputes without the webhook naming it", async () => {
		const { payable, calls } = recordingPayable();
		const deps = await testCommerce({ payables: payableRegistry([orderPayable, creditPurchasePayable, payable]) });
		const deliver = async (type: string, object: Record<string, unknown>) => {
			const event = await signedEvent(type, object);
			return (await receiveStripeWebhook(deps, event.body, event.signature)).outcome;
		};
		const pi = `pi_tst_${crypto.randomUUID()}`;
		expect(await deliver("checkout.session.completed", { id: "cs_tst_1", client_reference_id: "tst_1", payment_status: "paid", payment_intent: pi })).toBe(
			"test_line_delivered",
		);
		expect(await deliver("checkout.session.expired", { id: "cs_tst_2", client_reference_id: "tst_2" })).toBe("test_line_closed");
		expect(await deliver("charge.refunded", { payment_intent: pi, refunded: true })).toBe("test_line_refunded");
		expect(await deliver("charge.dispute.closed", { payment_intent: pi, status: "won" })).toBe("test_line_dispute_won");
		expect(calls).toEqual(["paid tst_1", "closed tst_2 EXPIRED", `refunded ${pi}`, `dispute_won ${pi}`]);
	});

	it("records a checkout for a reference no payable owns, and changes nothing", async () => {
		const deps = await testCommerce();
		const [orders, purchases] = [await countRows("orders"), await countRows("credit_purchases")];
		const event = await signedEvent("checkout.session.completed", { id: "cs_x", client_reference_id: "zzz_1", payment_status: "paid", payment_intent: "pi_x" });
		expect((await receiveStripeWebhook(deps, event.body, event.signature)).outcome).toBe("unknown_reference");
		expect([await countRows("orders"), await countRows("credit_purchases")]).toEqual([orders, purchases]);
	});

	it("keeps a refund of a payment no payable knows yet waiting, for when its payment lands", async () => {
		const deps = await testCommerce();
		const event = await signedEvent("charge.refunded", { payment_intent: `pi_unknown_${crypto.randomUUID()}`, refunded: true });
		expect((await receiveStripeWebhook(deps, event.body, event.signature)).outcome).toBe("order_not_found");
	});
});
