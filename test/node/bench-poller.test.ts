import { describe, expect, it } from "vitest";
import { type ListedProduct, pollUntilTerminal } from "../../bench/product-poller.ts";

const TERMINAL = new Set(["PUBLISHED", "QA1_FAILED", "QA2_FAILED"]);

/** A list endpoint answering from a script of responses, on a clock the test moves. */
function scripted(answers: (ListedProduct[] | { status: 429 | 500; retryAfter?: number })[]) {
	let clock = 0;
	const slept: number[] = [];
	let call = 0;
	const list = async () => {
		const answer = answers[Math.min(call++, answers.length - 1)];
		if (!answer || !Array.isArray(answer)) {
			const headers = answer?.retryAfter ? { "Retry-After": String(answer.retryAfter) } : undefined;
			return new Response("{}", { status: answer?.status ?? 500, headers });
		}
		return Response.json({ products: answer, next_cursor: null });
	};
	const sleep = async (ms: number) => {
		slept.push(ms);
		clock += ms;
	};
	return { list, sleep, now: () => clock, slept, calls: () => call };
}

const product = (id: string, status: string): ListedProduct => ({ id, status, created_at: "2026-12-04T00:00:00.000Z", published_at: null });

describe("the pipeline benchmark's poller", () => {
	it("waits out a 429's Retry-After and counts it, instead of keeping stale statuses as if the poll had failed", async () => {
		const server = scripted([
			[product("a", "QA1_PASSED"), product("b", "DRAFT")],
			{ status: 429, retryAfter: 7 },
			[product("a", "PUBLISHED"), product("b", "PUBLISHED")],
		]);
		const result = await pollUntilTerminal({ ids: ["a", "b"], terminal: TERMINAL, timeoutMs: 60_000, stallMs: 30_000, intervalMs: 250, ...server });
		expect(result.stopped).toBe("done");
		expect(result.rateLimited).toBe(1);
		expect(result.failedPolls).toBe(0);
		expect(server.slept).toEqual([250, 250, 7000, 250]);
		// Seen when the answer that showed them terminal arrived.
		expect(result.seenAt.get("a")).toBe(250 + 250 + 7000 + 250);
		expect(server.calls()).toBe(3);
	});

	it("reads the whole batch from one list request per tick, ignoring products it does not watch", async () => {
		const server = scripted([[product("a", "PUBLISHED"), product("b", "QA2_FAILED"), product("other", "DRAFT")]]);
		const result = await pollUntilTerminal({ ids: ["a", "b"], terminal: TERMINAL, timeoutMs: 60_000, stallMs: 30_000, intervalMs: 250, ...server });
		expect(server.calls()).toBe(1);
		expect([...result.views.keys()].sort()).toEqual(["a", "b"]);
	});

	it("stops as stalled when nothing moves, and counts failed requests", async () => {
		const server = scripted([[product("a", "PACKAGING")], { status: 500 }, [product("a", "PACKAGING")]]);
		const result = await pollUntilTerminal({ ids: ["a"], terminal: TERMINAL, timeoutMs: 60_000, stallMs: 2_000, intervalMs: 250, ...server });
		expect(result.stopped).toBe("stalled");
		expect(result.failedPolls).toBe(1);
		expect(result.seenAt.size).toBe(0);
	});
});
