import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { packages } from "../../src/db/schema";
import { zipStream } from "../../src/lib/zip";
import { createProducts } from "../../src/pipeline/create-product";
import type { ProductGenerator } from "../../src/pipeline/generators/types";
import { uploadStream } from "../../src/r2/upload-stream";
import type { QaCheck } from "../../src/shared/qa";
import { fakeKitProduct } from "../support/fake-kit-files";
import { drain, productRow, testDeps } from "../support/helpers";

const encoder = new TextEncoder();

/** A generator writing the fake model's product for the topic (flaws chosen by the topic). */
function topicGenerator(calls: number[] = []): ProductGenerator {
	return {
		name: "test",
		async generate(input) {
			calls.push(input.generation);
			// "fixed-on-2" products are flawed on their first generation only.
			const topic = input.topic.includes("fixed-on-2") && input.generation >= 2 ? input.topic.replace("no-faq", "with-faq") : input.topic;
			const product = fakeKitProduct(topic);
			return {
				description: product.description,
				files: product.files.map((file) => ({ path: file.path, body: encoder.encode(file.content), contentType: "text/plain" })),
			};
		},
	};
}

async function makeProduct(topic: string, generator: ProductGenerator) {
	const deps = await testDeps({ generator });
	const [product] = await createProducts(deps, [{ topic, kind: "digital_kit", price_cents: 100, currency: "usd", download_limit: 5, link_ttl_seconds: 3600 }]);
	if (!product) throw new Error("not created");
	return { deps, id: product.id };
}

async function reports(id: string, stage: 1 | 2) {
	const { results } = await env.DB.prepare("SELECT * FROM qa_reports WHERE product_id = ? AND stage = ? ORDER BY attempt")
		.bind(id, stage)
		.all<{ attempt: number; passed: number; score: number; checks: string }>();
	return results.map((row) => ({ ...row, checks: JSON.parse(row.checks) as QaCheck[] }));
}

function failedChecks(report: { checks: QaCheck[] }): string[] {
	return report.checks.filter((c) => !c.passed).map((c) => c.name);
}

describe("QA1, the generation gate", () => {
	for (const [flaw, failingCheck, detailPart] of [
		["no-faq", "section.faq", 'data-section="faq"'],
		["broken-link", "links.internal", "pricing.html"],
		["missing-asset", "assets.present", "assets/missing.png"],
	] as const) {
		it(`fails a product with ${flaw} after two regenerations and keeps every report`, async () => {
			const calls: number[] = [];
			const { deps, id } = await makeProduct(`gate test ${flaw} product`, topicGenerator(calls));
			await drain(deps);
			const row = await productRow(id);
			expect(row?.status).toBe("QA1_FAILED");
			expect(row?.failedStage).toBe("generate");
			expect(row?.pendingStage).toBeNull();
			expect(row?.lastError).toContain(failingCheck);
			expect(calls).toEqual([1, 2, 3]);
			const qa1 = await reports(id, 1);
			expect(qa1.map((r) => r.attempt)).toEqual([1, 2, 3]);
			for (const report of qa1) {
				expect(report.passed).toBe(0);
				expect(failedChecks(report)).toContain(failingCheck);
				expect(report.checks.find((c) => c.name === failingCheck)?.detail).toContain(detailPart);
			}
			expect(await reports(id, 2)).toHaveLength(0);
			const pkg = await deps.db.query.packages.findFirst({ where: eq(packages.productId, id) });
			expect(pkg).toBeUndefined();
		});
	}

	it("passes on a regeneration that fixes the flaw", async () => {
		const { deps, id } = await makeProduct("gate test no-faq fixed-on-2", topicGenerator());
		await drain(deps);
		expect((await productRow(id))?.status).toBe("PUBLISHED");
		const qa1 = await reports(id, 1);
		expect(qa1.map((r) => r.passed)).toEqual([0, 1]);
	});

	it("fails below the configured threshold even when every required check passes", async () => {
		const { deps, id } = await makeProduct("threshold test topic", topicGenerator());
		deps.config.qaThreshold = 101;
		deps.config.maxRegenerations = 0;
		// maxGeneration was fixed at creation (3); only the threshold decides here.
		await drain(deps);
		const row = await productRow(id);
		expect(row?.status).toBe("QA1_FAILED");
		expect(row?.lastError).toContain("below 101");
	});
});

