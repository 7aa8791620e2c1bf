import { describe, expect, it } from "vitest";
import { app } from "../../src/app";
import { buildOpenApiDocument } from "../../src/openapi/document";

/**
 * swagger-parser needs Node (it `require`s an ES module, which workerd cannot), so the Worker's
 * document is kept in docs/openapi.json, checked here to equal what /openapi.json serves, and
 * validated by test/node/openapi-document.test.ts. After changing a route: `npx vitest run -u test/openapi`.
 */
describe("docs/openapi.json", () => {
	it("is the document the Worker serves", async () => {
		await expect(`${JSON.stringify(buildOpenApiDocument(app), null, "\t")}\n`).toMatchFileSnapshot("../../docs/openapi.json");
	});
});
