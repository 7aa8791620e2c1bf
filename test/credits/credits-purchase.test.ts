import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { stripeProvider } from "../../src/commerce/payments/stripe";
import { applyMovement } from "../../src/credits/ledger";
import { confirmCreditPurchase, createCreditPurchase } from "../../src/credits/purchase";
import { getDb } from "../../src/db/client";
import { creditPurchases, localCheckoutSessions } from "../../src/db/schema";
import { postWebhook, recordingMailer, signedEvent, testCommerce } from "../support/commerce-helpers";
import { configWith, problemsWith } from "../support/config";
import { balanceOf, ledgerOf, notificationsOf } from "../support/generation-helpers";
import { api, type ErrorBody, testAppDeps } from "../support/helpers";
import { createTestUser, type TestUser, userApi } from "../support/user-helpers";

type Created = { purchase: { id: string; credits: number; price_cents: number; currency: string; status: string; provider: string }; checkout_url: string };

async function buy(who: TestUser, credits: number): Promise<Created & { sessionId: string }> {
	const res = await userApi(who, "/api/credits/purchases", { method: "POST", json: { credits } });
	expect(res.status).toBe(201);
	const body = (await res.json()) as Created;
	return { ...body, sessionId: body.checkout_url.split("/local-pay/")[1] ?? "" };
}

async function purchaseRow(id: string) {
	return getDb(env.DB).query.creditPurchases.findFirst({ where: eq(creditPurchases.id, id) });
}

/** The paid `checkout.session.completed` object Stripe (or the local provider) sends for a purchase's session. */
function paidSession(purchaseId: string, sessionId: string, email = "buyer@example.com") {
	return {
		id: sessionId,
		object: "checkout.session",
		client_reference_id: purchaseId,
		customer_email: email,
		payment_status: "paid",
		status: "complete",
		payment_intent: `pi_${crypto.randomUUID().replaceAll("-", "")}`,
	};
}

describe("credit packages", () => {
	it("are read from CREDIT_PACKAGES and CREDIT_CURRENCY, smallest first", () => {
		expect(configWith({ CREDIT_PACKAGES: "1000:3500, 100:500,500:2000", CREDIT_CURRENCY: "EUR" }).creditPackages).toEqual([
			{ credits: 100, priceCents: 500, currency: "eur" },
			{ credits: 500, priceCents: 2000, currency: "eur" },
			{ credits: 1000, priceCents: 3500, currency: "eur" },
		]);
	});

	it("refuse a broken setting with a configuration problem that names it", () => {
		for (const broken of [
			{ CREDIT_PACKAGES: "100:5.00", CREDIT_CURRENCY: "usd" },
			{ CREDIT_PACKAGES: "100:500,100:600", CREDIT_CURRENCY: "usd" },
			{ CREDIT_PACKAGES: "", CREDIT_CURRENCY: "usd" },
		]) {
			expect(problemsWith(broken), broken.CREDIT_PACKAGES).toEqual([expect.objectContaining({ variable: "CREDIT_PACKAGES" })]);
		}
		expect(problemsWith({ CREDIT_PACKAGES: "100:500", CREDIT_CURRENCY: "dollars" })).toEqual([expect.objectContaining({ variable: "CREDIT_CURRENCY" })]);
	});
});

describe("GET /api/credits", () => {
	it("shows the signed-in user's balance, the packages and every movement", async () => {
		const who = await createTestUser({ credits: 0 });
		const res = await userApi(who, "/api/credits");
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({
			balance: 0,
			packages: [
				{ credits: 100, price_cents: 500, currency: "usd" },
				{ credits: 500, price_cents: 2000, currency: "usd" },
				{ credits: 1000, price_cents: 3500, currency: "usd" },
			],
			history: [],
		});
		expect((await api("/api/credits", { auth: null })).status).toBe(401);
	});
});

