import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { fulfil } from "../../src/commerce/fulfil";
import {
	buyerOrder,
	checkout,
	orderState,
	paidOrder,
	pathOf,
	postWebhook,
	publishedProduct,
	recordingMailer,
	redeem,
	signedEvent,
	testCommerce,
} from "../support/commerce-helpers";
import { api, countRows, type ErrorBody } from "../support/helpers";
import { deliverMail, RecordingMailQueue } from "../support/mail-helpers";

/** The paid checkout event Stripe sends for an order's session. */
function completedSession(orderId: string, sessionId: string, paymentIntent = `pi_${crypto.randomUUID().slice(0, 8)}`) {
	return { id: sessionId, object: "checkout.session", client_reference_id: orderId, payment_status: "paid", status: "complete", payment_intent: paymentIntent };
}

describe("POST /webhooks/stripe verification", () => {
	it("rejects bad signatures, wrong secrets, stale and future timestamps with nothing stored", async () => {
		const { product } = await publishedProduct("webhook verification topic");
		const bought = await checkout(product.id);
		const now = Math.floor(Date.now() / 1000);
		const object = completedSession(bought.orderId, bought.sessionId);
		const valid = await signedEvent("checkout.session.completed", object);
		const cases = [
			{ name: "no header", event: { body: valid.body, signature: null } },
			{ name: "garbage header", event: { body: valid.body, signature: "not-a-signature" } },
			{ name: "tampered body", event: { body: valid.body.replace("paid", "PAID"), signature: valid.signature } },
			{ name: "wrong secret", event: await signedEvent("checkout.session.completed", object, { secret: "whsec_wrong" }) },
			{ name: "stale (6 min old)", event: await signedEvent("checkout.session.completed", object, { timestamp: now - 360 }) },
			{ name: "future (6 min ahead)", event: await signedEvent("checkout.session.completed", object, { timestamp: now + 360 }) },
		];
		const before = { events: await countRows("payment_events"), state: await orderState(bought.orderId) };
		for (const { name, event } of cases) {
			const res = await postWebhook(event);
			expect(res.status, name).toBe(400);
			expect(((await res.json()) as ErrorBody).error.code, name).toBe("WEBHOOK_SIGNATURE_INVALID");
		}
		expect(await countRows("payment_events")).toBe(before.events);
		expect(await orderState(bought.orderId)).toEqual(before.state);
		expect(before.state.order?.status).toBe("PENDING");
		// Within the window on either side is accepted.
		const slightlyAhead = await signedEvent("checkout.session.completed", object, { timestamp: now + 200 });
		expect((await postWebhook(slightlyAhead)).status).toBe(200);
		expect((await orderState(bought.orderId)).order?.status).toBe("FULFILLED");
	});
});

describe("fulfilment exactly once", () => {
	it("for the same event twice and for two different events of one session", async () => {
		const { product } = await publishedProduct("duplicate events topic");
		const bought = await checkout(product.id);
		const object = completedSession(bought.orderId, bought.sessionId, "pi_dup_1");
		const first = await signedEvent("checkout.session.completed", object, { id: "evt_dup_1" });
		const r1 = await postWebhook(first);
		expect(await r1.json()).toMatchObject({ received: true, duplicate: false, outcome: "fulfilled" });
		const afterFirst = await orderState(bought.orderId);
		expect(afterFirst.grants).toHaveLength(1);

		const r2 = await postWebhook(first);
		expect(r2.status).toBe(200);
		expect(await r2.json()).toMatchObject({ duplicate: true });
		const other = await signedEvent("checkout.session.async_payment_succeeded", object, { id: "evt_dup_2" });
		const r3 = await postWebhook(other);
		expect(await r3.json()).toMatchObject({ duplicate: false, outcome: "already_fulfilled" });
		// The fulfilment is unchanged; the receipt's own bookkeeping (`receipt_sent_at`) may land meanwhile from the mail queue.
		const { order, ...access } = await orderState(bought.orderId);
		const { order: firstOrder, ...firstAccess } = afterFirst;
		expect(access).toEqual(firstAccess);
		expect({ ...order, receiptSentAt: null }).toEqual({ ...firstOrder, receiptSentAt: null });
		expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM payment_events WHERE order_id = ?").bind(bought.orderId).first("n")).toBe(2);
	});

	it("sends the receipt once, with a working order link", async () => {
		const { product } = await publishedProduct("receipt mail topic");
		const bought = await checkout(product.id, "receipt@example.com");
		const mailer = recordingMailer();
		const queue = new RecordingMailQueue();
		const deps = await testCommerce({ mailer, mailQueue: queue });
		await env.DB.prepare("UPDATE orders SET status = 'PAID', paid_at = ? WHERE id = ?").bind(new Date().toISOString(), bought.orderId).run();
		expect(await Promise.all([fulfil(deps, bought.orderId), fulfil(deps, bought.orderId)])).toContain(true);
		expect(await fulfil(deps, bought.orderId)).toBe(false);
		// The receipt goes through the mail queue (test/commerce/mail-outbox.test.ts): deliver what was queued.
		await deliverMail(mailer, queue.take());
		expect(mailer.sent).toHaveLength(1);
		expect(mailer.sent[0]?.to).toBe("receipt@example.com");
		const link = /https?:\/\/\S+\/orders\/\S+/.exec(mailer.sent[0]?.text ?? "")?.[0] ?? "";
		// A key minted for the mail (only its hash stored), not the checkout's own.
		expect(new URL(link).searchParams.get("key")).toMatch(/^[0-9a-f]{40}$/);
		const page = await api(`${pathOf(link)}${new URL(link).search}`, { auth: null, headers: { Accept: "text/html" } });
		expect(page.status).toBe(200);
		expect((await orderState(bought.orderId)).grants).toHaveLength(1);
	});

	it("ignores a paid event whose session is not the order's", async () => {
		const { product } = await publishedProduct("session mismatch topic");
		const bought = await checkout(product.id);
		const res = await postWebhook(await signedEvent("checkout.session.completed", completedSession(bought.orderId, "cs_other_session")));
		expect(await res.json()).toMatchObject({ outcome: "session_mismatch" });
		expect((await orderState(bought.orderId)).order?.status).toBe("PENDING");
	});

	it("waits on an unpaid completed session and fulfils on async_payment_succeeded", async () => {
		const { product } = await publishedProduct("async payment topic");
		const bought = await checkout(product.id);
		const unpaid = { ...completedSession(bought.orderId, bought.sessionId, "pi_async"), payment_status: "unpaid" };
		expect(await (await postWebhook(await signedEvent("checkout.session.completed", unpaid))).json()).toMatchObject({ outcome: "awaiting_payment" });
		expect((await orderState(bought.orderId)).order?.status).toBe("PENDING");
		const succeeded = await postWebhook(
			await signedEvent("checkout.session.async_payment_succeeded", completedSession(bought.orderId, bought.sessionId, "pi_async")),
		);
		expect(await succeeded.json()).toMatchObject({ outcome: "fulfilled" });
		expect((await orderState(bought.orderId)).order?.paymentIntentId).toBe("pi_async");
	});
});

