import { afterEach, describe, expect, it, vi } from "vitest";
import { runSweeps, type Sweep, sweepsOf } from "../../src/scheduled";
import { testAppDeps } from "../support/helpers";

afterEach(() => vi.restoreAllMocks());

/** The JSON log lines written while `run` runs, parsed. */
async function logged(run: () => Promise<unknown>): Promise<{ lines: Record<string, unknown>[]; error: unknown }> {
	const lines: Record<string, unknown>[] = [];
	const keep = (line: unknown) => lines.push(JSON.parse(String(line)) as Record<string, unknown>);
	vi.spyOn(console, "log").mockImplementation(keep);
	vi.spyOn(console, "error").mockImplementation(keep);
	vi.spyOn(console, "warn").mockImplementation(keep);
	let error: unknown = null;
	await run().catch((err: unknown) => {
		error = err;
	});
	return { lines, error };
}

describe("the scheduled sweeps", () => {
	it("run each on its own: a failing sweep does not stop the others, and the run still fails, naming it", async () => {
		const ran: string[] = [];
		const sweeps: Sweep[] = [
			{ name: "first", run: async () => ran.push("first") },
			{
				name: "broken",
				run: async () => {
					ran.push("broken");
					throw new Error("D1 went away");
				},
			},
			{ name: "last", run: async () => ran.push("last") },
		];
		const { lines, error } = await logged(async () => runSweeps(sweeps, await testAppDeps(), "*/5 * * * *"));
		expect(ran).toEqual(["first", "broken", "last"]);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toBe("scheduled sweeps failed: broken");
		const outcomes = lines.filter((line) => line.sweep).map((line) => [line.sweep, line.msg, typeof line.durationMs]);
		expect(outcomes).toEqual([
			["first", "sweep finished", "number"],
			["broken", "sweep failed", "number"],
			["last", "sweep finished", "number"],
		]);
		expect(lines.find((line) => line.sweep === "broken")).toMatchObject({ level: "error", error: "D1 went away", cron: "*/5 * * * *" });
	});

	it("the cron's own sweeps all run and each logs its outcome", async () => {
		const { lines, error } = await logged(async () => runSweeps(sweepsOf("*/5 * * * *"), await testAppDeps(), "*/5 * * * *"));
		expect(error).toBeNull();
		expect(lines.filter((line) => line.msg === "sweep finished").map((line) => line.sweep)).toEqual(sweepsOf("*/5 * * * *").map((sweep) => sweep.name));
	});
});