describe("buying credits with the local payment provider", () => {
	it("end to end: purchase, the local pay page, the signed webhook, the balance; paying or confirming again credits nothing more", async () => {
		const who = await createTestUser({ credits: 0 });
		const created = await buy(who, 500);
		expect(created.purchase).toMatchObject({ credits: 500, price_cents: 2000, currency: "usd", status: "pending", provider: "local" });
		expect(created.purchase.id).toMatch(/^cp_/);
		expect(created.checkout_url).toBe(`http://localhost:8787/local-pay/${created.sessionId}`);
		expect(await balanceOf(who.user.id)).toBe(0);

		const payPage = await api(`/local-pay/${created.sessionId}`, { auth: null });
		expect(payPage.status).toBe(200);
		const html = await payPage.text();
		expect(html).toContain("500 credits");
		expect(html).toContain("$20.00");
		expect(html).toContain(who.user.email);

		const paid = await api(`/local-pay/${created.sessionId}`, { method: "POST", auth: null });
		expect(paid.status).toBe(303);
		expect(paid.headers.get("Location")).toBe(`http://localhost:8787/credits?purchase=${created.purchase.id}&session_id=${created.sessionId}`);
		expect(await balanceOf(who.user.id)).toBe(500);
		expect(await purchaseRow(created.purchase.id)).toMatchObject({ status: "paid", checkoutSessionId: created.sessionId });

		// The pay button clicked twice, the return page confirming: still one movement.
		expect((await api(`/local-pay/${created.sessionId}`, { method: "POST", auth: null })).status).toBe(303);
		const thanks = await userApi(who, `/credits?purchase=${created.purchase.id}&session_id=${created.sessionId}`);
		expect(thanks.status).toBe(200);
		expect(await thanks.text()).toContain("500 credits were added to your balance");
		expect(await balanceOf(who.user.id)).toBe(500);
		expect((await ledgerOf(who.user.id)).map((m) => [m.id, m.kind, m.amount, m.balanceAfter])).toEqual([
			[`purchase:${created.purchase.id}`, "purchase", 500, 500],
		]);
		const api2 = (await (await userApi(who, "/api/credits")).json()) as { balance: number; history: { id: string }[] };
		expect(api2.balance).toBe(500);
		expect(api2.history.map((m) => m.id)).toEqual([`purchase:${created.purchase.id}`]);
	});

	it("credits once for the same event delivered twice and for two distinct events of one session", async () => {
		const who = await createTestUser({ credits: 7 });
		const { purchase, sessionId } = await buy(who, 100);
		const session = paidSession(purchase.id, sessionId);
		const event = await signedEvent("checkout.session.completed", session);
		expect(await (await postWebhook(event)).json()).toMatchObject({ outcome: "credited" });
		expect(await (await postWebhook(event)).json()).toMatchObject({ duplicate: true });
		const another = await signedEvent("checkout.session.completed", session);
		expect(await (await postWebhook(another)).json()).toMatchObject({ duplicate: false, outcome: "already_credited" });
		const async = await signedEvent("checkout.session.async_payment_succeeded", session);
		expect(await (await postWebhook(async)).json()).toMatchObject({ outcome: "already_credited" });

		expect(await balanceOf(who.user.id)).toBe(107);
		expect((await ledgerOf(who.user.id)).map((m) => m.id)).toEqual([`purchase:${purchase.id}`]);
	});

	it("credits from the return page when it arrives before the webhook, and not again when the webhook comes", async () => {
		const who = await createTestUser({ credits: 0 });
		const { purchase, sessionId } = await buy(who, 100);
		// Paid at the provider, webhook not delivered yet.
		await getDb(env.DB).update(localCheckoutSessions).set({ status: "complete" }).where(eq(localCheckoutSessions.id, sessionId));
		const before = await userApi(who, "/api/credits");
		expect(((await before.json()) as { balance: number }).balance).toBe(0);

		const status = await userApi(who, `/api/credits/purchases/${purchase.id}`);
		expect(await status.json()).toMatchObject({ purchase: { status: "paid" }, balance: 100 });
		const late = await signedEvent("checkout.session.completed", paidSession(purchase.id, sessionId));
		expect(await (await postWebhook(late)).json()).toMatchObject({ outcome: "already_credited" });
		expect(await balanceOf(who.user.id)).toBe(100);
		expect(await ledgerOf(who.user.id)).toHaveLength(1);

		// Another user cannot read (or confirm) this purchase.
		const stranger = await createTestUser();
		expect((await userApi(stranger, `/api/credits/purchases/${purchase.id}`)).status).toBe(404);
	});

	it("credits nothing for an event naming another session, and honours a payment that lands after expiry", async () => {
		const who = await createTestUser({ credits: 0 });
		const { purchase, sessionId } = await buy(who, 100);
		const forged = await signedEvent("checkout.session.completed", paidSession(purchase.id, "cs_local_someone_else"));
		expect(await (await postWebhook(forged)).json()).toMatchObject({ outcome: "session_mismatch" });
		const unpaid = await signedEvent("checkout.session.completed", { ...paidSession(purchase.id, sessionId), payment_status: "unpaid" });
		expect(await (await postWebhook(unpaid)).json()).toMatchObject({ outcome: "awaiting_payment" });
		expect(await balanceOf(who.user.id)).toBe(0);

		const expired = await signedEvent("checkout.session.expired", { id: sessionId, object: "checkout.session", client_reference_id: purchase.id });
		expect(await (await postWebhook(expired)).json()).toMatchObject({ outcome: "canceled" });
		expect((await purchaseRow(purchase.id))?.status).toBe("canceled");
		expect(await balanceOf(who.user.id)).toBe(0);

		const paidLate = await signedEvent("checkout.session.async_payment_succeeded", paidSession(purchase.id, sessionId));
		expect(await (await postWebhook(paidLate)).json()).toMatchObject({ outcome: "credited" });
		expect((await purchaseRow(purchase.id))?.status).toBe("paid");
		expect(await balanceOf(who.user.id)).toBe(100);
	});

	it("refuses a package that is not on sale, a missing session and a missing CSRF token, storing nothing", async () => {
		const who = await createTestUser({ credits: 0 });
		const odd = await userApi(who, "/api/credits/purchases", { method: "POST", json: { credits: 250 } });
		expect(odd.status).toBe(400);
		expect(((await odd.json()) as ErrorBody).error.code).toBe("VALIDATION_FAILED");
		expect((await userApi({ ...who, csrf: "nope" }, "/api/credits/purchases", { method: "POST", json: { credits: 100 } })).status).toBe(403);
		expect((await api("/api/credits/purchases", { method: "POST", auth: null, json: { credits: 100 } })).status).toBe(401);
		expect(await getDb(env.DB).query.creditPurchases.findMany({ where: eq(creditPurchases.userId, who.user.id) })).toEqual([]);
	});

	it("buys from the credits page with a plain form: Buy redirects to the checkout", async () => {
		const who = await createTestUser({ credits: 0 });
		const page = await userApi(who, "/credits");
		expect(page.status).toBe(200);
		const html = await page.text();
		for (const credits of [100, 500, 1000]) expect(html).toContain(`Buy ${credits} credits`);
		expect(html).toContain(who.csrf);

		const res = await userApi(who, "/credits/buy", {
			method: "POST",
			body: new URLSearchParams({ _csrf: who.csrf, credits: "1000" }),
			headers: { "Content-Type": "application/x-www-form-urlencoded" },
		});
		expect(res.status).toBe(303);
		expect(res.headers.get("Location")).toMatch(/^http:\/\/localhost:8787\/local-pay\/cs_local_/);
		const rows = await getDb(env.DB).query.creditPurchases.findMany({ where: eq(creditPurchases.userId, who.user.id) });
		expect(rows).toEqual([expect.objectContaining({ credits: 1000, priceCents: 3500, status: "pending" })]);

		// Signed out, the page sends the browser to sign in and back.
		const anonymous = await api("/credits", { auth: null });
		expect(anonymous.status).toBe(302);
		expect(anonymous.headers.get("Location")).toBe(`/auth/login?return_to=${encodeURIComponent("/credits")}`);
	});
});

