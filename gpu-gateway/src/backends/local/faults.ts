import { setTimeout as sleep } from "node:timers/promises";
import type { FaultInjection } from "../../../../src/shared/gpu-jobs.ts";
import { BackendError } from "../types.ts";

/** Waits until the signal aborts: a hung job that only the watchdog can end. */
function hangUntilAborted(signal: AbortSignal): Promise<never> {
	return new Promise((_, reject) => {
		if (signal.aborted) reject(signal.reason);
		signal.addEventListener("abort", () => reject(signal.reason), { once: true });
	});
}

/**
 * A step boundary: applies the injected fault for this step, then checks for abort.
 * `stepIndex` 0 is the step a fault without `failAtStep` hits.
 */
export async function checkpoint(step: string, stepIndex: number, attempt: number, fault: FaultInjection | undefined, signal: AbortSignal): Promise<void> {
	signal.throwIfAborted();
	if (!fault) return;
	if (fault.slowMs) await sleep(fault.slowMs, undefined, { signal });
	const atThisStep = fault.failAtStep === undefined ? stepIndex === 0 : fault.failAtStep === step;
	if (!atThisStep) return;
	if (fault.hang) await hangUntilAborted(signal);
	const failing = fault.failTimes === undefined ? fault.failAtStep !== undefined || fault.fatal === true : attempt <= fault.failTimes;
	if (failing) throw new BackendError("INJECTED_FAULT", `injected fault at step ${step} on attempt ${attempt}`, fault.fatal !== true);
}
