import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { stripeProvider } from "../../src/commerce/payments/stripe";
import { getDb } from "../../src/db/client";
import { planPurchases, userPlans } from "../../src/db/video-schema";
import { newId } from "../../src/lib/ids";
import { applyChargeChangeToPlan, createPlanPurchase } from "../../src/video/plans/purchase";
import { recordUsage } from "../../src/video/usage/meter";
import { payLocally, postWebhook, signedEvent, testCommerce } from "../support/commerce-helpers";
import { api, type ErrorBody } from "../support/helpers";
import { adminCookie } from "../support/portrait-result-helpers";
import { createTestUser, type TestUser, userApi } from "../support/user-helpers";

const db = () => getDb(env.DB);
const DAY_MS = 86_400_000;

type Checkout = { purchase: { id: string; plan: string; mode: string; status: string; price_cents: number; currency: string }; checkout_url: string };
type Usage = { plan: string; period_start: string; videos_limit: number | null; cost_limit_cents: number; storage_limit_bytes: number };

async function buy(who: TestUser, plan: string) {
	const res = await userApi(who, "/api/plans/checkout", { method: "POST", json: { plan } });
	expect(res.status).toBe(201);
	const body = (await res.json()) as Checkout;
	return { ...body, sessionId: body.checkout_url.split("/local-pay/")[1] ?? "" };
}

const purchaseRow = (id: string) => db().query.planPurchases.findFirst({ where: eq(planPurchases.id, id) });
const planRow = (userId: string) => db().query.userPlans.findFirst({ where: eq(userPlans.userId, userId) });

async function usage(who: TestUser): Promise<Usage> {
	const res = await userApi(who, "/api/usage");
	expect(res.status).toBe(200);
	return res.json<Usage>();
}

async function webhook(type: string, object: Record<string, unknown>) {
	const res = await postWebhook(await signedEvent(type, object));
	expect(res.status).toBe(200);
	return ((await res.json()) as { outcome: string }).outcome;
}

describe("GET /api/plans and /api/usage", () => {
	it("lists the plans with their limits and prices, and the usage of a new user on free", async () => {
		const res = await api("/api/plans", { auth: null });
		expect(res.status).toBe(200);
		const { plans } = (await res.json()) as { plans: Record<string, unknown>[] };
		expect(plans.map((p) => [p.plan, p.price_cents, p.videos_limit, p.cost_limit_cents])).toEqual([
			["free", 0, 5, 500],
			["basic", 900, 30, 2000],
			["standard", 2900, 100, 5000],
			["professional", 9900, null, 20000],
		]);
		expect(plans[3]).toMatchObject({ channels_limit: null, storage_limit_bytes: 200 * 1024 ** 3, currency: "usd" });

		expect((await api("/api/usage", { auth: null })).status).toBe(401);
		const who = await createTestUser();
		const body = await usage(who);
		expect(Object.keys(body).sort()).toEqual(
			[
				"plan",
				"period_start",
				"videos_used",
				"videos_limit",
				"cost_cents",
				"cost_limit_cents",
				"storage_bytes",
				"storage_limit_bytes",
				"saved_by_cache_cents",
			].sort(),
		);
		expect(body).toMatchObject({
			plan: "free",
			videos_used: 0,
			videos_limit: 5,
			cost_cents: 0,
			cost_limit_cents: 500,
			storage_bytes: 0,
			saved_by_cache_cents: 0,
		});

		const breakdown = await userApi(who, "/api/usage/breakdown");
		expect(breakdown.status).toBe(200);
		const detail = (await breakdown.json()) as {
			resources: { resource: string; calls: number }[];
			months: { month: string; cost_cents: number }[];
			currency: string;
		};
		expect(detail.resources.map((r) => r.resource)).toEqual(["llm.text", "image.generate", "tts.speak", "video.compose"]);
		expect(detail.months).toHaveLength(6);
		expect(detail.months[5]?.month).toBe(new Date().toISOString().slice(0, 7));
		expect(detail.currency).toBe("usd");
	});
});

