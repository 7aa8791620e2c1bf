import { describe, expect, it } from "vitest";
import { createProducts } from "../../src/pipeline/create-product";
import type { ProductView } from "../../src/shared/product";
import { publishedProduct } from "../support/commerce-helpers";
import { api, countRows, type ErrorBody, productRow, testDeps } from "../support/helpers";

async function errorOf(res: Response) {
	return ((await res.json()) as ErrorBody).error;
}

describe("admin auth", () => {
	const routes: [string, string, unknown?][] = [
		["POST", "/api/products", { topic: "auth check topic" }],
		["POST", "/api/products/batch", { batch: 1 }],
		["GET", "/api/products"],
		["GET", "/api/products/prd_x"],
		["POST", "/api/products/prd_x/retry"],
		["POST", "/api/products/prd_x/unpublish"],
		["POST", "/api/products/prd_x/publish"],
	];
	for (const [i, [method, path, json]] of routes.entries()) {
		it(`${method} ${path} refuses a missing or wrong key and changes nothing`, async () => {
			const before = await countRows("products");
			// A client of its own per route: wrong keys are throttled per client (test/admin/admin-auth.test.ts).
			const client = { "CF-Connecting-IP": `192.0.2.${i + 1}` };
			for (const auth of [null, "wrong-key", ""]) {
				const res = await api(path, { method, json, auth, headers: client });
				expect(res.status).toBe(401);
				expect(res.headers.get("WWW-Authenticate")).toContain("Bearer");
				const error = await errorOf(res);
				expect(error.code).toBe("UNAUTHORIZED");
				expect(error.requestId).toBeTruthy();
			}
			const basic = await api(path, { method, json, auth: null, headers: { ...client, Authorization: "Basic dGVzdC1hZG1pbi1rZXk6" } });
			expect(basic.status).toBe(401);
			expect(await countRows("products")).toBe(before);
		});
	}
});

describe("POST /api/products", () => {
	it("creates a DRAFT product with defaults and a unique slug", async () => {
		const res = await api("/api/products", { method: "POST", json: { topic: "watercolor painting basics" } });
		expect(res.status).toBe(201);
		const { product } = (await res.json()) as { product: ProductView };
		expect(product).toMatchObject({
			title: "Watercolor Painting Basics Starter Kit",
			slug: "watercolor-painting-basics-starter-kit",
			kind: "digital_kit",
			status: "DRAFT",
			version: 1,
			price_cents: 1900,
			currency: "usd",
			download_limit: 5,
			link_ttl_seconds: 86400,
			access_days: null,
			quality_score: null,
			published_at: null,
		});
		expect(product.id).toMatch(/^prd_/);
		const again = (await (await api("/api/products", { method: "POST", json: { topic: "Watercolor painting basics" } })).json()) as { product: ProductView };
		// A taken slug never changes the title (issue 13): the slug gets a short part of the id.
		expect(again.product.title).toBe("Watercolor Painting Basics Starter Kit");
		expect(again.product.slug).toBe(`watercolor-painting-basics-starter-kit-${again.product.id.slice(4, 10)}`);
	});

	const invalid: [string, unknown][] = [
		["no topic", {}],
		["short topic", { topic: "ab" }],
		["topic not a string", { topic: 42 }],
		["unknown kind", { topic: "valid topic", kind: "video" }],
		["negative price", { topic: "valid topic", price_cents: -1 }],
		["fractional price", { topic: "valid topic", price_cents: 9.5 }],
		["bad currency", { topic: "valid topic", currency: "US Dollar" }],
		["download_limit 0", { topic: "valid topic", download_limit: 0 }],
		["download_limit 101", { topic: "valid topic", download_limit: 101 }],
		["link_ttl_seconds 59", { topic: "valid topic", link_ttl_seconds: 59 }],
		["link_ttl_seconds over a week", { topic: "valid topic", link_ttl_seconds: 604801 }],
		["access_days 0", { topic: "valid topic", access_days: 0 }],
		["unknown field", { topic: "valid topic", colour: "red" }],
		["array body", [{ topic: "valid topic" }]],
	];
	for (const [name, json] of invalid) {
		it(`rejects ${name} with 400 VALIDATION_FAILED and creates nothing`, async () => {
			const before = await countRows("products");
			const res = await api("/api/products", { method: "POST", json });
			expect(res.status).toBe(400);
			const error = await errorOf(res);
			expect(error.code).toBe("VALIDATION_FAILED");
			expect(error.message.length).toBeGreaterThan(0);
			expect(await countRows("products")).toBe(before);
		});
	}
});

describe("POST /api/products/batch", () => {
	it("creates the batch with the topic's title and distinct slugs", async () => {
		const res = await api("/api/products/batch", { method: "POST", json: { topic: "houseplant care", batch: 4, price_cents: 900 } });
		expect(res.status).toBe(202);
		const { products } = (await res.json()) as { products: ProductView[] };
		expect(products).toHaveLength(4);
		// Each product of a batch on one topic takes its own angle (issue 14), named by its title's format word; slugs are unique.
		expect(products.map((p) => p.title).sort()).toEqual(
			["Houseplant Care Starter Kit", "Houseplant Care Project Workbook", "Houseplant Care Lesson Plans", "Houseplant Care Quick Reference"].sort(),
		);
		expect(new Set(products.map((p) => p.slug)).size).toBe(4);
		expect(products.every((p) => p.status === "DRAFT" && p.price_cents === 900)).toBe(true);
	});

	it("picks varied topics when none is given", async () => {
		const res = await api("/api/products/batch", { method: "POST", json: { batch: 3 } });
		const { products } = (await res.json()) as { products: ProductView[] };
		expect(new Set(products.map((p) => p.topic)).size).toBe(3);
	});

	for (const [name, json] of [
		["batch 0", { batch: 0 }],
		["batch 51", { batch: 51 }],
		["batch missing", { topic: "houseplant care" }],
		["batch a string", { batch: "3" }],
	] as [string, unknown][]) {
		it(`rejects ${name} and creates nothing`, async () => {
			const before = await countRows("products");
			const res = await api("/api/products/batch", { method: "POST", json });
			expect(res.status).toBe(400);
			expect((await errorOf(res)).code).toBe("VALIDATION_FAILED");
			expect(await countRows("products")).toBe(before);
		});
	}
});