describe("QA2, the shipment gate", () => {
	/** Runs the pipeline until QA2 is the next stage. */
	async function packaged(topic: string) {
		const { deps, id } = await makeProduct(topic, topicGenerator());
		for (;;) {
			const row = await productRow(id);
			if (row?.pendingStage === "qa2") break;
			const [msg] = deps.queue.sent.splice(0, 1);
			if (!msg) throw new Error(`pipeline stopped at ${row?.status}`);
			const { runStageMessage } = await import("../../src/pipeline/run-stage");
			await runStageMessage(deps, msg, 1);
		}
		const pkg = await deps.db.query.packages.findFirst({ where: and(eq(packages.productId, id)) });
		if (!pkg) throw new Error("no package");
		return { deps, id, pkg };
	}

	it("fails when the ZIP's bytes were changed in R2 after packaging", async () => {
		const { deps, id, pkg } = await packaged("tampered zip topic");
		const original = new Uint8Array(await ((await env.FILES.get(pkg.r2Key)) as R2ObjectBody).arrayBuffer());
		const tampered = original.slice();
		tampered[100] = (tampered[100] ?? 0) ^ 0xff;
		await env.FILES.put(pkg.r2Key, tampered);
		await drain(deps);
		const row = await productRow(id);
		expect(row?.status).toBe("QA2_FAILED");
		expect(row?.failedStage).toBe("package");
		expect(row?.publishedAt).toBeNull();
		const [report] = await reports(id, 2);
		expect(report?.passed).toBe(0);
		expect(failedChecks(report ?? { checks: [] })).toContain("package.sha256");
		expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM publish_history WHERE product_id = ?").bind(id).first("n")).toBe(0);
	});

	it("fails when a manifest checksum does not match its entry", async () => {
		const { deps, id, pkg } = await packaged("manifest mismatch topic");
		const manifest = JSON.parse(pkg.manifest) as { files: { path: string; sha256: string }[] };
		const first = manifest.files[0];
		if (!first) throw new Error("empty manifest");
		first.sha256 = "0".repeat(64);
		// Rebuild the archive with the lying manifest and record it as the package, so only the
		// manifest check can notice.
		const entries = await Promise.all(
			(await env.DB.prepare("SELECT path, r2_key FROM product_files WHERE product_id = ?").bind(id).all<{ path: string; r2_key: string }>()).results.map(
				async (file) => ({
					path: file.path,
					body: new Uint8Array(await ((await env.FILES.get(file.r2_key)) as R2ObjectBody).arrayBuffer()),
				}),
			),
		);
		const stream = zipStream(
			[
				...entries.map((e) => ({ path: e.path, open: async () => e.body })),
				{ path: "manifest.json", open: async () => encoder.encode(JSON.stringify(manifest)) },
			],
			new Date(),
		);
		const stored = await uploadStream(env.FILES, pkg.r2Key, stream, "application/zip");
		await env.DB.prepare("UPDATE packages SET size = ?, sha256 = ?, manifest = ? WHERE product_id = ?")
			.bind(stored.size, stored.sha256, JSON.stringify(manifest), id)
			.run();
		await drain(deps);
		const row = await productRow(id);
		expect(row?.status).toBe("QA2_FAILED");
		const [report] = await reports(id, 2);
		const failed = failedChecks(report ?? { checks: [] });
		expect(failed).toContain("manifest.checksums");
		expect(failed).not.toContain("package.sha256");
		expect(report?.checks.find((c) => c.name === "manifest.checksums")?.detail).toContain(first.path);
	});

	it("fails when the package object is gone, and a retry repackages and publishes", async () => {
		const { deps, id, pkg } = await packaged("deleted zip topic");
		await env.FILES.delete(pkg.r2Key);
		await drain(deps);
		expect((await productRow(id))?.status).toBe("QA2_FAILED");
		const { retryProduct } = await import("../../src/pipeline/retry");
		const restarted = await retryProduct(deps, id);
		expect(restarted.status).toBe("QA1_PASSED");
		expect(restarted.pendingStage).toBe("package");
		await drain(deps);
		const row = await productRow(id);
		expect(row?.status).toBe("PUBLISHED");
		expect(row?.packageCount).toBe(2);
		expect((await reports(id, 2)).map((r) => r.passed)).toEqual([0, 1]);
	});
});

describe("QA2 deliverability", () => {
	it("downloads the package through the buyer's path and records it", async () => {
		const { deps, id } = await makeProduct("deliverability proof topic", topicGenerator());
		await drain(deps);
		const [report] = await reports(id, 2);
		const delivery = report?.checks.find((c) => c.name === "delivery.download");
		expect(delivery).toMatchObject({ passed: true, required: true });
		expect(delivery?.detail).toContain("SHA-256 matches");
		const probes = await env.DB.prepare("SELECT purpose, downloads_used, max_downloads FROM grants WHERE product_id = ?").bind(id).all();
		expect(probes.results).toEqual([{ purpose: "qa", downloads_used: 1, max_downloads: 1 }]);
		const log = await env.DB.prepare("SELECT action, outcome FROM download_log WHERE product_id = ? ORDER BY created_at").bind(id).all();
		expect(log.results).toEqual([
			{ action: "redeem", outcome: "allowed" },
			{ action: "file", outcome: "allowed" },
		]);
	});

	it("fails QA2 when the buyer's path does not return the package", async () => {
		const { deps, id } = await makeProduct("undeliverable topic", topicGenerator());
		deps.probeDelivery = async () => ({ ok: false, detail: "GET /files/… answered 500" });
		await drain(deps);
		const row = await productRow(id);
		expect(row?.status).toBe("QA2_FAILED");
		expect(row?.lastError).toContain("delivery.download");
	});
});