describe("GET /api/usage counts the period's usage rows", () => {
	it("sums cost and cache savings, and breaks them down per resource and month", async () => {
		const who = await createTestUser();
		const now = new Date();
		const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15));
		const row = { userId: who.user.id, projectId: null, runId: null, resource: "image.generate" as const, quantity: 1, costCents: 4 };
		await recordUsage(db(), { ...row, dedupeKey: newId("gpu") }, now);
		await recordUsage(db(), { ...row, costCents: 0, savedCents: 4, cacheHit: true, dedupeKey: newId("cache") }, now);
		await recordUsage(db(), { ...row, resource: "llm.text", costCents: 2, dedupeKey: newId("gpu") }, now);
		await recordUsage(db(), { ...row, costCents: 50, dedupeKey: newId("gpu") }, lastMonth);
		expect(await usage(who)).toMatchObject({ cost_cents: 6, saved_by_cache_cents: 4, videos_used: 0 });
		const res = await userApi(who, "/api/usage/breakdown");
		const body = (await res.json()) as { resources: Record<string, unknown>[]; months: { month: string; cost_cents: number; saved_cents: number }[] };
		expect(body.resources.find((r) => r.resource === "image.generate")).toEqual({
			resource: "image.generate",
			calls: 1,
			cache_hits: 1,
			quantity: 2,
			cost_cents: 4,
			saved_cents: 4,
		});
		expect(body.resources.find((r) => r.resource === "llm.text")).toMatchObject({ calls: 1, cost_cents: 2 });
		expect(body.months.slice(-2)).toEqual([
			{ month: lastMonth.toISOString().slice(0, 7), cost_cents: 50, saved_cents: 0 },
			{ month: now.toISOString().slice(0, 7), cost_cents: 6, saved_cents: 4 },
		]);
	});
});

describe("buying a plan through the local provider", () => {
	it("grants a 30-day pass once, extends it when bought again, and a refund ends it", async () => {
		const who = await createTestUser();
		expect((await userApi(who, "/api/plans/checkout", { method: "POST", json: { plan: "free" } })).status).toBe(400);
		expect(await db().query.planPurchases.findMany({ where: eq(planPurchases.userId, who.user.id) })).toHaveLength(0);

		const first = await buy(who, "basic");
		expect(first.purchase).toMatchObject({ plan: "basic", mode: "pass", status: "pending", price_cents: 900, currency: "usd" });
		expect(first.purchase.id).toMatch(/^pp_/);
		// Nothing is granted before the payment.
		expect(await planRow(who.user.id)).toBeUndefined();
		const payPage = await api(`/local-pay/${first.sessionId}`, { auth: null });
		expect(await payPage.text()).toContain("basic plan");

		await payLocally(first.sessionId);
		const paid = await purchaseRow(first.purchase.id);
		expect(paid).toMatchObject({ status: "paid", mode: "pass" });
		const plan = await planRow(who.user.id);
		expect(plan).toMatchObject({ plan: "basic", source: "pass", periodStart: paid?.paidAt });
		expect(Date.parse(plan?.expiresAt ?? "") - Date.parse(paid?.paidAt ?? "")).toBe(30 * DAY_MS);
		expect(paid?.periodEnd).toBe(plan?.expiresAt);
		expect(await usage(who)).toMatchObject({ plan: "basic", videos_limit: 30, cost_limit_cents: 2000, period_start: paid?.paidAt });

		// The provider delivers the payment again (another event id): nothing moves.
		const session = { id: first.sessionId, client_reference_id: first.purchase.id, payment_status: "paid", payment_intent: paid?.paymentIntentId };
		expect(await webhook("checkout.session.completed", session)).toBe("already_granted");
		expect(await planRow(who.user.id)).toEqual(plan);

		// Bought again while on: 30 more days from the current end, the period unchanged.
		const second = await buy(who, "basic");
		await payLocally(second.sessionId);
		const extended = await planRow(who.user.id);
		expect(Date.parse(extended?.expiresAt ?? "") - Date.parse(plan?.expiresAt ?? "")).toBe(30 * DAY_MS);
		expect(extended?.periodStart).toBe(plan?.periodStart);

		// A refund of a payment ends the plan: back to free, the purchase refunded, once.
		const secondPaid = await purchaseRow(second.purchase.id);
		expect(await webhook("charge.refunded", { id: "ch_1", payment_intent: secondPaid?.paymentIntentId, refunded: true })).toBe("plan_ended");
		expect(await planRow(who.user.id)).toBeUndefined();
		expect((await purchaseRow(second.purchase.id))?.status).toBe("refunded");
		expect((await purchaseRow(first.purchase.id))?.status).toBe("paid");
		expect(await usage(who)).toMatchObject({ plan: "free", videos_limit: 5 });
		expect(await webhook("charge.refunded", { id: "ch_1", payment_intent: secondPaid?.paymentIntentId, refunded: true })).toBe("already_ended");
	});

	it("closes an unpaid checkout when it expires, and a lost dispute ends the plan", async () => {
		const who = await createTestUser();
		const bought = await buy(who, "standard");
		expect(await webhook("checkout.session.expired", { id: bought.sessionId, client_reference_id: bought.purchase.id })).toBe("expired");
		expect(await purchaseRow(bought.purchase.id)).toMatchObject({ status: "expired", paidAt: null });
		expect(await planRow(who.user.id)).toBeUndefined();

		const other = await buy(who, "standard");
		await payLocally(other.sessionId);
		const intent = (await purchaseRow(other.purchase.id))?.paymentIntentId;
		expect(await webhook("charge.dispute.created", { id: "du_pp", payment_intent: intent, status: "needs_response" })).toBe("plan_kept");
		expect((await planRow(who.user.id))?.plan).toBe("standard");
		expect(await webhook("charge.dispute.closed", { id: "du_pp", payment_intent: intent, status: "lost" })).toBe("plan_ended");
		expect(await planRow(who.user.id)).toBeUndefined();
	});
});

