import { env, exports } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { app } from "../../src/app";
import { getDb } from "../../src/db/client";
import { products } from "../../src/db/schema";
import type { PipelineDeps } from "../../src/pipeline/deps";
import type { ProductGenerator } from "../../src/pipeline/generators/types";
import { productKindRegistry } from "../../src/pipeline/kinds";
import type { FactoryMessage } from "../../src/pipeline/messages";
import { runStageMessage, type StageDisposition } from "../../src/pipeline/run-stage";
import { type AppDeps, buildDeps, configOf } from "../../src/wiring";

export const ADMIN_KEY = "test-admin-key-0123456789abcdefghijkl";

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
	return exports.default.fetch(new Request(`http://localhost:8787${path}`, { redirect: "manual", ...init, headers, body }));
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

/** Every domain's dependencies over the test bindings, built by the composition root as for a request. */
export async function testAppDeps(now?: () => Date): Promise<AppDeps> {
	const config = configOf(env);
	if (!config.ok) throw new Error(`test configuration invalid: ${config.problems.map((p) => `${p.variable} ${p.problem}`).join("; ")}`);
	return buildDeps(env, config.config, { fetchApp: async (request) => app.fetch(request, env) }, now);
}

/**
 * Pipeline wiring over the test's bindings with a recording queue and a config of its own (a
 * test may change it); `generator` stands in for the digital kit's generator.
 */
export async function testDeps(overrides: Partial<PipelineDeps> & { generator?: ProductGenerator } = {}): Promise<PipelineDeps & { queue: RecordingQueue }> {
	const { generator, ...rest } = overrides;
	const queue = new RecordingQueue();
	const { pipeline } = await testAppDeps();
	const kinds = generator
		? productKindRegistry(pipeline.kinds.all().map((kind) => (kind.kind === "digital_kit" ? { ...kind, generator: () => generator } : kind)))
		: pipeline.kinds;
	// No shop hears the products of a pipeline test unless the test registers a listener itself.
	return { ...pipeline, config: { ...pipeline.config }, kinds, productListeners: [], ...rest, queue };
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

/**
 * How long a test waits for a product to run the whole pipeline on the real queue (generation with
 * its PDFs, both gates, packaging): seconds on an idle machine, but a loaded 2-core CI runner has
 * taken over 20 s. Tests that wait this long get {@link PIPELINE_TEST_MS} as their own timeout.
 */
export const PIPELINE_RUN_MS = 60_000;
export const PIPELINE_TEST_MS = PIPELINE_RUN_MS + 30_000;

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
