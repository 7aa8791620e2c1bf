import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/lib/hash";
import { buyerOrder, checkout, orderState, paidOrder, pathOf, payLocally, publishedProduct, redeem } from "../support/commerce-helpers";
import { api, countRows, type ErrorBody } from "../support/helpers";

describe("the whole purchase", () => {
	it("checkout → signed event → PAID → link → bytes equal to the package", async () => {
		const { product, pkg } = await publishedProduct("purchase flow sourdough", { priceCents: 2900 });
		const bought = await checkout(product.id, "Buyer@Example.com");
		expect(bought.checkoutUrl).toMatch(/\/local-pay\/cs_local_/);

		const pending = await buyerOrder(bought.orderId, bought.key);
		expect(pending.status).toBe("PENDING");
		expect(pending.items[0]?.download_url).toBeNull();
		expect(pending.items[0]?.grant).toBeNull();

		const thankYou = await payLocally(bought.sessionId);
		expect(thankYou).toContain(`/orders/${bought.orderId}?key=`);
		expect(thankYou).toContain("thanks=1");

		const paid = await buyerOrder(bought.orderId, bought.key);
		expect(paid.status).toBe("FULFILLED");
		expect(paid.checkout_session_id).toBe(bought.sessionId);
		const item = paid.items[0];
		expect(item?.grant).toMatchObject({ max_downloads: 5, downloads_used: 0, status: "ACTIVE" });
		expect(item?.download_url).toMatch(/\/download\//);

		const page = await api(pathOf(thankYou) + new URL(thankYou).search, { auth: null, headers: { Accept: "text/html" } });
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('method="post"');
		expect(html).toContain("/download/");

		const landing = await api(pathOf(item?.download_url ?? ""), { auth: null, headers: { Accept: "text/html" } });
		expect(landing.status).toBe(200);
		expect((await buyerOrder(bought.orderId, bought.key)).items[0]?.grant?.downloads_used).toBe(0);

		const redirect = await redeem(pathOf(item?.download_url ?? ""));
		expect(redirect.status).toBe(303);
		const file = await api(redirect.headers.get("Location") ?? "", { auth: null });
		expect(file.status).toBe(200);
		const bytes = new Uint8Array(await file.arrayBuffer());
		expect(bytes.byteLength).toBe(pkg.size);
		expect(await sha256Hex(bytes)).toBe(pkg.sha256);
		expect(file.headers.get("X-Content-SHA256")).toBe(pkg.sha256);
		expect(file.headers.get("ETag")).toBe(`"${pkg.sha256}"`);
		expect(file.headers.get("Accept-Ranges")).toBe("bytes");
		expect(file.headers.get("Content-Disposition")).toMatch(/^attachment; filename=".*"; filename\*=UTF-8''/);

		const after = await buyerOrder(bought.orderId, bought.key);
		expect(after.items[0]?.grant?.downloads_used).toBe(1);
		const state = await orderState(bought.orderId);
		expect(state.order?.email).toBe("buyer@example.com");
		expect(state.order?.consentText).toContain("immediate access");
		expect(state.usage[0]).toEqual({ used: 1, max: 5 });
	});

	it("gives an unpaid order no link and ORDER_NOT_PAID", async () => {
		const { product } = await publishedProduct("unpaid order topic");
		const bought = await checkout(product.id);
		const res = await api(`/api/orders/${bought.orderId}/links?key=${bought.key}`, { method: "POST", auth: null });
		expect(res.status).toBe(402);
		expect(((await res.json()) as ErrorBody).error.code).toBe("ORDER_NOT_PAID");
		const view = await buyerOrder(bought.orderId, bought.key);
		expect(view.items.every((i) => i.download_url === null && i.grant === null)).toBe(true);
		expect((await orderState(bought.orderId)).grants).toHaveLength(0);
	});

	it("hides an order behind its key", async () => {
		const { product } = await publishedProduct("order key topic");
		const bought = await checkout(product.id);
		for (const path of [
			`/api/orders/${bought.orderId}?key=wrong`,
			`/api/orders/${bought.orderId}?key=${bought.key}x`,
			`/api/orders/ord_nope?key=${bought.key}`,
		]) {
			const res = await api(path, { auth: null });
			expect(res.status).toBe(404);
			expect(((await res.json()) as ErrorBody).error.code).toBe("NOT_FOUND");
		}
		// Without a key the route is the admin's.
		expect((await api(`/api/orders/${bought.orderId}`, { auth: null })).status).toBe(401);
		expect((await api(`/api/orders/${bought.orderId}`)).status).toBe(200);
	});

	it("refuses checkout of an unpublished or unknown product and bad input, creating no order", async () => {
		const { product } = await publishedProduct("unpublish before checkout");
		await api(`/api/products/${product.id}/unpublish`, { method: "POST" });
		const before = await countRows("orders");
		const cases: [unknown, number, string][] = [
			[{ product_id: product.id, email: "a@example.com" }, 409, "NOT_PUBLISHED"],
			[{ product_id: "prd_unknown", email: "a@example.com" }, 404, "NOT_FOUND"],
			[{ product_id: product.id, email: "not-an-email" }, 400, "VALIDATION_FAILED"],
			[{ product_id: product.id }, 400, "VALIDATION_FAILED"],
		];
		for (const [json, status, code] of cases) {
			const res = await api("/api/checkout", { method: "POST", auth: null, json });
			expect(res.status).toBe(status);
			expect(((await res.json()) as ErrorBody).error.code).toBe(code);
		}
		expect(await countRows("orders")).toBe(before);
	});

	it("serves the catalog without internals", async () => {
		const { product } = await publishedProduct("catalog shape topic");
		const res = await api("/api/catalog", { auth: null });
		expect(res.status).toBe(200);
		const { products } = (await res.json()) as { products: Record<string, unknown>[] };
		const listed = products.find((p) => p.id === product.id);
		expect(listed).toMatchObject({ slug: product.slug, title: product.title, kind: "digital_kit", version: 1, price_cents: 1500, currency: "usd" });
		expect(Object.keys(listed ?? {}).sort()).toEqual([
			"currency",
			"description",
			"files",
			"id",
			"kind",
			"language",
			"languages",
			"price_cents",
			"published_at",
			"slug",
			"title",
			"version",
			"version_folder",
		]);
		expect(JSON.stringify(products)).not.toMatch(/r2|products\/prd_|status|pending/i);
	});

	it("renders the storefront pages and a safe preview", async () => {
		const { product } = await publishedProduct("storefront pages topic");
		const catalog = await api("/", { auth: null });
		expect(catalog.status).toBe(200);
		expect(await catalog.text()).toContain(`/products/${product.slug}`);
		const page = await api(`/products/${product.slug}`, { auth: null });
		const html = await page.text();
		expect(html).toContain('sandbox=""');
		expect(html).toContain('name="consent"');
		const preview = await api(`/products/${product.slug}/preview/index.html`, { auth: null });
		expect(preview.status).toBe(200);
		expect(preview.headers.get("Content-Security-Policy")).toMatch(/^sandbox/);
		expect((await api(`/products/${product.slug}/preview/assets/styles.css`, { auth: null })).status).toBe(200);
		// The paid content is never previewable.
		expect((await api(`/products/${product.slug}/preview/guide.md`, { auth: null })).status).toBe(404);
		expect((await api(`/products/${product.slug}/preview/../guide.md`, { auth: null })).status).toBe(404);
	});

	it("checks out from the HTML form, and re-renders it with an error for bad input", async () => {
		const { product } = await publishedProduct("html checkout topic");
		const form = (fields: Record<string, string>) =>
			api("/checkout", { method: "POST", auth: null, headers: { Accept: "text/html" }, body: new URLSearchParams(fields) });
		const bad = await form({ product_id: product.id, email: "nope" });
		expect(bad.status).toBe(400);
		expect(await bad.text()).toContain("valid email");
		const noConsent = await form({ product_id: product.id, email: "a@example.com" });
		expect(noConsent.status).toBe(400);
		const ok = await form({ product_id: product.id, email: "a@example.com", consent: "yes" });
		expect(ok.status).toBe(303);
		expect(ok.headers.get("Location")).toMatch(/\/local-pay\/cs_local_/);
		const pay = await api(pathOf(ok.headers.get("Location") ?? ""), { auth: null });
		expect(pay.status).toBe(200);
		expect(await pay.text()).toContain("/local-pay/");
		expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM orders WHERE email = 'a@example.com' AND consent_at IS NOT NULL").first("n")).toBe(1);
	});

	it("paid twice from the local page fulfils once", async () => {
		const { product } = await publishedProduct("double pay topic");
		const bought = await paidOrder(product.id);
		const again = await api(`/local-pay/${bought.sessionId}`, { method: "POST", auth: null });
		expect(again.status).toBe(303);
		const state = await orderState(bought.orderId);
		expect(state.grants).toHaveLength(1);
		expect(state.order?.status).toBe("FULFILLED");
	});
});