describe("a Stripe subscription", () => {
	it("is a subscription checkout; renewals extend the plan once per invoice; deletion ends it at the period's end", async () => {
		const who = await createTestUser();
		const deps = await testCommerce({ payments: stripeProvider({ secretKey: "sk_test_plans", apiBase: inject("stripeApiBase") }) });
		const { purchase, checkoutUrl } = await createPlanPurchase(deps, who.user, "professional", { cents: 9900, currency: "usd" });
		expect(purchase).toMatchObject({ mode: "subscription", status: "pending" });
		expect(checkoutUrl).toContain("/pay/cs_test_");

		const requests = (await (await fetch(`${inject("stripeApiBase")}/__control/requests`)).json()) as { path: string; params: Record<string, unknown> }[];
		const sent = requests.find((r) => r.path === "/v1/checkout/sessions" && r.params.client_reference_id === purchase.id);
		expect(sent?.params).toMatchObject({
			mode: "subscription",
			line_items: [{ price_data: { unit_amount: "9900", currency: "usd", recurring: { interval: "month" } } }],
			subscription_data: { metadata: { order_id: purchase.id } },
		});

		const completed = (await (await fetch(`${inject("stripeApiBase")}/__control/complete/${purchase.checkoutSessionId}`, { method: "POST" })).json()) as {
			data: { object: Record<string, unknown> };
		};
		const subscription = completed.data.object.subscription as string;
		expect(subscription).toMatch(/^sub_test_/);
		expect(await webhook("checkout.session.completed", completed.data.object)).toBe("plan_granted");
		expect(await planRow(who.user.id)).toMatchObject({ plan: "professional", source: "subscription", subscriptionId: subscription });
		expect(await usage(who)).toMatchObject({ plan: "professional", videos_limit: null });

		// The first invoice tells the first payment's intent (a refund of it must find the purchase).
		expect(await webhook("invoice.paid", { id: "in_first", subscription, billing_reason: "subscription_create", payment_intent: "pi_sub_first" })).toBe(
			"first_invoice_recorded",
		);
		expect((await purchaseRow(purchase.id))?.paymentIntentId).toBe("pi_sub_first");

		// A renewal: the plan runs to the invoice period's end (+2 days' grace), once however often it comes.
		const start = Math.floor(Date.now() / 1000) + 30 * 86_400;
		const end = start + 31 * 86_400;
		const invoiceId = `in_${crypto.randomUUID().replaceAll("-", "")}`;
		const renewal = {
			id: invoiceId,
			subscription,
			billing_reason: "subscription_cycle",
			payment_intent: "pi_sub_renewal",
			amount_paid: 9900,
			currency: "usd",
			lines: { data: [{ period: { start, end } }] },
		};
		expect(await webhook("invoice.paid", renewal)).toBe("plan_renewed");
		expect(await webhook("invoice.paid", renewal)).toBe("already_renewed");
		const renewed = await planRow(who.user.id);
		expect(renewed?.periodStart).toBe(new Date(start * 1000).toISOString());
		expect(renewed?.expiresAt).toBe(new Date((end + 2 * 86_400) * 1000).toISOString());
		expect(await db().query.planPurchases.findMany({ where: eq(planPurchases.subscriptionId, subscription) })).toHaveLength(2);

		// A refund of the renewal cancels the subscription at Stripe (so it is not billed again) and ends the plan, once.
		expect(await applyChargeChangeToPlan(deps, "pi_sub_renewal", "refunded")).toBe("plan_ended");
		expect(await planRow(who.user.id)).toBeUndefined();
		const cancels = async () =>
			((await (await fetch(`${inject("stripeApiBase")}/__control/requests`)).json()) as { method: string; path: string }[]).filter(
				(r) => r.method === "DELETE" && r.path === `/v1/subscriptions/${subscription}`,
			).length;
		expect(await cancels()).toBe(1);
		// Delivered again: Stripe answers that it is canceled already, which is fine.
		expect(await applyChargeChangeToPlan(deps, "pi_sub_renewal", "refunded")).toBe("already_ended");
		expect(await cancels()).toBe(2);
		// An invoice Stripe had already paid before the cancel still counts.
		const next = { ...renewal, id: `${invoiceId}_next`, payment_intent: "pi_sub_next" };
		expect(await webhook("invoice.paid", next)).toBe("plan_renewed");
		expect(await planRow(who.user.id)).toMatchObject({ plan: "professional", source: "subscription", subscriptionId: subscription });

		// Canceled: the plan stays until the paid period ends, then lapses to free.
		expect(await webhook("customer.subscription.deleted", { id: subscription, object: "subscription", current_period_end: end })).toBe("subscription_ends");
		expect(await planRow(who.user.id)).toMatchObject({ plan: "professional", expiresAt: new Date(end * 1000).toISOString(), subscriptionId: null });
		// An invoice of another subscription is not a plan's.
		expect(await webhook("invoice.paid", { id: "in_other", subscription: "sub_unknown", billing_reason: "subscription_cycle" })).toBe("ignored");
	});
});

