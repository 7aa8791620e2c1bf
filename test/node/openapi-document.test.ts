import { readFileSync } from "node:fs";
import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";

/** The Worker's document, kept equal to GET /openapi.json by test/openapi/valid-document.test.ts. */
function workerDocument(): { openapi: string; paths: Record<string, Record<string, unknown>> } {
	return JSON.parse(readFileSync(new URL("../../docs/openapi.json", import.meta.url), "utf8"));
}

describe("the OpenAPI document", () => {
	it("is valid OpenAPI 3.1 (swagger-parser)", async () => {
		const validated = (await SwaggerParser.validate(workerDocument() as never)) as { openapi?: string };
		expect(validated.openapi).toBe("3.1.0");
	});

	it("is rejected when broken, so the check above can fail", async () => {
		const broken = workerDocument();
		broken.paths["/api/checkout"] = { post: { responses: "not an object" } };
		await expect(SwaggerParser.validate(broken as never)).rejects.toThrow();
	});
});
