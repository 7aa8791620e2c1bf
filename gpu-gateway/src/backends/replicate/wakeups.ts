/** A pending wait for one task: resolves when its webhook arrives; `dispose` stops listening. */
export type Wakeup = { promise: Promise<void>; dispose(): void };

/**
 * In-process wake-ups keyed by Replicate task id. A verified webhook only *wakes* the attempt
 * waiting on that task, which then re-reads the task with GET: the webhook body is never trusted
 * as state, so a replayed or reordered delivery can at most cause one extra GET.
 */
export class TaskWakeups {
	private readonly waiting = new Map<string, Set<() => void>>();

	/** Starts listening for the next webhook about `taskId`. */
	next(taskId: string): Wakeup {
		let wake = () => {};
		const promise = new Promise<void>((resolve) => {
			wake = resolve;
		});
		const set = this.waiting.get(taskId) ?? new Set();
		set.add(wake);
		this.waiting.set(taskId, set);
		return {
			promise,
			dispose: () => {
				set.delete(wake);
				if (set.size === 0 && this.waiting.get(taskId) === set) this.waiting.delete(taskId);
			},
		};
	}

	/** Wakes every attempt waiting on `taskId`; true when one was. */
	notify(taskId: string): boolean {
		const set = this.waiting.get(taskId);
		if (!set) return false;
		this.waiting.delete(taskId);
		for (const wake of set) wake();
		return true;
	}

	/** How many tasks have a waiter (for tests and leak checks). */
	get size(): number {
		return this.waiting.size;
	}
}
