import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createCreditPurchase } from "../../src/credits/purchase";
import { getDb } from "../../src/db/client";
import { creditPurchases } from "../../src/db/schema";
import { postWebhook, signedEvent } from "../support/commerce-helpers";
import { balanceOf, ledgerOf } from "../support/generation-helpers";
import type { ErrorBody } from "../support/helpers";
import { portoneApp, portoneCommerce, portoneControl, postPortoneWebhook } from "../support/portone-helpers";
import { createTestUser, type TestUser, userApi } from "../support/user-helpers";

/** A pending purchase of 100 credits through the test's default (local) provider. */
async function buy(who: TestUser) {
	const res = await userApi(who, "/api/credits/purchases", { method: "POST", json: { credits: 100 } });
	expect(res.status).toBe(201);
	const body = (await res.json()) as { purchase: { id: string }; checkout_url: string };
	return { purchaseId: body.purchase.id, sessionId: body.checkout_url.split("/local-pay/")[1] ?? "" };
}

/** A pending KRW purchase (₩5,000 for 100 credits), which goes through PortOne. */
async function buyKrw(who: TestUser) {
	const { purchase } = await createCreditPurchase(await portoneCommerce(), who.user, { credits: 100, priceCents: 5000, currency: "krw" });
	if (!purchase.checkoutSessionId) throw new Error("no PortOne payment");
	expect(purchase.provider).toBe("portone");
	return { purchaseId: purchase.id, paymentId: purchase.checkoutSessionId };
}

async function purchaseStatus(id: string) {
	return (await getDb(env.DB).query.creditPurchases.findFirst({ where: eq(creditPurchases.id, id) }))?.status;
}

async function failureRows(reference: string) {
	const { results } = await env.DB.prepare("SELECT provider FROM payment_failures WHERE reference = ?").bind(reference).all<{ provider: string }>();
	return results.map((row) => row.provider);
}

/** What the buyer hears about the purchase: `402 PAYMENT_FAILED`, and nothing credited. */
async function expectPaymentFailed(res: Response, who: TestUser, credits: number) {
	expect(res.status).toBe(402);
	expect(((await res.json()) as ErrorBody).error.code).toBe("PAYMENT_FAILED");
	expect(await balanceOf(who.user.id)).toBe(credits);
	expect(await ledgerOf(who.user.id)).toEqual([]);
}

function outcomeOf(res: Response) {
	return res.json() as Promise<{ outcome: string }>;
}

describe("a credit payment that fails answers PAYMENT_FAILED", () => {
	it("Stripe's payment_intent.payment_failed: the purchase is failed (402 on the API, the code on the credits page); a later successful try still credits once", async () => {
		const who = await createTestUser({ credits: 3 });
		const { purchaseId, sessionId } = await buy(who);
		expect((await userApi(who, `/api/credits/purchases/${purchaseId}`)).status).toBe(200);

		const intent = {
			id: `pi_${crypto.randomUUID().replaceAll("-", "")}`,
			object: "payment_intent",
			metadata: { order_id: purchaseId },
			last_payment_error: { message: "Your card was declined." },
		};
		expect(await outcomeOf(await postWebhook(await signedEvent("payment_intent.payment_failed", intent)))).toMatchObject({ outcome: "failure_recorded" });
		expect(await purchaseStatus(purchaseId)).toBe("failed");
		expect(await failureRows(purchaseId)).toEqual(["stripe"]);
		await expectPaymentFailed(await userApi(who, `/api/credits/purchases/${purchaseId}`), who, 3);

		const page = await userApi(who, `/credits?purchase=${purchaseId}&session_id=${sessionId}`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('data-error-code="PAYMENT_FAILED"');
		expect(html).toContain("The payment did not go through");
		// The page stops reloading itself: the purchase is over.
		expect(html).not.toContain('http-equiv="refresh"');

		// The buyer tries again in the same checkout and pays: the money is theirs, credited once.
		const paid = {
			id: sessionId,
			object: "checkout.session",
			client_reference_id: purchaseId,
			payment_status: "paid",
			status: "complete",
			payment_intent: intent.id,
		};
		expect(await outcomeOf(await postWebhook(await signedEvent("checkout.session.completed", paid)))).toMatchObject({ outcome: "credited" });
		expect(await purchaseStatus(purchaseId)).toBe("paid");
		expect(await balanceOf(who.user.id)).toBe(103);
		const after = await userApi(who, `/api/credits/purchases/${purchaseId}`);
		expect(after.status).toBe(200);
		expect(await after.json()).toMatchObject({ purchase: { status: "paid" }, balance: 103 });
	});

	it("Stripe's checkout.session.async_payment_failed fails the purchase; its later expiry leaves it failed; an expiry alone is not a failure", async () => {
		const who = await createTestUser();
		const { purchaseId, sessionId } = await buy(who);
		const session = { id: sessionId, object: "checkout.session", client_reference_id: purchaseId, payment_status: "unpaid" };
		expect(await outcomeOf(await postWebhook(await signedEvent("checkout.session.async_payment_failed", session)))).toMatchObject({ outcome: "unchanged" });
		expect(await purchaseStatus(purchaseId)).toBe("failed");
		expect(await outcomeOf(await postWebhook(await signedEvent("checkout.session.expired", session)))).toMatchObject({ outcome: "unchanged" });
		expect(await purchaseStatus(purchaseId)).toBe("failed");
		await expectPaymentFailed(await userApi(who, `/api/credits/purchases/${purchaseId}`), who, 0);

		const other = await buy(who);
		const expired = { id: other.sessionId, object: "checkout.session", client_reference_id: other.purchaseId };
		expect(await outcomeOf(await postWebhook(await signedEvent("checkout.session.expired", expired)))).toMatchObject({ outcome: "canceled" });
		const res = await userApi(who, `/api/credits/purchases/${other.purchaseId}`);
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ purchase: { status: "canceled" } });
	});

	it("PortOne's Transaction.Failed for a KRW purchase fails it once, however often delivered; nothing credited", async () => {
		const who = await createTestUser({ credits: 1 });
		const { purchaseId, paymentId } = await buyKrw(who);
		const failed = await portoneControl(paymentId, "fail", { reason: "카드 한도 초과" });
		expect(await outcomeOf(await postPortoneWebhook(failed.webhook))).toMatchObject({ outcome: "failure_recorded" });
		expect(await outcomeOf(await postPortoneWebhook(failed.webhook))).toMatchObject({ outcome: "failure_recorded" });
		expect(await purchaseStatus(purchaseId)).toBe("failed");
		expect(await failureRows(purchaseId)).toEqual(["portone"]);
		await expectPaymentFailed(await userApi(who, `/api/credits/purchases/${purchaseId}`), who, 1);
	});

	it("PortOne says failed when the buyer comes back before the webhook: the return answers PAYMENT_FAILED", async () => {
		const who = await createTestUser();
		const { purchaseId, paymentId } = await buyKrw(who);
		await portoneControl(paymentId, "fail");
		expect(await purchaseStatus(purchaseId)).toBe("pending");
		const res = await portoneApp(`/api/credits/purchases/${purchaseId}`, { headers: { Cookie: who.cookie } });
		expect(await purchaseStatus(purchaseId)).toBe("failed");
		await expectPaymentFailed(res, who, 0);
	});
});
