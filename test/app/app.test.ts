import { describe, expect, it, vi } from "vitest";
import { api, type ErrorBody } from "../support/helpers";

describe("app basics", () => {
	it("answers /healthz", async () => {
		const res = await api("/healthz", { auth: null });
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ ok: true });
		expect(res.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
	});

	it("keeps a caller's request id and puts it in error bodies", async () => {
		const res = await api("/no/such/route", { auth: null, headers: { "X-Request-Id": "trace-abc-123" } });
		expect(res.status).toBe(404);
		const body = (await res.json()) as ErrorBody;
		expect(body.error.code).toBe("NOT_FOUND");
		expect(body.error.requestId).toBe("trace-abc-123");
		expect(res.headers.get("X-Request-Id")).toBe("trace-abc-123");
	});

	it("answers unknown routes with the JSON envelope", async () => {
		const res = await api("/api/nothing-here");
		expect(res.status).toBe(404);
		expect(res.headers.get("Content-Type")).toContain("application/json");
		expect(((await res.json()) as ErrorBody).error).toMatchObject({ code: "NOT_FOUND" });
	});

	it("turns malformed JSON into VALIDATION_FAILED", async () => {
		const res = await api("/api/products", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{not json" });
		expect(res.status).toBe(400);
		expect(((await res.json()) as ErrorBody).error.code).toBe("VALIDATION_FAILED");
	});

	it("logs one JSON line per request with id, route, status, duration and the product id", async () => {
		const lines: string[] = [];
		const spy = vi.spyOn(console, "log").mockImplementation((line: unknown) => {
			lines.push(String(line));
		});
		try {
			await api("/api/products/prd_0123456789abcdef0123456789abcdef?secret=x", { headers: { "X-Request-Id": "log-shape-test" } });
		} finally {
			spy.mockRestore();
		}
		const entry = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((item) => item.requestId === "log-shape-test");
		expect(entry).toMatchObject({
			level: "info",
			msg: "request",
			method: "GET",
			route: "/api/products/:id",
			status: 404,
			productId: "prd_0123456789abcdef0123456789abcdef",
		});
		expect(typeof entry?.durationMs).toBe("number");
		expect(Date.parse(String(entry?.time))).not.toBeNaN();
		expect(JSON.stringify(entry)).not.toContain("secret");
	});
});