describe("refunds and disputes", () => {
	it("a full refund revokes the order's grants (and no other), on links and open file sessions", async () => {
		const { product } = await publishedProduct("refund topic");
		const refunded = await paidOrder(product.id, "refund@example.com");
		const untouched = await paidOrder(product.id, "keep@example.com");
		const view = await buyerOrder(refunded.orderId, refunded.key);
		const link = pathOf(view.items[0]?.download_url ?? "");
		const session = (await redeem(link)).headers.get("Location") ?? "";
		expect((await api(session, { auth: null })).status).toBe(200);

		const paymentIntent = (await orderState(refunded.orderId)).order?.paymentIntentId;
		const partial = await postWebhook(
			await signedEvent("charge.refunded", { id: "ch_1", object: "charge", payment_intent: paymentIntent, refunded: false, amount_refunded: 100 }),
		);
		expect(await partial.json()).toMatchObject({ outcome: "partial_refund_recorded" });
		expect((await api(session, { auth: null })).status).toBe(200);

		const full = await postWebhook(
			await signedEvent("charge.refunded", { id: "ch_1", object: "charge", payment_intent: paymentIntent, refunded: true, amount_refunded: 1500 }),
		);
		expect(await full.json()).toMatchObject({ outcome: "revoked" });
		const state = await orderState(refunded.orderId);
		expect(state.order?.status).toBe("REFUNDED");
		expect(state.grants.map((g) => g.status)).toEqual(["REVOKED"]);

		const onLink = await redeem(link, "198.51.100.9");
		expect(onLink.status).toBe(403);
		expect(((await onLink.json()) as ErrorBody).error.code).toBe("ACCESS_REVOKED");
		const onSession = await api(session, { auth: null });
		expect(onSession.status).toBe(403);
		expect(((await onSession.json()) as ErrorBody).error.code).toBe("ACCESS_REVOKED");
		expect((await buyerOrder(refunded.orderId, refunded.key)).items[0]?.download_url).toBeNull();

		const other = await orderState(untouched.orderId);
		expect(other.order?.status).toBe("FULFILLED");
		expect(other.grants.map((g) => g.status)).toEqual(["ACTIVE"]);
	});

	it("a dispute suspends access and a won dispute restores it", async () => {
		const { product } = await publishedProduct("dispute topic");
		const bought = await paidOrder(product.id);
		const link = pathOf((await buyerOrder(bought.orderId, bought.key)).items[0]?.download_url ?? "");
		const paymentIntent = (await orderState(bought.orderId)).order?.paymentIntentId;
		const dispute = { id: "dp_1", object: "dispute", payment_intent: paymentIntent };
		expect(await (await postWebhook(await signedEvent("charge.dispute.created", { ...dispute, status: "needs_response" }))).json()).toMatchObject({
			outcome: "suspended",
		});
		let state = await orderState(bought.orderId);
		expect(state.order?.status).toBe("DISPUTED");
		expect(state.grants.map((g) => g.status)).toEqual(["SUSPENDED"]);
		const blocked = await redeem(link);
		expect(blocked.status).toBe(403);
		expect(((await blocked.json()) as ErrorBody).error.code).toBe("ACCESS_REVOKED");
		expect(state.usage[0]).toBeNull();

		expect(await (await postWebhook(await signedEvent("charge.dispute.closed", { ...dispute, status: "won" }))).json()).toMatchObject({ outcome: "restored" });
		state = await orderState(bought.orderId);
		expect(state.order?.status).toBe("FULFILLED");
		expect(state.grants.map((g) => g.status)).toEqual(["ACTIVE"]);
		expect((await redeem(link)).status).toBe(303);
	});

	it("a refund that arrives before the payment event is applied once the payment lands", async () => {
		const { product } = await publishedProduct("out of order refund topic");
		const bought = await checkout(product.id);
		const early = await postWebhook(await signedEvent("charge.refunded", { id: "ch_early", object: "charge", payment_intent: "pi_early", refunded: true }));
		expect(await early.json()).toMatchObject({ outcome: "order_not_found" });
		await postWebhook(await signedEvent("checkout.session.completed", completedSession(bought.orderId, bought.sessionId, "pi_early")));
		const state = await orderState(bought.orderId);
		expect(state.order?.status).toBe("REFUNDED");
		expect(state.grants.map((g) => g.status)).toEqual(["REVOKED"]);
	});
});
