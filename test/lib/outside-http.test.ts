import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { backoffMs, DEFAULT_RETRY, isRepeatable, type OutsideHttpOptions, outsideHttp, retryAfterMs } from "../../src/lib/outside-http";
import { captureConsole } from "../support/console-capture";

/** One scripted answer of the fake fetch: a status (with headers), a thrown network error, or a request that never answers. */
type Step = { status: number; headers?: Record<string, string> } | { throws: string } | "hang";

type Recorded = { url: string; method: string; headers: Headers; body: string | null };

/** A fetch that plays `steps` in order and records every request; a hanging step ends only when its signal aborts. */
function scriptedFetch(steps: Step[]): { fetch: typeof fetch; calls: Recorded[] } {
	const calls: Recorded[] = [];
	const queue = [...steps];
	const fake = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
		calls.push({
			url: String(input),
			method: init.method ?? "GET",
			headers: new Headers(init.headers),
			body: typeof init.body === "string" ? init.body : null,
		});
		const step = queue.shift();
		if (step === undefined) throw new Error(`unscripted request ${calls.length}`);
		if (step === "hang") {
			return new Promise<Response>((_, reject) => {
				init.signal?.addEventListener("abort", () => reject(init.signal?.reason));
			});
		}
		if ("throws" in step) throw new TypeError(step.throws);
		return new Response(step.status === 204 ? null : `body ${step.status}`, { status: step.status, headers: step.headers });
	};
	return { fetch: fake as typeof fetch, calls };
}

/** A client over `steps` with a recording sleep, a fixed random (0.5: halfway into the jitter) and a fixed clock. */
function client(steps: Step[], options: Partial<OutsideHttpOptions> = {}) {
	const scripted = scriptedFetch(steps);
	const delays: number[] = [];
	const http = outsideHttp({
		fetch: scripted.fetch,
		sleep: async (ms) => {
			delays.push(ms);
		},
		random: () => 0.5,
		now: () => Date.parse("2026-12-05T00:00:00Z"),
		...options,
	});
	return { http, calls: scripted.calls, delays };
}

const URL_OF_TEST = "https://api.example.test/v1/items";
const call = { provider: "example", operation: "items.test" };

let consoleLines: ReturnType<typeof captureConsole>;
beforeEach(() => {
	consoleLines = captureConsole();
});
afterEach(() => {
	consoleLines.stop();
});

/** The client's log lines, parsed. */
const logLines = () => consoleLines.all.filter((line) => line.includes('"outside call')).map((line) => JSON.parse(line) as Record<string, unknown>);

