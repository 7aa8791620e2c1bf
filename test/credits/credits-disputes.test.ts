import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../src/db/client";
import { creditPurchases } from "../../src/db/schema";
import { postWebhook, signedEvent } from "../support/commerce-helpers";
import { balanceOf, ledgerOf } from "../support/generation-helpers";
import { createTestUser, userApi } from "../support/user-helpers";

const T = Math.floor(Date.now() / 1000) - 3600;

async function post(type: string, object: Record<string, unknown>, created: number) {
	const res = await postWebhook(await signedEvent(type, object, { created }));
	expect(res.status).toBe(200);
	return (await res.json()) as { outcome: string };
}

/** A user with `start` credits who bought `credits` more, paid through a signed event. */
async function boughtCredits(credits: number, start: number) {
	const who = await createTestUser({ credits: start });
	const res = await userApi(who, "/api/credits/purchases", { method: "POST", json: { credits } });
	expect(res.status).toBe(201);
	const body = (await res.json()) as { purchase: { id: string }; checkout_url: string };
	const paymentIntent = `pi_${crypto.randomUUID().replaceAll("-", "")}`;
	const session = {
		id: body.checkout_url.split("/local-pay/")[1] ?? "",
		object: "checkout.session",
		client_reference_id: body.purchase.id,
		payment_status: "paid",
		status: "complete",
		payment_intent: paymentIntent,
	};
	expect(await post("checkout.session.completed", session, T - 60)).toMatchObject({ outcome: "credited" });
	return { userId: who.user.id, purchaseId: body.purchase.id, paymentIntent };
}

const purchaseStatus = async (id: string) => (await getDb(env.DB).query.creditPurchases.findFirst({ where: eq(creditPurchases.id, id) }))?.status;

function dispute(paymentIntent: string, status: string, id: string) {
	return { id, object: "dispute", payment_intent: paymentIntent, status };
}

describe("disputes of a credit purchase", () => {
	it("an inquiry that closes without a chargeback gives the credits back", async () => {
		const { userId, purchaseId, paymentIntent } = await boughtCredits(100, 10);
		expect(await post("charge.dispute.created", dispute(paymentIntent, "warning_needs_response", "du_cp_inquiry"), T)).toMatchObject({
			outcome: "credits_reversed",
		});
		expect(await balanceOf(userId)).toBe(10);
		expect(await purchaseStatus(purchaseId)).toBe("disputed");
		expect(await post("charge.dispute.closed", dispute(paymentIntent, "warning_closed", "du_cp_inquiry"), T + 600)).toMatchObject({
			outcome: "credits_reinstated",
		});
		expect(await balanceOf(userId)).toBe(110);
		expect(await purchaseStatus(purchaseId)).toBe("paid");
	});

	it("a lost dispute delivered before its creation takes the credits back once, and the late creation changes nothing", async () => {
		const { userId, purchaseId, paymentIntent } = await boughtCredits(100, 5);
		expect(await post("charge.dispute.closed", dispute(paymentIntent, "lost", "du_cp_lost"), T + 900)).toMatchObject({ outcome: "charged_back" });
		expect(await balanceOf(userId)).toBe(5);
		expect(await purchaseStatus(purchaseId)).toBe("charged_back");
		expect(await post("charge.dispute.created", dispute(paymentIntent, "needs_response", "du_cp_lost"), T)).toMatchObject({
			outcome: "stale_dispute_event",
		});
		expect(await balanceOf(userId)).toBe(5);
		expect((await ledgerOf(userId)).filter((m) => m.kind === "reversal").map((m) => [m.id, m.amount])).toEqual([[`reversal:${purchaseId}`, -100]]);
	});

	it("a won dispute delivered before its creation keeps the credits", async () => {
		const { userId, purchaseId, paymentIntent } = await boughtCredits(100, 0);
		await post("charge.dispute.closed", dispute(paymentIntent, "won", "du_cp_won"), T + 900);
		expect(await post("charge.dispute.created", dispute(paymentIntent, "needs_response", "du_cp_won"), T)).toMatchObject({
			outcome: "stale_dispute_event",
		});
		expect(await balanceOf(userId)).toBe(100);
		expect(await purchaseStatus(purchaseId)).toBe("paid");
	});
});
