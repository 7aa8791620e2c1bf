import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import entry from "../../src/index";
import { createProducts } from "../../src/pipeline/create-product";
import { resendStalledStages, STALL_AFTER_MS } from "../../src/pipeline/reconcile";
import { PIPELINE_RUN_MS, PIPELINE_TEST_MS, productRow, testDeps, waitFor } from "../support/helpers";

/** The Worker entry seen through the runtime's handler type, as the runtime calls it. */
const worker: ExportedHandler<Env> = entry;

const request = { kind: "digital_kit" as const, price_cents: 100, currency: "usd", download_limit: 5, link_ttl_seconds: 3600 };

describe("the scheduled sweep", () => {
	it("re-sends the pending stage of a quiet product and leaves fresh or running ones alone", async () => {
		const deps = await testDeps();
		const [quiet, fresh, running] = await createProducts(deps, [
			{ ...request, topic: "lost message topic" },
			{ ...request, topic: "fresh product topic" },
			{ ...request, topic: "running product topic" },
		]);
		deps.queue.take();
		const old = new Date(Date.now() - STALL_AFTER_MS - 60_000).toISOString();
		await env.DB.prepare("UPDATE products SET updated_at = ? WHERE id IN (?, ?)").bind(old, quiet?.id, running?.id).run();
		await env.DB.prepare("UPDATE products SET lease_until = ? WHERE id = ?")
			.bind(Date.now() + 60_000, running?.id)
			.run();

		expect(await resendStalledStages(deps)).toBe(1);
		expect(deps.queue.take()).toEqual([{ productId: quiet?.id, version: 1, stage: "generate", attempt: 1 }]);
		expect(fresh?.id).toBeTruthy();
	});

	it(
		"runs from the cron trigger and the re-sent message finishes the product",
		async () => {
			const deps = await testDeps();
			const [product] = await createProducts(deps, [{ ...request, topic: "cron sweep topic" }]);
			deps.queue.take();
			const old = new Date(Date.now() - STALL_AFTER_MS - 60_000).toISOString();
			await env.DB.prepare("UPDATE products SET updated_at = ? WHERE id = ?").bind(old, product?.id).run();

			const ctx = createExecutionContext();
			await worker.scheduled?.(createScheduledController({ cron: "*/5 * * * *", scheduledTime: Date.now() }), env, ctx);
			await waitOnExecutionContext(ctx);
			const row = await waitFor(
				async () => {
					const current = await productRow(product?.id ?? "");
					return current?.status === "PUBLISHED" ? current : null;
				},
				PIPELINE_RUN_MS,
				"the swept product to be published",
			);
			expect(row.publishedAt).not.toBeNull();
		},
		PIPELINE_TEST_MS,
	);
});
