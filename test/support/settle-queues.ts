import { afterAll } from "vitest";
import worker from "../../src/index";

/**
 * Queue consumers run in the test's isolate, after the request that enqueued their work has
 * answered. A test file that ends while a batch is still running (a product going through the
 * pipeline, a receipt being mailed) would close the test runner under it, and vitest fails the
 * run on the log lines that batch writes afterwards. So every batch is counted here, and a file
 * ends only when no batch is running and none has started for longer than the queues' batch
 * timeout (1 s in wrangler.toml), that is when nothing it enqueued is still on its way.
 */
const QUIET_MS = 1_500;
const LONGEST_WAIT_MS = 60_000;

let running = 0;
let lastActivity = 0;
const consume = worker.queue.bind(worker);
worker.queue = async (...args: Parameters<typeof consume>) => {
	running++;
	lastActivity = Date.now();
	try {
		return await consume(...args);
	} finally {
		running--;
		lastActivity = Date.now();
	}
};

afterAll(async () => {
	if (lastActivity === 0) return;
	const deadline = Date.now() + LONGEST_WAIT_MS;
	while (Date.now() < deadline && (running > 0 || Date.now() - lastActivity < QUIET_MS)) {
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}, LONGEST_WAIT_MS + 5_000);