describe("the admin sets a user's plan", () => {
	it("sets, replaces and removes a plan with the admin key; users cannot", async () => {
		const who = await createTestUser();
		const path = `/api/admin/users/${who.user.id}/plan`;
		const refused = await userApi(who, path, { method: "PUT", json: { plan: "professional" } });
		expect(refused.status).toBe(401);
		expect(await planRow(who.user.id)).toBeUndefined();

		const missing = await api("/api/admin/users/usr_nobody/plan", { method: "PUT", json: { plan: "basic" } });
		expect(missing.status).toBe(404);
		expect(((await missing.json()) as ErrorBody).error.code).toBe("NOT_FOUND");
		const bad = await api(path, { method: "PUT", json: { plan: "gold" } });
		expect(bad.status).toBe(400);

		const open = await api(path, { method: "PUT", json: { plan: "professional" } });
		expect(open.status).toBe(200);
		expect(await open.json()).toMatchObject({ source: "admin", expires_at: null, usage: { plan: "professional", videos_limit: null } });
		expect((await usage(who)).period_start).toBe(new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1)).toISOString());

		const until = new Date(Date.now() + 10 * DAY_MS).toISOString();
		const limited = await api(path, { method: "PUT", json: { plan: "standard", expires_at: until } });
		expect(await limited.json()).toMatchObject({ source: "admin", expires_at: until, usage: { plan: "standard" } });
		const past = await api(path, { method: "PUT", json: { plan: "standard", expires_at: new Date(Date.now() - DAY_MS).toISOString() } });
		expect(past.status).toBe(400);

		const free = await api(path, { method: "PUT", json: { plan: "free" } });
		expect(await free.json()).toMatchObject({ source: "free", usage: { plan: "free" } });
		expect(await planRow(who.user.id)).toBeUndefined();
		expect((await api(path)).status).toBe(200);
	});
});

