import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createProducts } from "../../src/pipeline/create-product";
import type { FactoryMessage } from "../../src/pipeline/messages";
import { runStageMessage } from "../../src/pipeline/run-stage";
import { productRow, testDeps } from "../support/helpers";

/** Everything a stage can write, to compare before and after a duplicate delivery. */
async function snapshot(id: string) {
	const tables = ["stage_runs", "qa_reports", "product_files", "packages", "publish_history", "product_versions"];
	const counts = await Promise.all(tables.map((t) => env.DB.prepare(`SELECT COUNT(*) AS n FROM ${t} WHERE product_id = ?`).bind(id).first<number>("n")));
	const objects = await env.FILES.list({ prefix: `products/${id}/` });
	return {
		product: await productRow(id),
		counts: Object.fromEntries(tables.map((t, i) => [t, counts[i]])),
		objects: objects.objects.map((o) => `${o.key}:${o.etag}`).sort(),
	};
}

async function newProduct(topic: string) {
	const deps = await testDeps();
	const [product] = await createProducts(deps, [{ topic, kind: "digital_kit", price_cents: 100, currency: "usd", download_limit: 5, link_ttl_seconds: 3600 }]);
	if (!product) throw new Error("not created");
	return { deps, id: product.id };
}

describe("duplicate delivery", () => {
	it("of every stage message, after it ran, changes nothing", async () => {
		const { deps, id } = await newProduct("duplicate delivery topic");
		const delivered: FactoryMessage[] = [];
		for (;;) {
			const [msg] = deps.queue.sent.splice(0, 1);
			if (!msg) break;
			expect(await runStageMessage(deps, msg, 1)).toEqual({ action: "ack" });
			delivered.push(msg);
			// The same message again, straight away and after the next stage was queued.
			const before = await snapshot(id);
			const queuedBefore = deps.queue.sent.length;
			expect(await runStageMessage(deps, msg, 2)).toEqual({ action: "ack" });
			expect(await snapshot(id)).toEqual(before);
			expect(deps.queue.sent.length).toBe(queuedBefore);
		}
		expect(delivered.map((m) => m.stage)).toEqual(["generate", "qa1", "package", "qa2", "publish"]);
		const final = await snapshot(id);
		expect(final.product?.status).toBe("PUBLISHED");
		// Every earlier message delivered once more at the end: still nothing changes.
		for (const msg of delivered) expect(await runStageMessage(deps, msg, 3)).toEqual({ action: "ack" });
		expect(await snapshot(id)).toEqual(final);
		expect(final.counts).toMatchObject({ stage_runs: 5, qa_reports: 2, packages: 1, publish_history: 1 });
	});

	it("of the same message at the same time runs the stage once", async () => {
		const { deps, id } = await newProduct("concurrent delivery topic");
		const [msg] = deps.queue.take();
		if (!msg) throw new Error("no first message");
		const results = await Promise.all(Array.from({ length: 5 }, () => runStageMessage(deps, msg, 1)));
		const acks = results.filter((r) => r.action === "ack").length;
		// One delivery ran it; the rest either saw the lease (retry later) or the finished stage (ack).
		expect(acks).toBeGreaterThanOrEqual(1);
		const runs = await env.DB.prepare("SELECT COUNT(*) AS n FROM stage_runs WHERE product_id = ? AND stage = 'generate'").bind(id).first<number>("n");
		expect(runs).toBe(1);
		expect(deps.queue.sent.filter((m) => m.stage === "qa1")).toHaveLength(1);
		for (const later of results.filter((r) => r.action === "retry")) {
			expect(later).toMatchObject({ action: "retry" });
			expect(await runStageMessage(deps, msg, 2)).toEqual({ action: "ack" });
		}
	});

	it("of a stale message for another version or attempt is ignored", async () => {
		const { deps, id } = await newProduct("stale message topic");
		const before = await snapshot(id);
		for (const stale of [
			{ productId: id, version: 2, stage: "generate", attempt: 1 },
			{ productId: id, version: 1, stage: "generate", attempt: 2 },
			{ productId: id, version: 1, stage: "package", attempt: 1 },
			{ productId: "prd_does_not_exist", version: 1, stage: "generate", attempt: 1 },
		] as FactoryMessage[]) {
			expect(await runStageMessage(deps, stale, 1)).toEqual({ action: "ack" });
		}
		expect(await snapshot(id)).toEqual(before);
	});
});
