import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { toAppError } from "../../src/lib/errors";
import { validate } from "../../src/lib/validate";

const Optional = z.strictObject({ reason: z.string().optional() }).optional();
const Required = z.strictObject({ topic: z.string() });

/** A tiny app over `validate`: what the handler saw as its body, or the error's status and code. */
const app = new Hono()
	.post("/optional", validate("json", Optional), (c) => c.json({ body: c.req.valid("json") ?? null }))
	.post("/required", validate("json", Required), (c) => c.json({ body: c.req.valid("json") }))
	.onError((err, c) => {
		const error = toAppError(err);
		return c.json({ code: error.code, message: error.message }, error.status);
	});

function post(path: string, init: RequestInit = {}) {
	return app.request(path, { method: "POST", ...init });
}

describe("validate('json', …) and empty bodies", () => {
	it("gives an optional body `undefined` when the body is empty, whatever the Content-Type says", async () => {
		for (const init of [
			{ headers: { "Content-Type": "application/json" } },
			{ headers: { "Content-Type": "application/json" }, body: "" },
			{ headers: { "Content-Type": "application/json" }, body: new ReadableStream({ start: (controller) => controller.close() }), duplex: "half" },
			{},
			{ body: "" },
		] as RequestInit[]) {
			const res = await post("/optional", init);
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual({ body: null });
		}
	});

	it("still parses and checks a body that is there", async () => {
		const ok = await post("/optional", { headers: { "Content-Type": "application/json" }, body: '{"reason":"typo"}' });
		expect(await ok.json()).toEqual({ body: { reason: "typo" } });
		const extra = await post("/optional", { headers: { "Content-Type": "application/json" }, body: '{"other":1}' });
		expect(extra.status).toBe(400);
		const malformed = await post("/optional", { headers: { "Content-Type": "application/json" }, body: "{" });
		expect(malformed.status).toBe(400);
		expect(((await malformed.json()) as { code: string }).code).toBe("VALIDATION_FAILED");
	});

	it("refuses an empty body where one is required, naming it, not as malformed JSON", async () => {
		const res = await post("/required", { headers: { "Content-Type": "application/json" } });
		expect(res.status).toBe(400);
		const body = (await res.json()) as { code: string; message: string };
		expect(body.code).toBe("VALIDATION_FAILED");
		expect(body.message).toMatch(/^json: /);
		expect(body.message).not.toMatch(/Malformed/);
	});
});
