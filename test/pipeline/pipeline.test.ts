import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/lib/hash";
import { readZipDigests } from "../../src/lib/zip";
import { createProducts } from "../../src/pipeline/create-product";
import { PackageManifest } from "../../src/shared/manifest";
import type { ProductView } from "../../src/shared/product";
import type { QaReportView } from "../../src/shared/qa";
import { api, drain, testDeps } from "../support/helpers";

type Detail = {
	product: ProductView;
	qa_reports: QaReportView[];
	package: { size: number; sha256: string; r2_key: string; manifest: PackageManifest } | null;
	stage_runs: { stage: string; outcome: string; error: string | null }[];
	publish_history: { action: string }[];
	files: { path: string; size: number; sha256: string }[];
};

async function detail(id: string): Promise<Detail> {
	const res = await api(`/api/products/${id}`);
	expect(res.status).toBe(200);
	return (await res.json()) as Detail;
}

async function waitForStatus(id: string, statuses: string[], timeoutMs = 25_000): Promise<Detail> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const current = await detail(id);
		if (statuses.includes(current.product.status) && !current.product.status.endsWith("ING")) return current;
		if (Date.now() > deadline) throw new Error(`product ${id} stuck at ${current.product.status}: ${current.product.last_error}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/** Asserts everything a published product must have, down to the bytes in R2. */
async function expectPublished(d: Detail) {
	expect(d.product.status).toBe("PUBLISHED");
	expect(d.product.published_at).not.toBeNull();
	expect(d.product.quality_score).toBeGreaterThanOrEqual(80);
	expect(d.qa_reports.filter((r) => r.stage === 1 && r.passed)).toHaveLength(1);
	expect(d.qa_reports.filter((r) => r.stage === 2 && r.passed)).toHaveLength(1);
	for (const report of d.qa_reports.filter((r) => r.passed)) {
		expect(Object.keys(report.dimensions).sort()).toEqual(["content_fit", "functional", "productization", "structural", "technical"]);
		expect(report.checks.length).toBeGreaterThan(5);
	}
	expect(d.stage_runs.map((run) => `${run.stage}:${run.outcome}`)).toEqual([
		"generate:succeeded",
		"qa1:succeeded",
		"package:succeeded",
		"qa2:succeeded",
		"publish:succeeded",
	]);
	expect(d.publish_history.map((event) => event.action)).toEqual(["PUBLISHED"]);

	const pkg = d.package;
	if (!pkg) throw new Error("no package");
	const object = await env.FILES.get(pkg.r2_key);
	if (!object) throw new Error("package missing from R2");
	const bytes = new Uint8Array(await object.arrayBuffer());
	expect(bytes.byteLength).toBe(pkg.size);
	expect(await sha256Hex(bytes)).toBe(pkg.sha256);

	const entries = await readZipDigests(new Response(bytes).body as ReadableStream<Uint8Array>, (path) => path === "manifest.json");
	const paths = entries.map((entry) => entry.path).sort();
	for (const required of ["index.html", "README.md", "LICENSE.md", "manifest.json"]) expect(paths).toContain(required);
	const manifest = PackageManifest.parse(JSON.parse(new TextDecoder().decode(entries.find((e) => e.path === "manifest.json")?.body)));
	expect(manifest.product_id).toBe(d.product.id);
	expect(manifest.version).toBe(d.product.version);
	expect(manifest.files.map((f) => f.path).sort()).toEqual(paths.filter((p) => p !== "manifest.json"));
	for (const listed of manifest.files) {
		const entry = entries.find((e) => e.path === listed.path);
		expect(entry?.sha256).toBe(listed.sha256);
		expect(entry?.size).toBe(listed.size);
	}
	expect(d.files.map((f) => f.path).sort()).toEqual(manifest.files.map((f) => f.path).sort());
}

describe("the whole pipeline", () => {
	it("takes a product from POST /api/products to PUBLISHED through the real queue", async () => {
		const res = await api("/api/products", { method: "POST", json: { topic: "sourdough baking for beginners", price_cents: 2400 } });
		expect(res.status).toBe(201);
		const { product } = (await res.json()) as { product: ProductView };
		expect(product.status).toBe("DRAFT");
		const done = await waitForStatus(product.id, ["PUBLISHED", "QA1_FAILED", "QA2_FAILED"]);
		await expectPublished(done);
		expect(done.product.description.length).toBeGreaterThan(10);
	});

	it("publishes a batch of 10 with unique slugs, the topic's title and the angles' format words in turn", async () => {
		const res = await api("/api/products/batch", { method: "POST", json: { topic: "home espresso", batch: 10 } });
		expect(res.status).toBe(202);
		const { products } = (await res.json()) as { products: ProductView[] };
		expect(products).toHaveLength(10);
		expect(new Set(products.map((p) => p.slug)).size).toBe(10);
		// A taken slug gets a short id suffix; the title is never changed to make room (issue 13). Each
		// product takes the next angle (issue 14), so ten products of one topic have the six angles' titles.
		expect(new Set(products.map((p) => p.title)).size).toBe(6);
		expect(products.every((p) => p.title.startsWith("Home Espresso "))).toBe(true);
		const finished = await Promise.all(products.map((p) => waitForStatus(p.id, ["PUBLISHED", "QA1_FAILED", "QA2_FAILED"], 60_000)));
		for (const d of finished) await expectPublished(d);
		const listed = (await (await api("/api/products?status=PUBLISHED&limit=100")).json()) as { products: ProductView[] };
		for (const p of products) expect(listed.products.map((l) => l.id)).toContain(p.id);
	}, 90_000);

	it("unpublishes with a history row, and publishes again through the gates", async () => {
		const deps = await testDeps();
		const [created] = await createProducts(deps, [
			{ topic: "balcony tomato growing", kind: "digital_kit", price_cents: 500, currency: "usd", download_limit: 3, link_ttl_seconds: 3600 },
		]);
		if (!created) throw new Error("not created");
		await drain(deps);
		await expectPublished(await detail(created.id));

		const unpublished = await api(`/api/products/${created.id}/unpublish`, { method: "POST", json: { reason: "pricing review" } });
		expect(unpublished.status).toBe(200);
		expect(((await unpublished.json()) as { product: ProductView }).product.status).toBe("UNPUBLISHED");
		const again = await api(`/api/products/${created.id}/unpublish`, { method: "POST" });
		expect(again.status).toBe(409);

		const afterUnpublish = await detail(created.id);
		expect(afterUnpublish.publish_history.map((e) => e.action)).toEqual(["PUBLISHED", "UNPUBLISHED"]);

		const republished = await api(`/api/products/${created.id}/publish`, { method: "POST" });
		expect(republished.status).toBe(200);
		const final = await detail(created.id);
		expect(final.product.status).toBe("PUBLISHED");
		expect(final.publish_history.map((e) => e.action)).toEqual(["PUBLISHED", "UNPUBLISHED", "PUBLISHED"]);
	});
});
