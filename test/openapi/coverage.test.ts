import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { app } from "../../src/app";
import { routeCoverage } from "../../src/openapi/coverage";
import { buildOpenApiDocument } from "../../src/openapi/document";
import { api } from "../support/helpers";

describe("OpenAPI route coverage", () => {
	it("documents every mounted JSON route and nothing else", () => {
		expect(routeCoverage(app, buildOpenApiDocument(app))).toEqual({ undocumented: [], notMounted: [] });
	});

	it("reports exactly a planted undocumented route", () => {
		const planted = new Hono();
		planted.route("/", app);
		planted.post("/api/planted/:id", (c) => c.json({}));
		expect(routeCoverage(planted, buildOpenApiDocument(planted))).toEqual({ undocumented: ["POST /api/planted/:id"], notMounted: [] });
	});

	it("reports a documented operation that is not mounted", () => {
		const document = buildOpenApiDocument(app) as { paths: Record<string, Record<string, unknown>> };
		document.paths["/api/gone"] = { get: {} };
		expect(routeCoverage(app, document).notMounted).toEqual(["GET /api/gone"]);
	});

	it("describes requests with the schemas the validators use", () => {
		const document = buildOpenApiDocument(app) as {
			paths: Record<
				string,
				Record<string, { requestBody?: { content: Record<string, { schema: { properties?: object } }> }; parameters?: { name: string; in: string }[] }>
			>;
		};
		const checkout = document.paths["/api/checkout"]?.post;
		expect(Object.keys(checkout?.requestBody?.content["application/json"]?.schema.properties ?? {}).length).toBeGreaterThan(0);
		expect(document.paths["/api/products/{id}"]?.get?.parameters).toContainEqual(expect.objectContaining({ name: "id", in: "path" }));
	});
});

describe("GET /openapi.json", () => {
	it("serves the document as JSON", async () => {
		const res = await api("/openapi.json", { auth: null });
		expect(res.status).toBe(200);
		expect(res.headers.get("Content-Type")).toContain("application/json");
		const body = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
		expect(body.openapi).toBe("3.1.0");
		expect(Object.keys(body.paths)).toContain("/api/checkout");
	});
});