describe("GET /api/products", () => {
	it("pages newest first with a cursor and filters by status", async () => {
		const deps = await testDeps();
		const created = await createProducts(
			deps,
			Array.from({ length: 5 }, (_, i) => ({
				topic: `paging topic number ${i}`,
				kind: "digital_kit" as const,
				price_cents: 100,
				currency: "usd",
				download_limit: 5,
				link_ttl_seconds: 86400,
			})),
		);
		const seen: string[] = [];
		let cursor: string | null = null;
		do {
			const query: string = `/api/products?status=DRAFT&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
			const res = await api(query);
			expect(res.status).toBe(200);
			const page = (await res.json()) as { products: ProductView[]; next_cursor: string | null };
			expect(page.products.length).toBeLessThanOrEqual(2);
			seen.push(...page.products.map((p) => p.id));
			cursor = page.next_cursor;
		} while (cursor);
		for (const product of created) expect(seen).toContain(product.id);
		expect(new Set(seen).size).toBe(seen.length);

		const published = (await (await api("/api/products?status=PUBLISHED")).json()) as { products: ProductView[] };
		expect(published.products.every((p) => p.status === "PUBLISHED")).toBe(true);
	});

	for (const query of ["status=SOLD", "cursor=not-a-cursor", "limit=0", "limit=101", "colour=red"]) {
		it(`rejects ?${query}`, async () => {
			const res = await api(`/api/products?${query}`);
			expect(res.status).toBe(400);
			expect((await errorOf(res)).code).toBe("VALIDATION_FAILED");
		});
	}
});

describe("product actions on the wrong state", () => {
	it("404s an unknown product on detail, retry, unpublish and publish", async () => {
		for (const [method, path] of [
			["GET", "/api/products/prd_missing"],
			["POST", "/api/products/prd_missing/retry"],
			["POST", "/api/products/prd_missing/unpublish"],
			["POST", "/api/products/prd_missing/publish"],
		]) {
			const res = await api(path as string, { method });
			expect(res.status).toBe(404);
			expect((await errorOf(res)).code).toBe("NOT_FOUND");
		}
	});

	it("409s retry, unpublish and publish of a DRAFT product and leaves it as it was", async () => {
		// Created with a recording queue, so no pipeline moves it during the test.
		const [created] = await createProducts(await testDeps(), [
			{ topic: "state conflict topic", kind: "digital_kit", price_cents: 100, currency: "usd", download_limit: 5, link_ttl_seconds: 86400 },
		]);
		const id = created?.id ?? "";
		const before = await (await api(`/api/products/${id}`)).json();
		for (const action of ["retry", "unpublish", "publish"]) {
			const res = await api(`/api/products/${id}/${action}`, { method: "POST" });
			expect(res.status).toBe(409);
			expect((await errorOf(res)).code).toBe("CONFLICT");
		}
		expect(await (await api(`/api/products/${id}`)).json()).toEqual(before);
	});
});

describe("body-less actions", () => {
	it("unpublish and publish accept an empty body with or without Content-Type: application/json, as curl sends it", async () => {
		const { product } = await publishedProduct("empty body action topic");
		const bodies: [string, RequestInit][] = [
			["JSON header, no body", { headers: { "Content-Type": "application/json" } }],
			["JSON header, empty body", { headers: { "Content-Type": "application/json; charset=utf-8", "Content-Length": "0" }, body: "" }],
			["no header, no body", {}],
		];
		for (const [name, init] of bodies) {
			const off = await api(`/api/products/${product.id}/unpublish`, { method: "POST", ...init });
			expect(off.status, name).toBe(200);
			expect(((await off.json()) as { product: ProductView }).product.status, name).toBe("UNPUBLISHED");
			expect((await productRow(product.id))?.status, name).toBe("UNPUBLISHED");
			const on = await api(`/api/products/${product.id}/publish`, { method: "POST", ...init });
			expect(on.status, name).toBe(200);
			expect((await productRow(product.id))?.status, name).toBe("PUBLISHED");
		}
		// A body that is there must still be JSON.
		const malformed = await api(`/api/products/${product.id}/unpublish`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{reason" });
		expect(malformed.status).toBe(400);
		expect((await errorOf(malformed)).code).toBe("VALIDATION_FAILED");
		expect((await productRow(product.id))?.status).toBe("PUBLISHED");
	});

	it("a route whose body is required still names the missing body", async () => {
		const before = await countRows("products");
		const res = await api("/api/products", { method: "POST", headers: { "Content-Type": "application/json" } });
		expect(res.status).toBe(400);
		const error = await errorOf(res);
		expect(error.code).toBe("VALIDATION_FAILED");
		expect(error.message).not.toMatch(/Malformed JSON/);
		expect(await countRows("products")).toBe(before);
	});
});
