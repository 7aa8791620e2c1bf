import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { createCheckout } from "../../src/commerce/checkout";
import { stripeProvider } from "../../src/commerce/payments/stripe";
import { confirmCheckout } from "../../src/commerce/webhook";
import { confirmCreditPurchase, createCreditPurchase } from "../../src/credits/purchase";
import { getDb } from "../../src/db/client";
import { creditPurchases, orders } from "../../src/db/schema";
import { checkout, publishedProduct, recordingMailer, testCommerce } from "../support/commerce-helpers";
import { api } from "../support/helpers";
import { createTestUser, userApi } from "../support/user-helpers";

/** One API request as the fake Stripe recorded it. */
type RecordedRequest = { method: string; path: string };

/** Commerce on the fake Stripe, with a clock the test moves. */
async function stripeCommerce(clock: { now: number }) {
	return testCommerce({
		payments: stripeProvider({ secretKey: "sk_test_edge_factory", apiBase: inject("stripeApiBase") }),
		mailer: recordingMailer(),
		now: () => new Date(clock.now),
	});
}

/** How often the fake Stripe was asked for one checkout session. */
async function sessionLookups(sessionId: string): Promise<number> {
	const requests = (await (await fetch(`${inject("stripeApiBase")}/__control/requests`)).json()) as RecordedRequest[];
	return requests.filter((request) => request.method === "GET" && request.path === `/v1/checkout/sessions/${sessionId}`).length;
}

describe("asking the payment provider about a pending checkout", () => {
	it("happens at most once per 10 s per order, however often the order page is viewed", async () => {
		const { product } = await publishedProduct("provider lookup throttle topic");
		const clock = { now: Date.now() };
		const deps = await stripeCommerce(clock);
		const created = await createCheckout(deps, { productId: product.id, email: "poll@example.com", consent: true });
		const order = await getDb(env.DB).query.orders.findFirst({ where: eq(orders.id, created.orderId) });
		if (!order) throw new Error("setup");

		const answers = await Promise.all(Array.from({ length: 5 }, () => confirmCheckout(deps, order)));
		expect(answers).toEqual([null, null, null, null, null]);
		for (let view = 0; view < 5; view++) await confirmCheckout(deps, order);
		expect(await sessionLookups(created.checkoutSessionId)).toBe(1);
		const stored = await env.DB.prepare("SELECT payment_status FROM provider_lookups WHERE checkout_session_id = ?").bind(created.checkoutSessionId).first();
		expect(stored).toEqual({ payment_status: "unpaid" });

		clock.now += 10_500;
		await confirmCheckout(deps, order);
		await confirmCheckout(deps, order);
		expect(await sessionLookups(created.checkoutSessionId)).toBe(2);
		// Once paid (here: the buyer finished checkout), the next allowed lookup fulfils.
		await fetch(`${inject("stripeApiBase")}/__control/complete/${created.checkoutSessionId}`, { method: "POST" });
		clock.now += 10_500;
		expect(await confirmCheckout(deps, order)).toBe("fulfilled");
		expect(await sessionLookups(created.checkoutSessionId)).toBe(3);
	});

	it("for a credit purchase, from the return page and the API alike, is throttled the same way; a purchase no longer pending asks nothing", async () => {
		const clock = { now: Date.now() };
		const deps = await stripeCommerce(clock);
		const who = await createTestUser();
		const { purchase } = await createCreditPurchase(deps, { id: who.user.id, email: who.user.email }, { credits: 100, priceCents: 500, currency: "usd" });
		const sessionId = purchase.checkoutSessionId ?? "";
		for (let view = 0; view < 4; view++) expect(await confirmCreditPurchase(deps, purchase)).toBeNull();
		expect(await sessionLookups(sessionId)).toBe(1);

		await getDb(env.DB).update(creditPurchases).set({ status: "canceled" }).where(eq(creditPurchases.id, purchase.id));
		clock.now += 60_000;
		const canceled = await getDb(env.DB).query.creditPurchases.findFirst({ where: eq(creditPurchases.id, purchase.id) });
		if (!canceled) throw new Error("setup");
		expect(await confirmCreditPurchase(deps, canceled)).toBeNull();
		expect(await sessionLookups(sessionId)).toBe(1);
	});
});

/** The delay and target of a page's `<meta http-equiv="refresh">`, or null. */
function refreshOf(html: string): { seconds: number; url: string | null } | null {
	const content = /<meta http-equiv="refresh" content="([^"]+)"/.exec(html)?.[1];
	if (!content) return null;
	const [seconds, url] = content.replaceAll("&amp;", "&").split(/;\s*url=/);
	return { seconds: Number(seconds), url: url ?? null };
}

describe("pages waiting for a payment refresh less and less often", () => {
	it("the thank-you page backs off from 5 s to at most a minute", async () => {
		const { product } = await publishedProduct("thank you backoff topic");
		const bought = await checkout(product.id);
		const base = `/orders/${bought.orderId}?key=${bought.key}&thanks=1`;
		const first = refreshOf(await (await api(base, { auth: null, headers: { Accept: "text/html" } })).text());
		expect(first?.seconds).toBe(5);
		expect(first?.url).toContain("poll=1");
		expect(first?.url).toContain(`key=${bought.key}`);
		const delays: number[] = [];
		for (const poll of [1, 2, 3, 4, 8, 50]) {
			const html = await (await api(`${base}&poll=${poll}`, { auth: null, headers: { Accept: "text/html" } })).text();
			const refresh = refreshOf(html);
			delays.push(refresh?.seconds ?? 0);
			expect(refresh?.url).toContain(`poll=${poll + 1}`);
		}
		expect(delays).toEqual([10, 20, 40, 60, 60, 60]);
		const bad = await api(`${base}&poll=-1`, { auth: null });
		expect(bad.status).toBe(400);
	});

	it("the credits return page backs off the same way", async () => {
		const who = await createTestUser();
		const res = await userApi(who, "/api/credits/purchases", { method: "POST", json: { credits: 100 } });
		const { purchase } = (await res.json()) as { purchase: { id: string } };
		const page = async (poll?: number) =>
			refreshOf(
				await (await userApi(who, `/credits?purchase=${purchase.id}${poll === undefined ? "" : `&poll=${poll}`}`, { headers: { Accept: "text/html" } })).text(),
			);
		expect(await page()).toMatchObject({ seconds: 5, url: expect.stringContaining("poll=1") });
		expect(await page(3)).toMatchObject({ seconds: 40, url: expect.stringContaining("poll=4") });
	});
});
