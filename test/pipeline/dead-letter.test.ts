import { createExecutionContext, createMessageBatch, getQueueResult, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import entry from "../../src/index";
import { PIPELINE_DLQ, PIPELINE_QUEUE } from "../../src/pipeline/consumer";
import { createProducts } from "../../src/pipeline/create-product";
import type { ProductGenerator } from "../../src/pipeline/generators/types";
import type { FactoryMessage } from "../../src/pipeline/messages";
import { retryDelaySeconds, runStageMessage } from "../../src/pipeline/run-stage";
import { api, PIPELINE_RUN_MS, PIPELINE_TEST_MS, productRow, testDeps, waitFor } from "../support/helpers";

/** The Worker entry seen through the runtime's handler type, as the runtime calls it. */
const worker: ExportedHandler<Env> = entry;

const failingGenerator: ProductGenerator = {
	name: "broken",
	async generate() {
		throw new Error("model unavailable");
	},
};

/** Runs the Worker's queue handler on a batch and returns what it acked and retried. */
async function consume(batch: MessageBatch<FactoryMessage>) {
	const ctx = createExecutionContext();
	await worker.queue?.(batch, env, ctx);
	await waitOnExecutionContext(ctx);
	return getQueueResult(batch, ctx);
}

async function stageRuns(id: string) {
	const { results } = await env.DB.prepare("SELECT stage, outcome, error, delivery FROM stage_runs WHERE product_id = ? ORDER BY started_at, rowid")
		.bind(id)
		.all<{ stage: string; outcome: string; error: string | null; delivery: number }>();
	return results;
}

describe("a stage that throws", () => {
	it("is recorded, released and retried with backoff", async () => {
		const deps = await testDeps({ generator: failingGenerator });
		deps.config.retryBaseSeconds = 5;
		const [product] = await createProducts(deps, [
			{ topic: "failing generator topic", kind: "digital_kit", price_cents: 100, currency: "usd", download_limit: 5, link_ttl_seconds: 3600 },
		]);
		const [msg] = deps.queue.take();
		if (!product || !msg) throw new Error("setup");
		expect(await runStageMessage(deps, msg, 1)).toEqual({ action: "retry", delaySeconds: 5 });
		expect(await runStageMessage(deps, msg, 2)).toEqual({ action: "retry", delaySeconds: 10 });
		expect(await runStageMessage(deps, msg, 3)).toEqual({ action: "retry", delaySeconds: 20 });
		const row = await productRow(product.id);
		expect(row?.leaseToken).toBeNull();
		expect(row?.pendingStage).toBe("generate");
		expect(row?.lastError).toBe("generate: model unavailable");
		expect((await stageRuns(product.id)).map((r) => `${r.outcome}:${r.delivery}:${r.error}`)).toEqual([
			"error:1:model unavailable",
			"error:2:model unavailable",
			"error:3:model unavailable",
		]);
		expect(retryDelaySeconds(5, 20)).toBe(600);
	});

	it("through the consumer: retried, then dead-lettered and recorded on the product, once", async () => {
		const deps = await testDeps({ generator: failingGenerator });
		const [product] = await createProducts(deps, [
			{ topic: "dead letter topic", kind: "digital_kit", price_cents: 100, currency: "usd", download_limit: 5, link_ttl_seconds: 3600 },
		]);
		const [msg] = deps.queue.take();
		if (!product || !msg) throw new Error("setup");

		// The Worker's own consumer uses the template generator; make the failure real for it by
		// pointing the message at a stage whose input is missing: package with no files.
		await env.DB.prepare("UPDATE products SET status = 'QA1_PASSED', pending_stage = 'package', pending_attempt = 1 WHERE id = ?").bind(product.id).run();
		const packageMsg: FactoryMessage = { productId: product.id, version: 1, stage: "package", attempt: 1 };
		const batch = createMessageBatch<FactoryMessage>(PIPELINE_QUEUE, [{ id: "m1", timestamp: new Date(), attempts: 1, body: packageMsg }]);
		const result = await consume(batch);
		expect(result.explicitAcks).toEqual([]);
		expect(result.retryMessages.map((m) => m.msgId)).toEqual(["m1"]);

		const dead = createMessageBatch<FactoryMessage>(PIPELINE_DLQ, [{ id: "d1", timestamp: new Date(), attempts: 1, body: packageMsg }]);
		expect((await consume(dead)).explicitAcks).toEqual(["d1"]);
		const row = await productRow(product.id);
		expect(row?.status).toBe("QA2_FAILED");
		expect(row?.failedStage).toBe("package");
		expect(row?.pendingStage).toBeNull();
		expect(row?.lastError).toContain("package failed after all retries");
		expect(row?.lastError).toContain("no files recorded");

		// A second delivery of the dead letter changes nothing.
		const runsBefore = await stageRuns(product.id);
		const again = createMessageBatch<FactoryMessage>(PIPELINE_DLQ, [{ id: "d2", timestamp: new Date(), attempts: 2, body: packageMsg }]);
		await consume(again);
		expect(await stageRuns(product.id)).toEqual(runsBefore);
		expect(runsBefore.map((r) => r.outcome)).toEqual(["error", "dead_lettered"]);
	});

	it(
		"end to end on the real queue: retried until the dead-letter queue, which records it",
		async () => {
			const deps = await testDeps();
			const [product] = await createProducts(deps, [
				{ topic: "real queue failure topic", kind: "digital_kit", price_cents: 100, currency: "usd", download_limit: 5, link_ttl_seconds: 3600 },
			]);
			if (!product) throw new Error("setup");
			// Run generate and QA1 here, then delete a generated file so packaging must throw.
			for (let i = 0; i < 2; i++) {
				const [msg] = deps.queue.take();
				if (msg) await runStageMessage(deps, msg, 1);
			}
			const [next] = deps.queue.take();
			expect(next?.stage).toBe("package");
			const { results } = await env.DB.prepare("SELECT r2_key FROM product_files WHERE product_id = ? AND path = 'guide.md'")
				.bind(product.id)
				.all<{ r2_key: string }>();
			const guideKey = results[0]?.r2_key ?? "";
			const guide = await (await env.FILES.get(guideKey))?.arrayBuffer();
			await env.FILES.delete(guideKey);
			await env.FACTORY_QUEUE.send(next);

			const row = await waitFor(
				async () => {
					const current = await productRow(product.id);
					return current?.failedStage ? current : null;
				},
				PIPELINE_RUN_MS,
				"dead letter to be recorded",
			);
			expect(row.status).toBe("QA2_FAILED");
			expect(row.failedStage).toBe("package");
			const runs = await stageRuns(product.id);
			const packageRuns = runs.filter((r) => r.stage === "package");
			// max_retries = 3 in wrangler.toml: four deliveries, then the dead-letter record.
			expect(packageRuns.map((r) => r.outcome)).toEqual(["error", "error", "error", "error", "dead_lettered"]);
			expect(packageRuns[0]?.error).toContain("file missing in storage: guide.md");

			// With the file back, the admin retry restarts packaging and the product gets published.
			await env.FILES.put(guideKey, guide ?? "");
			const res = await api(`/api/products/${product.id}/retry`, { method: "POST" });
			expect(res.status).toBe(202);
			expect(((await res.json()) as { product: { status: string } }).product.status).toBe("QA1_PASSED");
			const again = await api(`/api/products/${product.id}/retry`, { method: "POST" });
			expect(again.status).toBe(409);
			const published = await waitFor(
				async () => {
					const current = await productRow(product.id);
					return current?.status === "PUBLISHED" ? current : null;
				},
				PIPELINE_RUN_MS,
				"publish after retry",
			);
			// The first packaging never finished, so the retry's packaging is attempt 1 again.
			expect(published.packageCount).toBe(1);
			expect((await stageRuns(product.id)).filter((r) => r.stage === "package").map((r) => r.outcome)).toEqual([
				"error",
				"error",
				"error",
				"error",
				"dead_lettered",
				"succeeded",
			]);
		},
		2 * PIPELINE_TEST_MS,
	);
});