describe("buying credits with the stripe provider", () => {
	it("sends the purchase id as client_reference_id and credits on Stripe's signed event", async () => {
		const who = await createTestUser({ credits: 0 });
		const deps = await testCommerce({
			payments: stripeProvider({ secretKey: "sk_test_edge_factory", apiBase: inject("stripeApiBase") }),
			mailer: recordingMailer(),
		});
		const [pkg] = (await testAppDeps()).config.creditPackages;
		if (!pkg) throw new Error("no package");
		const { purchase, checkoutUrl } = await createCreditPurchase(deps, who.user, pkg);
		expect(purchase).toMatchObject({ provider: "stripe", status: "pending", credits: 100 });
		expect(purchase.checkoutSessionId).toMatch(/^cs_test_/);
		expect(checkoutUrl).toContain(purchase.checkoutSessionId ?? "?");

		const completed = await fetch(`${inject("stripeApiBase")}/__control/complete/${purchase.checkoutSessionId}`, { method: "POST" });
		const event = (await completed.json()) as { data: { object: Record<string, unknown> } };
		expect(event.data.object).toMatchObject({ client_reference_id: purchase.id, amount_total: 500 });
		// The return page first (confirming with Stripe), then the webhook: credited once.
		expect(await confirmCreditPurchase(deps, purchase)).toBe("credited");
		expect(await (await postWebhook(await signedEvent("checkout.session.completed", event.data.object))).json()).toMatchObject({ outcome: "already_credited" });
		expect(await balanceOf(who.user.id)).toBe(100);
		expect(await ledgerOf(who.user.id)).toHaveLength(1);
	});
});

