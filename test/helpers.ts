import { env, exports } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { getDb } from "../src/db/client";
import { products } from "../src/db/schema";
import { type PipelineDeps, pipelineDeps } from "../src/pipeline/deps";
import type { FactoryMessage } from "../src/pipeline/messages";
import { runStageMessage, type StageDisposition } from "../src/pipeline/run-stage";

export const ADMIN_KEY = "test-admin-key";

/** A request to the Worker (not the static-assets router), as an admin unless told otherwise. */
export function api(path: string, init: RequestInit & { json?: unknown; auth?: string | null } = {}): Promise<Response> {
	const headers = new Headers(init.headers);
	const auth = init.auth === undefined ? ADMIN_KEY : init.auth;
	if (auth !== null) headers.set("Authorization", `Bearer ${auth}`);
	let body = init.body;
	if (init.json !== undefined) {
		headers.set("Content-Type", "application/json");
		body = JSON.stringify(init.json);
	}
	return exports.default.fetch(new Request(`http://store.test${path}`, { redirect: "manual", ...init, headers, body }));
}

/** The contract's error body. */
export type ErrorBody = { error: { code: string; message: string; requestId: string } };

/** A queue that keeps what is sent, so a test decides when (and how often) each message runs. */
export class RecordingQueue implements Queue<FactoryMessage> {
	readonly sent: FactoryMessage[] = [];
	async send(body: FactoryMessage): Promise<QueueSendResponse> {
		this.sent.push(body);
		return { metadata: { metrics: { backlogCount: 0, backlogBytes: 0, oldestMessageTimestamp: new Date() } } } as QueueSendResponse;
	}
	async sendBatch(messages: Iterable<MessageSendRequest<FactoryMessage>>): Promise<QueueSendBatchResponse> {
		for (const message of messages) this.sent.push(message.body);
		return { metadata: { metrics: { backlogCount: 0, backlogBytes: 0, oldestMessageTimestamp: new Date() } } } as QueueSendBatchResponse;
	}
	async metrics(): Promise<QueueMetrics> {
		return { backlogCount: this.sent.length, backlogBytes: 0, oldestMessageTimestamp: new Date() } as QueueMetrics;
	}
	/** Removes and returns everything sent so far. */
	take(): FactoryMessage[] {
		return this.sent.splice(0, this.sent.length);
	}
}

/** Pipeline wiring over the test's bindings with a recording queue. */
export function testDeps(overrides: Partial<PipelineDeps> = {}): PipelineDeps & { queue: RecordingQueue } {
	const queue = new RecordingQueue();
	return { ...pipelineDeps(env, { queue, ...overrides }), queue } as PipelineDeps & { queue: RecordingQueue };
}

/** Runs queued stage messages in order until none is left (or `maxSteps`), as the consumer would. */
export async function drain(deps: PipelineDeps & { queue: RecordingQueue }, maxSteps = 50): Promise<{ msg: FactoryMessage; result: StageDisposition }[]> {
	const log: { msg: FactoryMessage; result: StageDisposition }[] = [];
	for (let step = 0; step < maxSteps; step++) {
		const [msg] = deps.queue.sent.splice(0, 1);
		if (!msg) break;
		log.push({ msg, result: await runStageMessage(deps, msg, 1) });
	}
	return log;
}

/** The product row as stored. */
export async function productRow(id: string) {
	return getDb(env.DB).query.products.findFirst({ where: eq(products.id, id) });
}

/** Polls until `check` returns a value, for work done by the real queue consumer. */
export async function waitFor<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 20_000, what = "condition"): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/** Counts rows of a table, for before/after assertions. */
export async function countRows(table: string): Promise<number> {
	const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<{ n: number }>();
	return row?.n ?? 0;
}
