import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createCheckout } from "../../src/commerce/checkout";
import { confirmCheckout } from "../../src/commerce/webhook";
import { orderState, publishedProduct, testCommerce } from "../support/commerce-helpers";
import { makeKrw, portoneApp, portoneCommerce, portoneControl, portoneRequests, portoneSettings } from "../support/portone-helpers";

describe("provider per currency", () => {
	it("pays KRW through PortOne when it is configured, everything else through the configured provider", async () => {
		const withPortone = await portoneCommerce();
		expect(withPortone.paymentsFor("krw").name).toBe("portone");
		expect(withPortone.paymentsFor("KRW").name).toBe("portone");
		expect(withPortone.paymentsFor("usd").name).toBe("local");
		expect(withPortone.paymentsNamed("portone").name).toBe("portone");
		expect(withPortone.paymentsNamed("local").name).toBe("local");
		expect(() => withPortone.paymentsNamed("stripe")).toThrow(expect.objectContaining({ status: 409, code: "CONFLICT" }));

		// vitest.config.ts sets no PORTONE_*: KRW stays on the offline default.
		const without = await testCommerce();
		expect(without.portone).toBeNull();
		expect(without.paymentsFor("krw").name).toBe("local");
		expect(() => without.paymentsNamed("portone")).toThrow(expect.objectContaining({ status: 409 }));
	});

	it("checks a USD product out with the configured provider even when PortOne is configured", async () => {
		const { product } = await publishedProduct("portone usd topic");
		const deps = await portoneCommerce();
		const created = await createCheckout(deps, { productId: product.id, email: "usd@example.com", consent: true });
		expect(created.checkoutSessionId).toMatch(/^cs_local_/);
		expect((await orderState(created.orderId)).order).toMatchObject({ provider: "local", currency: "usd", status: "PENDING" });
		expect(await portoneRequests(`pay_${created.orderId}`)).toEqual([]);
	});
});

describe("checkout with PortOne", () => {
	it("pre-registers the server's amount and currency with the API secret, and sends the buyer to our pay page", async () => {
		const { product } = await publishedProduct("portone krw topic");
		await makeKrw(product.id);
		const deps = await portoneCommerce();
		const created = await createCheckout(deps, { productId: product.id, email: "kr@example.com", consent: true });
		const paymentId = `pay_${created.orderId}`;
		expect(created.checkoutSessionId).toBe(paymentId);
		expect((await orderState(created.orderId)).order).toMatchObject({ provider: "portone", amountCents: 9900, currency: "krw", checkoutSessionId: paymentId });
		const requests = await portoneRequests(paymentId);
		expect(requests).toEqual([
			{
				method: "POST",
				path: `/payments/${paymentId}/pre-register`,
				authorized: true,
				body: { storeId: portoneSettings().storeId, totalAmount: 9900, currency: "KRW" },
				status: 200,
			},
		]);

		const url = new URL(created.checkoutUrl);
		expect(url.origin + url.pathname).toBe(`http://localhost:8787/pay/portone/${paymentId}`);
		const page = await portoneApp(url.pathname + url.search);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain(`data-payment-id="${paymentId}"`);
		expect(html).toContain('data-total-amount="9900"');
		expect(html).toContain('data-currency="KRW"');
		expect(html).toContain(`data-store-id="${portoneSettings().storeId}"`);
		expect(html).toContain('src="https://cdn.portone.io/v2/browser-sdk.js"');
		expect(html).not.toContain(portoneSettings().apiSecret);
		// The CDN exception is this page's alone.
		expect(page.headers.get("Content-Security-Policy")).toContain("script-src 'self' https://cdn.portone.io");
		expect(page.headers.get("Referrer-Policy")).toBe("no-referrer");
		expect((await portoneApp("/")).headers.get("Content-Security-Policy")).toContain("script-src 'self';");
	});

	it("refuses a pay page whose return link leaves the store, and one for an unknown payment", async () => {
		const { product } = await publishedProduct("portone redirect topic");
		await makeKrw(product.id);
		const created = await createCheckout(await portoneCommerce(), { productId: product.id, email: "kr2@example.com", consent: true });
		const url = new URL(created.checkoutUrl);
		url.searchParams.set("return", "https://evil.example/steal");
		expect((await portoneApp(url.pathname + url.search)).status).toBe(400);
		expect((await portoneApp(`/pay/portone/pay_ord_unknown?return=${encodeURIComponent("http://localhost:8787/")}&cancel=x`)).status).toBe(404);
		// Without PortOne configured the page does not exist.
		const { api } = await import("../support/helpers");
		expect((await api(url.pathname + url.search, { auth: null })).status).toBe(404);
	});

	it("answers 502 and cancels the order when PortOne refuses the API secret", async () => {
		const { product } = await publishedProduct("portone refused topic");
		await makeKrw(product.id);
		const deps = await portoneCommerce({}, portoneSettings({ apiSecret: "wrong-secret-0123456789" }));
		await expect(createCheckout(deps, { productId: product.id, email: "refused@example.com", consent: true })).rejects.toMatchObject({
			status: 502,
			code: "PAYMENT_PROVIDER_UNAVAILABLE",
		});
		const { results } = await env.DB.prepare("SELECT status, provider FROM orders WHERE email = 'refused@example.com'").all<{
			status: string;
			provider: string;
		}>();
		expect(results).toEqual([{ status: "CANCELED", provider: "portone" }]);
	});

	it("lets the return page fulfil from PortOne's own record when the webhook is late", async () => {
		const { product } = await publishedProduct("portone return topic");
		await makeKrw(product.id);
		const deps = await portoneCommerce();
		const created = await createCheckout(deps, { productId: product.id, email: "late@example.com", consent: true });
		const pending = (await orderState(created.orderId)).order;
		if (!pending) throw new Error("no order");
		expect(await confirmCheckout(deps, pending)).toBeNull();
		await portoneControl(created.checkoutSessionId, "pay");
		const later = { ...deps, now: () => new Date(Date.now() + 11_000) };
		expect(await confirmCheckout(later, pending)).toBe("fulfilled");
		const after = await orderState(created.orderId);
		expect(after.order).toMatchObject({ status: "FULFILLED", paymentIntentId: created.checkoutSessionId });
		expect(after.grants).toHaveLength(1);
	});
});