describe("outsideHttp: which requests are retried", () => {
	it("retries a GET on 503 and answers the success", async () => {
		const { http, calls, delays } = client([{ status: 503 }, { status: 503 }, { status: 200 }]);
		const response = await http(call, URL_OF_TEST);
		expect(response.status).toBe(200);
		expect(await response.text()).toBe("body 200");
		expect(calls).toHaveLength(3);
		expect(delays).toHaveLength(2);
	});

	it("gives up after 3 retries (4 attempts) and answers the last 5xx", async () => {
		const { http, calls, delays } = client([{ status: 500 }, { status: 502 }, { status: 503 }, { status: 504 }, { status: 200 }]);
		const response = await http(call, URL_OF_TEST);
		expect(response.status).toBe(504);
		expect(calls).toHaveLength(4);
		expect(delays).toHaveLength(3);
	});

	it("does not retry a 4xx other than 429", async () => {
		const { http, calls } = client([{ status: 404 }, { status: 200 }]);
		expect((await http(call, URL_OF_TEST)).status).toBe(404);
		expect(calls).toHaveLength(1);
	});

	it("sends a POST without an Idempotency-Key once, on a 503", async () => {
		const { http, calls, delays } = client([{ status: 503 }, { status: 200 }]);
		const response = await http(call, URL_OF_TEST, { method: "POST", body: "{}" });
		expect(response.status).toBe(503);
		expect(calls).toHaveLength(1);
		expect(delays).toEqual([]);
	});

	it("sends a POST without an Idempotency-Key once, on a network error, and throws it", async () => {
		const { http, calls } = client([{ throws: "Network connection lost." }, { status: 200 }]);
		await expect(http(call, URL_OF_TEST, { method: "POST", body: "{}" })).rejects.toThrow("Network connection lost.");
		expect(calls).toHaveLength(1);
	});

	it("retries a POST that carries an Idempotency-Key, with the same key and body", async () => {
		const { http, calls } = client([{ throws: "Network connection lost." }, { status: 503 }, { status: 201 }]);
		const response = await http(call, URL_OF_TEST, { method: "POST", headers: { "Idempotency-Key": "outbox-42" }, body: '{"n":1}' });
		expect(response.status).toBe(201);
		expect(calls).toHaveLength(3);
		expect(calls.map((c) => c.headers.get("Idempotency-Key"))).toEqual(["outbox-42", "outbox-42", "outbox-42"]);
		expect(calls.map((c) => c.body)).toEqual(['{"n":1}', '{"n":1}', '{"n":1}']);
	});

	it('never retries a call marked retry: "never", not even a GET', async () => {
		const { http, calls } = client([{ status: 503 }, { status: 200 }]);
		expect((await http({ ...call, retry: "never" }, URL_OF_TEST)).status).toBe(503);
		expect(calls).toHaveLength(1);
		const withKey = client([{ status: 503 }, { status: 200 }]);
		const keyed = await withKey.http({ ...call, retry: "never" }, URL_OF_TEST, { method: "POST", headers: { "Idempotency-Key": "k-1" }, body: "x" });
		expect(keyed.status).toBe(503);
		expect(withKey.calls).toHaveLength(1);
	});

	it("retries a POST marked repeatable", async () => {
		const { http, calls } = client([{ status: 500 }, { status: 200 }]);
		expect((await http({ ...call, repeatable: true }, URL_OF_TEST, { method: "POST", body: "grant_type=refresh_token" })).status).toBe(200);
		expect(calls).toHaveLength(2);
	});

	it("does not retry a request whose body is a stream (it cannot be sent twice)", async () => {
		const { http, calls } = client([{ status: 503 }, { status: 200 }]);
		const body = new ReadableStream({
			start(controller) {
				controller.enqueue(new TextEncoder().encode("chunk"));
				controller.close();
			},
		});
		expect((await http(call, URL_OF_TEST, { method: "PUT", body })).status).toBe(503);
		expect(calls).toHaveLength(1);
	});

	it("isRepeatable: idempotent methods, an Idempotency-Key, or repeatable; never with retry never", () => {
		const none = new Headers();
		const keyed = new Headers({ "Idempotency-Key": "k" });
		expect(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"].map((method) => isRepeatable(call, method, none))).toEqual([true, true, true, true, true]);
		expect(isRepeatable(call, "POST", none)).toBe(false);
		expect(isRepeatable(call, "PATCH", none)).toBe(false);
		expect(isRepeatable(call, "POST", keyed)).toBe(true);
		expect(isRepeatable({ ...call, repeatable: true }, "POST", none)).toBe(true);
		expect(isRepeatable({ ...call, retry: "never" }, "GET", keyed)).toBe(false);
	});
});

describe("outsideHttp: how long it waits", () => {
	it("waits what Retry-After asks (delta-seconds) on a 429", async () => {
		const { http, calls, delays } = client([{ status: 429, headers: { "Retry-After": "2" } }, { status: 200 }]);
		expect((await http(call, URL_OF_TEST)).status).toBe(200);
		expect(calls).toHaveLength(2);
		expect(delays).toEqual([2000]);
	});

	it("waits until the HTTP date of Retry-After", async () => {
		const { http, delays } = client([{ status: 503, headers: { "Retry-After": "Sat, 05 Dec 2026 00:00:07 GMT" } }, { status: 200 }]);
		expect((await http(call, URL_OF_TEST)).status).toBe(200);
		expect(delays).toEqual([7000]);
	});

	it("never waits longer than the cap, whatever Retry-After asks", async () => {
		const { http, delays } = client([{ status: 429, headers: { "Retry-After": "3600" } }, { status: 200 }]);
		await http(call, URL_OF_TEST);
		expect(delays).toEqual([DEFAULT_RETRY.maxDelayMs]);
	});

	it("retryAfterMs reads seconds and dates, and nothing else", () => {
		const now = Date.parse("2026-12-05T00:00:00Z");
		expect(retryAfterMs("120", now)).toBe(120_000);
		expect(retryAfterMs("Sat, 05 Dec 2026 00:00:30 GMT", now)).toBe(30_000);
		expect(retryAfterMs("Fri, 04 Dec 2026 00:00:00 GMT", now)).toBe(0);
		expect(retryAfterMs("soon", now)).toBeNull();
		expect(retryAfterMs(null, now)).toBeNull();
	});

	it("backs off 1 s, 2 s, 4 s (jitter halfway, with random 0.5) between attempts", async () => {
		const { http, delays } = client([{ status: 503 }, { throws: "reset" }, { status: 500 }, { status: 200 }]);
		expect((await http(call, URL_OF_TEST)).status).toBe(200);
		expect(delays).toEqual([750, 1500, 3000]);
	});

	it("keeps jitter inside [ceiling/2, ceiling] and the ceiling at 30 s", () => {
		for (const random of [0, 0.25, 0.999999]) {
			for (let retry = 1; retry <= 8; retry++) {
				const ceiling = Math.min(30_000, 1_000 * 2 ** (retry - 1));
				const delay = backoffMs(DEFAULT_RETRY, retry, () => random);
				expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
				expect(delay).toBeLessThanOrEqual(ceiling);
			}
		}
		expect(backoffMs(DEFAULT_RETRY, 1, () => 0)).toBe(500);
		expect(backoffMs(DEFAULT_RETRY, 3, () => 0.999999)).toBe(4000);
		expect(backoffMs(DEFAULT_RETRY, 10, () => 0.999999)).toBe(30_000);
		expect(backoffMs(DEFAULT_RETRY, 10, () => 0)).toBe(15_000);
	});

	it("takes a per-call override of retries and base delay", async () => {
		const steps: Step[] = [{ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 }, { status: 503 }, { status: 200 }];
		const { http, calls, delays } = client(steps, { random: () => 1 });
		expect((await http({ ...call, retry: { retries: 5, baseDelayMs: 5000 } }, URL_OF_TEST)).status).toBe(200);
		expect(calls).toHaveLength(6);
		// 5 s, 10 s, 20 s, then the 30 s cap.
		expect(delays).toEqual([5000, 10_000, 20_000, 30_000, 30_000]);
	});

	it("aborts an attempt that hangs past its timeout, and retries it when it may", async () => {
		const { http, calls } = client(["hang", { status: 200 }], { sleep: async () => {} });
		expect((await http({ ...call, timeoutMs: 20 }, URL_OF_TEST)).status).toBe(200);
		expect(calls).toHaveLength(2);
		const failed = logLines().find((line) => line.msg === "outside call failed");
		expect(failed).toMatchObject({ attempt: 1, status: null, error: "timed out after 20 ms" });
	});

	it("throws the timeout of a hanging POST after one attempt", async () => {
		const { http, calls } = client(["hang", { status: 200 }]);
		await expect(http({ ...call, timeoutMs: 20 }, URL_OF_TEST, { method: "POST", body: "x" })).rejects.toThrow();
		expect(calls).toHaveLength(1);
	});

	it("stops when the caller's own signal has aborted (an SDK's overall deadline)", async () => {
		const caller = new AbortController();
		const { http, calls } = client(["hang", { status: 200 }]);
		const pending = http({ ...call, timeoutMs: 60_000 }, URL_OF_TEST, { signal: caller.signal });
		caller.abort(new Error("deadline"));
		await expect(pending).rejects.toThrow("deadline");
		expect(calls).toHaveLength(1);
	});
});

describe("outsideHttp: the log", () => {
	it("writes one line per attempt with provider, operation, method, host, path, status, attempt and duration", async () => {
		const { http } = client([{ status: 503 }, { throws: "Network connection lost." }, { status: 200 }]);
		await http({ provider: "cafe24", operation: "products.list" }, "https://shop.example.test/api/v2/admin/products?limit=1");
		const lines = logLines();
		expect(lines).toHaveLength(3);
		expect(lines.map((line) => [line.attempt, line.status])).toEqual([
			[1, 503],
			[2, null],
			[3, 200],
		]);
		for (const line of lines) {
			expect(line).toMatchObject({ provider: "cafe24", operation: "products.list", method: "GET", host: "shop.example.test", path: "/api/v2/admin/products" });
			expect(typeof line.durationMs).toBe("number");
		}
		expect(lines.map((line) => line.level)).toEqual(["warn", "warn", "info"]);
	});

	it("never writes a header value, a query string or a body", async () => {
		const { http } = client([{ status: 500 }, { throws: "failed to reach https://api.example.test/v1/items?token=sekret" }, { status: 200 }]);
		await http({ ...call, repeatable: true }, `${URL_OF_TEST}?token=sekret&page=2`, {
			method: "POST",
			headers: { Authorization: "Bearer sekret", "X-Api-Key": "sekret" },
			body: JSON.stringify({ password: "sekret" }),
		});
		const lines = consoleLines.all.filter((line) => line.includes("outside call"));
		expect(lines).toHaveLength(3);
		for (const line of lines) {
			expect(line).not.toContain("sekret");
			expect(line).not.toContain("page=2");
			expect(line).not.toContain("Bearer");
		}
	});
});
