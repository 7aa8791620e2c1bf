import { BackendError } from "../types.ts";
import { type ReplicateTask, TERMINAL_TASK_STATUSES } from "./api.ts";
import type { TaskWakeups } from "./wakeups.ts";

/** Consecutive failed GETs tolerated before the attempt gives up; one blip must not re-run a paid task. */
const MAX_READ_FAILURES = 5;

/** How the wait reads the task and how long it sleeps between reads. */
export type WaitOptions = {
	read: (signal: AbortSignal) => Promise<ReplicateTask>;
	onUpdate: (task: ReplicateTask) => void;
	wakeups: TaskWakeups;
	pollMinMs: number;
	pollMaxMs: number;
	signal: AbortSignal;
};

/** Sleeps `ms`, or less when `wake` resolves first; rejects when `signal` aborts. */
function pause(ms: number, wake: Promise<void>, signal: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		const finish = () => {
			clearTimeout(timer);
			signal.removeEventListener("abort", onAbort);
			resolve();
		};
		const onAbort = () => {
			clearTimeout(timer);
			reject(signal.reason);
		};
		const timer = setTimeout(finish, ms);
		if (signal.aborted) {
			onAbort();
			return;
		}
		signal.addEventListener("abort", onAbort, { once: true });
		void wake.then(finish);
	});
}

/**
 * Waits until a task is terminal. GET is the source of truth; between GETs it sleeps with
 * backoff (×1.5 per poll, capped) but wakes at once when the task's webhook arrives. The
 * wake-up is armed *before* each GET, so a webhook landing during the GET is not lost.
 */
export async function waitForTerminal(taskId: string, options: WaitOptions): Promise<ReplicateTask> {
	let delay = options.pollMinMs;
	let failures = 0;
	for (;;) {
		const wakeup = options.wakeups.next(taskId);
		try {
			try {
				const task = await options.read(options.signal);
				failures = 0;
				options.onUpdate(task);
				if (TERMINAL_TASK_STATUSES.has(task.status)) return task;
			} catch (err) {
				options.signal.throwIfAborted();
				failures += 1;
				if (!(err instanceof BackendError) || !err.retryable || failures >= MAX_READ_FAILURES) throw err;
			}
			await pause(delay, wakeup.promise, options.signal);
			delay = Math.min(options.pollMaxMs, Math.round(delay * 1.5));
		} finally {
			wakeup.dispose();
		}
	}
}
