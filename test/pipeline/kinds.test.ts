import { describe, expect, it } from "vitest";
import { createProducts } from "../../src/pipeline/create-product";
import { type ProductKindDefinition, productKindRegistry } from "../../src/pipeline/kinds";
import { check } from "../../src/pipeline/qa/score";
import { drain, productRow, testDeps } from "../support/helpers";

describe("the product kind registry", () => {
	it("gives each stage the kind's own parts: a kind's QA2 extra can stop a product at QA2_FAILED", async () => {
		const base = await testDeps();
		const kit = base.kinds.get("digital_kit");
		const strict: ProductKindDefinition = { ...kit, qa2: async () => [check("kind.extra", "productization", false, "the kind's own shipment check", true)] };
		const deps = { ...base, kinds: productKindRegistry([strict, base.kinds.get("style_pack")]) };
		const [product] = await createProducts(deps, [
			{ topic: "kinds registry topic", kind: "digital_kit", price_cents: 100, currency: "usd", download_limit: 5, link_ttl_seconds: 3600 },
		]);
		await drain(deps);
		const row = await productRow(product?.id ?? "");
		expect(row?.status).toBe("QA2_FAILED");
		expect(row?.lastError).toContain("kind.extra");
	});

	it("refuses an unregistered kind and a kind registered twice", async () => {
		const { kinds } = await testDeps();
		expect(() => kinds.get("audio_book")).toThrow('no product kind "audio_book" is registered');
		const kit = kinds.get("digital_kit");
		expect(() => productKindRegistry([kit, kit])).toThrow("registered twice");
		expect(kinds.all().map((kind) => kind.kind)).toEqual(["digital_kit", "style_pack", "short_video"]);
	});
});
