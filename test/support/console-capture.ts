import { vi } from "vitest";

/**
 * Captures every console line (log, info, warn, error, debug) written from now until `stop()`,
 * objects as JSON, for tests that check what is logged. The Worker under test and its queue
 * consumers run in the test's isolate, so their lines are captured too.
 */
export function captureConsole(): { all: string[]; stop(): void } {
	const all: string[] = [];
	const spies = (["log", "info", "warn", "error", "debug"] as const).map((method) =>
		vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
			all.push(args.map((arg) => (typeof arg === "string" ? arg : JSON.stringify(arg))).join(" "));
		}),
	);
	return {
		all,
		stop() {
			for (const spy of spies) spy.mockRestore();
		},
	};
}