describe("the usage and plan pages", () => {
	it("/video/usage shows the plan, its bars and the plans to buy in Korean and English; buying goes to the checkout", async () => {
		const who = await createTestUser();
		expect((await api("/video/usage", { auth: null, headers: { Accept: "text/html" } })).status).toBe(302);
		const page = async (lang: string) => {
			const res = await userApi(who, `/video/usage?lang=${lang}`, { headers: { Accept: "text/html" } });
			expect(res.status).toBe(200);
			return res.text();
		};
		const ko = await page("ko");
		expect(ko).toContain('<html lang="ko"');
		expect(ko).toContain("사용량 및 요금제");
		expect(ko).toContain("현재 요금제: 무료");
		expect(ko).toContain('<meter aria-labelledby="usage-videos"');
		expect(ko).toContain("월 US$9.00");
		const en = await page("en");
		expect(en).toContain("Your plan: Free");
		expect(en).toContain("$29.00 a month");
		expect(en).toContain("Unlimited videos");
		expect(en).toContain('action="/video/usage/buy"');

		const csrf = /name="_csrf" value="([^"]+)"/.exec(en)?.[1] ?? "";
		const form = (fields: Record<string, string>) =>
			userApi(who, "/video/usage/buy", {
				method: "POST",
				headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost:8787" },
				body: new URLSearchParams(fields).toString(),
			});
		expect((await form({ _csrf: csrf, plan: "gold" })).status).toBe(400);
		const bought = await form({ _csrf: csrf, plan: "standard" });
		expect(bought.status).toBe(303);
		const location = bought.headers.get("Location") ?? "";
		expect(location).toMatch(/\/local-pay\/cs_local_/);
		const purchase = await db().query.planPurchases.findFirst({ where: eq(planPurchases.userId, who.user.id) });
		expect(purchase).toMatchObject({ plan: "standard", status: "pending", priceCents: 2900 });
		await payLocally(location.split("/local-pay/")[1] ?? "");
		const back = await userApi(who, `/video/usage?purchase=${purchase?.id}&lang=en`, { headers: { Accept: "text/html" } });
		const html = await back.text();
		expect(html).toContain("your Standard plan is on");
		expect(html).toContain("Your plan: Standard");
	});

	it("/admin/plans lists users with their plan and sets one", async () => {
		const who = await createTestUser({ name: "Plan Person" });
		await api(`/api/admin/users/${who.user.id}/plan`, { method: "PUT", json: { plan: "basic" } });
		const cookie = await adminCookie();
		const res = await api("/admin/plans?lang=ko", { auth: null, headers: { Accept: "text/html", Cookie: cookie } });
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain("요금제");
		expect(html).toContain(`action="/admin/plans/${who.user.id}"`);
		expect(html).toContain('href="/admin/plans"');
		const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
		const form = (fields: Record<string, string>) =>
			api(`/admin/plans/${who.user.id}`, {
				method: "POST",
				auth: null,
				headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost:8787" },
				body: new URLSearchParams(fields).toString(),
			});
		expect((await form({ _csrf: "wrong", plan: "professional" })).status).toBe(403);
		expect((await planRow(who.user.id))?.plan).toBe("basic");
		const until = new Date(Date.now() + 5 * DAY_MS).toISOString().slice(0, 10);
		const set = await form({ _csrf: csrf, plan: "professional", expires_at: until });
		expect(set.status).toBe(303);
		expect(set.headers.get("Location")).toBe(`/admin/plans?saved=${who.user.id}&plan=professional`);
		expect(await planRow(who.user.id)).toMatchObject({ plan: "professional", source: "admin", expiresAt: `${until}T23:59:59.999Z` });
	});
});
