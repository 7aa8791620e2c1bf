import { describe, expect, it } from "vitest";
import { z } from "zod";
import { app } from "../../src/app";
import { buildOpenApiDocument } from "../../src/openapi/document";
import { requestExample } from "../../src/openapi/examples";
import { CreateProductRequest } from "../../src/shared/product";

type MediaType = { schema: unknown; example?: unknown };
type OperationObject = { requestBody?: { content: Record<string, MediaType> }; parameters?: { name: string; in: string; example?: unknown }[] };

function operations(): [string, OperationObject][] {
	const document = buildOpenApiDocument(app) as { paths: Record<string, Record<string, OperationObject>> };
	return Object.entries(document.paths).flatMap(([path, item]) =>
		Object.entries(item).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op] as [string, OperationObject]),
	);
}

describe("examples in the OpenAPI document", () => {
	it("gives every request body an example, and every query parameter one", () => {
		const bodies = operations().flatMap(([key, op]) => Object.entries(op.requestBody?.content ?? {}).map(([type, media]) => ({ key, type, media })));
		expect(bodies.length).toBeGreaterThan(10);
		expect(bodies.filter(({ media }) => media.example === undefined).map(({ key, type }) => `${key} ${type}`)).toEqual([]);
		const queries = operations().flatMap(([key, op]) => (op.parameters ?? []).filter((p) => p.in === "query").map((p) => ({ key, p })));
		expect(queries.filter(({ p }) => p.example === undefined).map(({ key, p }) => `${key} ?${p.name}`)).toEqual([]);
	});

	it("shows a product request the route accepts, with Korean words, built from the schema that validates it", () => {
		const [key, op] = operations().find(([key]) => key === "POST /api/products") ?? [];
		expect(key).toBe("POST /api/products");
		const example = op?.requestBody?.content["application/json"]?.example as Record<string, unknown>;
		expect(CreateProductRequest.safeParse(example).success).toBe(true);
		expect(example.topic).toMatch(/[가-힣]/);
	});

	it("leaves out an example it cannot make valid rather than show a request the route refuses", () => {
		const odd = z.object({ code: z.string().regex(/^[A-Z]{2}-\d{4}$/) });
		expect(requestExample(odd, z.toJSONSchema(odd, { io: "input" }) as Record<string, unknown>)).toBeUndefined();
		const refined = z.object({ n: z.int().min(1) }).refine((v) => v.n > 5, "more than five");
		expect(requestExample(refined, z.toJSONSchema(refined, { io: "input" }) as Record<string, unknown>)).toBeUndefined();
		const plain = z.object({ n: z.int().min(1), email: z.email() });
		expect(requestExample(plain, z.toJSONSchema(plain, { io: "input" }) as Record<string, unknown>)).toEqual({ n: 1, email: "buyer@example.com" });
	});
});