describe("refunds and disputes of a credit purchase", () => {
	/** A user who bought `credits` (on top of `start`), paid through a signed event; the payment intent is returned. */
	async function boughtCredits(credits: number, start = 0) {
		const who = await createTestUser({ credits: start });
		const { purchase, sessionId } = await buy(who, credits);
		const session = paidSession(purchase.id, sessionId);
		expect(await (await postWebhook(await signedEvent("checkout.session.completed", session))).json()).toMatchObject({ outcome: "credited" });
		expect((await purchaseRow(purchase.id))?.paymentIntentId).toBe(session.payment_intent);
		return { who, purchaseId: purchase.id, paymentIntent: session.payment_intent };
	}

	function chargeEvent(type: string, paymentIntent: string, extra: Record<string, unknown>) {
		return signedEvent(type, {
			id: `ch_${crypto.randomUUID().slice(0, 8)}`,
			object: type.startsWith("charge.dispute") ? "dispute" : "charge",
			payment_intent: paymentIntent,
			...extra,
		});
	}

	async function post(event: { body: string; signature: string | null }) {
		const res = await postWebhook(event);
		expect(res.status).toBe(200);
		return (await res.json()) as { outcome: string; duplicate: boolean };
	}

	const ids = async (userId: string) => (await ledgerOf(userId)).map((m) => [m.id, m.kind, m.amount]).sort();

	it("a full refund takes the credits back once, however often it is delivered, and tells the user", async () => {
		const { who, purchaseId, paymentIntent } = await boughtCredits(100, 5);
		expect(await balanceOf(who.user.id)).toBe(105);
		const refund = await chargeEvent("charge.refunded", paymentIntent, { refunded: true, amount_refunded: 500 });
		expect(await post(refund)).toMatchObject({ outcome: "credits_reversed" });
		expect(await post(refund)).toMatchObject({ duplicate: true });
		expect(await post(await chargeEvent("charge.refunded", paymentIntent, { refunded: true, amount_refunded: 500 }))).toMatchObject({
			outcome: "already_reversed",
		});

		expect(await balanceOf(who.user.id)).toBe(5);
		expect(await purchaseRow(purchaseId)).toMatchObject({ status: "refunded" });
		expect(await ids(who.user.id)).toEqual([
			[`purchase:${purchaseId}`, "purchase", 100],
			[`reversal:${purchaseId}`, "reversal", -100],
		]);
		const notes = (await notificationsOf(who.user.id)).filter((n) => n.kind === "credits_reversed");
		expect(notes.map((n) => n.title)).toEqual(["100 credits taken back"]);
		const page = await (await userApi(who, "/credits")).text();
		expect(page).toContain("Payment refunded or disputed");
	});

	it("takes back only what is left when some credits were spent: the balance never goes negative", async () => {
		const { who, purchaseId, paymentIntent } = await boughtCredits(100);
		// 70 credits spent on generations (held through the real ledger).
		await applyMovement(getDb(env.DB), { id: "hold:gen_spent", userId: who.user.id, kind: "hold", amount: -70, now: new Date() });
		expect(await post(await chargeEvent("charge.refunded", paymentIntent, { refunded: true }))).toMatchObject({ outcome: "credits_reversed" });
		expect(await balanceOf(who.user.id)).toBe(0);
		expect(await ids(who.user.id)).toContainEqual([`reversal:${purchaseId}`, "reversal", -30]);
		const [note] = (await notificationsOf(who.user.id)).filter((n) => n.kind === "credits_reversed");
		expect(note?.body).toContain("70 of them had already been spent");
	});

	it("a partial refund keeps the credits", async () => {
		const { who, purchaseId, paymentIntent } = await boughtCredits(100);
		expect(await post(await chargeEvent("charge.refunded", paymentIntent, { refunded: false, amount_refunded: 100 }))).toMatchObject({
			outcome: "partial_refund_recorded",
		});
		expect(await balanceOf(who.user.id)).toBe(100);
		expect((await purchaseRow(purchaseId))?.status).toBe("paid");
	});

	it("a dispute takes the credits back while open; won gives them back once, lost keeps them taken", async () => {
		const won = await boughtCredits(100, 10);
		expect(await post(await chargeEvent("charge.dispute.created", won.paymentIntent, { status: "needs_response" }))).toMatchObject({
			outcome: "credits_reversed",
		});
		expect(await balanceOf(won.who.user.id)).toBe(10);
		expect((await purchaseRow(won.purchaseId))?.status).toBe("disputed");
		// A refund event while disputed takes nothing more.
		expect(await post(await chargeEvent("charge.refunded", won.paymentIntent, { refunded: true }))).toMatchObject({ outcome: "unchanged" });
		const closed = await chargeEvent("charge.dispute.closed", won.paymentIntent, { status: "won" });
		expect(await post(closed)).toMatchObject({ outcome: "credits_reinstated" });
		expect(await post(await chargeEvent("charge.dispute.closed", won.paymentIntent, { status: "won" }))).toMatchObject({ outcome: "already_reinstated" });
		expect(await balanceOf(won.who.user.id)).toBe(110);
		expect((await purchaseRow(won.purchaseId))?.status).toBe("paid");
		expect(await ids(won.who.user.id)).toEqual([
			[`purchase:${won.purchaseId}`, "purchase", 100],
			[`reinstate:${won.purchaseId}`, "reinstate", 100],
			[`reversal:${won.purchaseId}`, "reversal", -100],
		]);
		// A refund after the won dispute takes the credits back again, once.
		expect(await post(await chargeEvent("charge.refunded", won.paymentIntent, { refunded: true }))).toMatchObject({ outcome: "credits_reversed" });
		expect(await post(await chargeEvent("charge.refunded", won.paymentIntent, { refunded: true }))).toMatchObject({ outcome: "already_reversed" });
		expect(await balanceOf(won.who.user.id)).toBe(10);
		expect(await ids(won.who.user.id)).toContainEqual([`reversal:${won.purchaseId}:2`, "reversal", -100]);

		const lost = await boughtCredits(100);
		await post(await chargeEvent("charge.dispute.created", lost.paymentIntent, { status: "needs_response" }));
		expect(await post(await chargeEvent("charge.dispute.closed", lost.paymentIntent, { status: "lost" }))).toMatchObject({ outcome: "charged_back" });
		expect(await balanceOf(lost.who.user.id)).toBe(0);
		expect((await purchaseRow(lost.purchaseId))?.status).toBe("charged_back");
		expect(await ledgerOf(lost.who.user.id)).toHaveLength(2);
	});

	it("a refund and a dispute delivered at the same moment take the credits back once", async () => {
		const { who, purchaseId, paymentIntent } = await boughtCredits(100, 40);
		const results = await Promise.all([
			post(await chargeEvent("charge.refunded", paymentIntent, { refunded: true })),
			post(await chargeEvent("charge.dispute.created", paymentIntent, { status: "needs_response" })),
		]);
		expect(results.filter((r) => r.outcome === "credits_reversed")).toHaveLength(1);
		expect(await balanceOf(who.user.id)).toBe(40);
		expect((await ledgerOf(who.user.id)).filter((m) => m.kind === "reversal").map((m) => [m.id, m.amount])).toEqual([[`reversal:${purchaseId}`, -100]]);
	});

	it("a refund seen before its payment is applied once the payment credits", async () => {
		const who = await createTestUser({ credits: 0 });
		const { purchase, sessionId } = await buy(who, 100);
		const session = paidSession(purchase.id, sessionId);
		expect(await post(await chargeEvent("charge.refunded", session.payment_intent, { refunded: true }))).toMatchObject({ outcome: "order_not_found" });
		expect(await post(await signedEvent("checkout.session.completed", session))).toMatchObject({ outcome: "credited" });
		expect(await balanceOf(who.user.id)).toBe(0);
		expect((await purchaseRow(purchase.id))?.status).toBe("refunded");
		expect(await ids(who.user.id)).toEqual([
			[`purchase:${purchase.id}`, "purchase", 100],
			[`reversal:${purchase.id}`, "reversal", -100],
		]);
	});
});
