import { describe, expect, it } from "vitest";
import { buyerOrder, checkout, orderState, paidOrder, pathOf, postWebhook, publishedProduct, redeem, signedEvent } from "../support/commerce-helpers";

/** A dispute of an order's payment, as Stripe's `charge.dispute.*` events carry it. */
function disputeObject(paymentIntent: string | null | undefined, status: string, id = `du_${crypto.randomUUID().slice(0, 12)}`) {
	return { id, object: "dispute", payment_intent: paymentIntent, charge: "ch_disputed", amount: 1500, status };
}

async function post(type: string, object: Record<string, unknown>, created: number) {
	const res = await postWebhook(await signedEvent(type, object, { created }));
	expect(res.status).toBe(200);
	return (await res.json()) as { outcome: string; duplicate: boolean };
}

/** A fulfilled order, its payment intent and a download link of its one item. */
async function disputableOrder(topic: string) {
	const { product } = await publishedProduct(topic);
	const bought = await paidOrder(product.id);
	const paymentIntent = (await orderState(bought.orderId)).order?.paymentIntentId ?? "";
	const link = pathOf((await buyerOrder(bought.orderId, bought.key)).items[0]?.download_url ?? "");
	return { ...bought, paymentIntent, link };
}

const T = Math.floor(Date.now() / 1000) - 3600;

describe("disputes that end without a chargeback", () => {
	it("an inquiry that closes (warning_closed) restores the order and its grants", async () => {
		const order = await disputableOrder("inquiry closed topic");
		const dispute = (status: string) => disputeObject(order.paymentIntent, status, "du_inquiry_1");
		expect(await post("charge.dispute.created", dispute("warning_needs_response"), T)).toMatchObject({ outcome: "suspended" });
		let state = await orderState(order.orderId);
		expect(state.order?.status).toBe("DISPUTED");
		expect(state.grants.map((g) => g.status)).toEqual(["SUSPENDED"]);
		expect((await redeem(order.link, "198.51.100.31")).status).toBe(403);

		expect(await post("charge.dispute.closed", dispute("warning_closed"), T + 600)).toMatchObject({ outcome: "restored" });
		state = await orderState(order.orderId);
		expect(state.order?.status).toBe("FULFILLED");
		expect(state.grants.map((g) => g.status)).toEqual(["ACTIVE"]);
		expect((await redeem(order.link, "198.51.100.31")).status).toBe(303);
	});
});

describe("dispute events applied in the dispute's own order, not arrival order", () => {
	it("a won dispute delivered before its creation: the late creation changes nothing", async () => {
		const order = await disputableOrder("won before created topic");
		const before = await orderState(order.orderId);
		expect(await post("charge.dispute.closed", disputeObject(order.paymentIntent, "won", "du_early_won"), T + 900)).toMatchObject({ outcome: "unchanged" });
		const late = await post("charge.dispute.created", disputeObject(order.paymentIntent, "needs_response", "du_early_won"), T);
		expect(late).toMatchObject({ outcome: "stale_dispute_event", duplicate: false });
		const after = await orderState(order.orderId);
		expect(after.order?.status).toBe("FULFILLED");
		expect(after.grants.map((g) => g.status)).toEqual(["ACTIVE"]);
		expect(after).toEqual(before);
		expect((await redeem(order.link, "198.51.100.32")).status).toBe(303);
	});

	it("a lost dispute delivered before its creation revokes, and the late creation does not suspend", async () => {
		const order = await disputableOrder("lost before created topic");
		expect(await post("charge.dispute.closed", disputeObject(order.paymentIntent, "lost", "du_early_lost"), T + 900)).toMatchObject({ outcome: "revoked" });
		expect(await post("charge.dispute.created", disputeObject(order.paymentIntent, "needs_response", "du_early_lost"), T)).toMatchObject({
			outcome: "stale_dispute_event",
		});
		const state = await orderState(order.orderId);
		expect(state.order?.status).toBe("REFUNDED");
		expect(state.grants.map((g) => g.status)).toEqual(["REVOKED"]);
	});

	it("an update under review delivered after the inquiry closed does not suspend again", async () => {
		const order = await disputableOrder("inquiry stale review topic");
		const dispute = (status: string) => disputeObject(order.paymentIntent, status, "du_inquiry_2");
		await post("charge.dispute.created", dispute("warning_needs_response"), T);
		expect(await post("charge.dispute.closed", dispute("warning_closed"), T + 600)).toMatchObject({ outcome: "restored" });
		// An earlier snapshot (the inquiry under review), delivered late, is older than what is known.
		expect(await post("charge.dispute.created", dispute("warning_under_review"), T + 300)).toMatchObject({ outcome: "stale_dispute_event" });
		expect((await orderState(order.orderId)).order?.status).toBe("FULFILLED");
	});

	it("dispute events seen before their payment are applied in the dispute's order once the payment lands", async () => {
		const { product } = await publishedProduct("dispute before payment topic");
		const bought = await checkout(product.id);
		const paymentIntent = `pi_early_${crypto.randomUUID().slice(0, 8)}`;
		const dispute = (status: string) => disputeObject(paymentIntent, status, "du_before_payment");
		expect(await post("charge.dispute.closed", dispute("won"), T + 900)).toMatchObject({ outcome: "order_not_found" });
		expect(await post("charge.dispute.created", dispute("needs_response"), T)).toMatchObject({ outcome: "stale_dispute_event" });
		const paid = await post(
			"checkout.session.completed",
			{
				id: bought.sessionId,
				object: "checkout.session",
				client_reference_id: bought.orderId,
				payment_status: "paid",
				status: "complete",
				payment_intent: paymentIntent,
			},
			T + 1000,
		);
		expect(paid).toMatchObject({ outcome: "fulfilled" });
		const state = await orderState(bought.orderId);
		expect(state.order?.status).toBe("FULFILLED");
		expect(state.grants.map((g) => g.status)).toEqual(["ACTIVE"]);
	});
});
