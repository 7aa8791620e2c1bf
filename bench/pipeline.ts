/**
 * Pipeline throughput under `wrangler dev`: creates a batch of products through the admin API
 * and waits until every one is terminal.
 * `node bench/pipeline.ts [--batch 20] [--timeout 600] [--stall 90] [--topic "..."] [--save]`.
 */
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { type LocalStack, startLocalStack } from "../test/support/local-stack.ts";
import { median, percentile, round, saveResult, table } from "./stats.ts";

const TERMINAL = new Set(["PUBLISHED", "QA1_FAILED", "QA2_FAILED"]);
const POLL_MS = 250;

type ProductView = { id: string; status: string; created_at: string; published_at: string | null; last_error: string | null };
type StageRun = { stage: string; attempt: number; delivery: number; outcome: string; error: string | null; started_at: string; finished_at: string | null };
type ProductDetail = { product: ProductView; stage_runs: StageRun[] };

function options() {
	// strict: false because bench/run.ts forwards the same arguments to every benchmark.
	const { values } = parseArgs({
		options: { batch: { type: "string" }, timeout: { type: "string" }, stall: { type: "string" }, topic: { type: "string" }, save: { type: "boolean" } },
		strict: false,
	});
	const batch = Number.parseInt(typeof values.batch === "string" ? values.batch : "20", 10);
	const timeoutS = Number.parseInt(typeof values.timeout === "string" ? values.timeout : "600", 10);
	// Longer than the longest stage retry delay before dead-lettering (5 + 10 + 20 s by default).
	const stallS = Number.parseInt(typeof values.stall === "string" ? values.stall : "90", 10);
	// The API takes 1-50 per batch (CreateBatchRequest).
	if (!(batch >= 1 && batch <= 50 && timeoutS > 0 && stallS > 0)) throw new Error("--batch must be 1-50, --timeout and --stall positive numbers of seconds");
	const topic = typeof values.topic === "string" ? values.topic : "home espresso brewing";
	return { batch, timeoutMs: timeoutS * 1000, stallMs: stallS * 1000, topic, save: values.save === true };
}

async function admin<T>(stack: LocalStack, path: string, init: RequestInit = {}): Promise<T> {
	const res = await fetch(`${stack.url}${path}`, { ...init, headers: { Authorization: `Bearer ${stack.adminKey}`, "Content-Type": "application/json" } });
	if (!res.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${res.status} ${await res.text()}`);
	return (await res.json()) as T;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Changes whenever any product moves: a status, or a stage run starting or finishing. */
function progressMark(details: Iterable<ProductDetail>): string {
	return [...details].map((d) => `${d.product.id}:${d.product.status}:${d.stage_runs.map((r) => r.outcome).join(",")}`).join("|");
}

type WaitResult = {
	details: Map<string, ProductDetail>;
	/** Wall clock (Date.now) when the client first saw each product terminal. */
	seenAt: Map<string, number>;
	lastTerminalMs: number;
	stopped: "done" | "timeout" | "stalled";
	pollMs: number[];
};

/**
 * Polls every still-running product each tick until all are terminal, time runs out, or
 * nothing has moved for `stallMs` (a hung queue consumer: waiting out the full timeout then
 * tells nothing more). Returns the last detail seen per product and when the last one ended.
 */
async function waitForAll(stack: LocalStack, ids: string[], timeoutMs: number, stallMs: number): Promise<WaitResult> {
	const details = new Map<string, ProductDetail>();
	const seenAt = new Map<string, number>();
	const deadline = performance.now() + timeoutMs;
	let lastTerminalMs = performance.now();
	let pending = ids;
	let lastReport = 0;
	let mark = "";
	let lastProgress = performance.now();
	// How long each round of GETs took: under wrangler dev they queue behind the consumer.
	const pollMs: number[] = [];
	while (pending.length > 0 && performance.now() < deadline && performance.now() - lastProgress < stallMs) {
		await sleep(POLL_MS);
		// A failed poll is retried on the next tick: one slow response should not end the run.
		const polled = performance.now();
		const fetched = await Promise.allSettled(pending.map((id) => admin<ProductDetail>(stack, `/api/products/${id}`)));
		pollMs.push(performance.now() - polled);
		for (const result of fetched) if (result.status === "fulfilled") details.set(result.value.product.id, result.value);
		const before = pending.length;
		pending = pending.filter((id) => {
			if (!TERMINAL.has(details.get(id)?.product.status ?? "")) return true;
			seenAt.set(id, Date.now());
			return false;
		});
		if (pending.length < before) lastTerminalMs = performance.now();
		const now = progressMark(details.values());
		if (now !== mark) {
			mark = now;
			lastProgress = performance.now();
		}
		if (performance.now() - lastReport > 5000) {
			lastReport = performance.now();
			console.log(`  ${ids.length - pending.length}/${ids.length} terminal: ${statusCounts([...details.values()])}`);
		}
	}
	if (pending.length === 0) return { details, seenAt, lastTerminalMs, stopped: "done", pollMs };
	return { details, seenAt, lastTerminalMs: performance.now(), stopped: performance.now() < deadline ? "stalled" : "timeout", pollMs };
}

function statusCounts(details: ProductDetail[]): string {
	const counts = new Map<string, number>();
	for (const d of details) counts.set(d.product.status, (counts.get(d.product.status) ?? 0) + 1);
	return [...counts].map(([status, n]) => `${status} ${n}`).join(", ");
}

const completed = (run: StageRun) => run.finished_at !== null && (run.outcome === "succeeded" || run.outcome === "failed");
const runMs = (run: StageRun) => Date.parse(run.finished_at ?? run.started_at) - Date.parse(run.started_at);

/**
 * Seconds each published product spent inside stage code, as opposed to waiting between stages
 * (queue delivery and batching); the two add up to its create → PUBLISHED time.
 */
function busySeconds(details: ProductDetail[]): number[] {
	return details.filter((d) => d.product.status === "PUBLISHED").map((d) => d.stage_runs.filter(completed).reduce((sum, run) => sum + runMs(run), 0) / 1000);
}

/** Median wall time of each stage's completed runs (passed or failed), from the recorded stage_runs. */
function stageMedians(details: ProductDetail[]): Record<string, number> {
	const byStage = new Map<string, number[]>();
	for (const run of details.flatMap((d) => d.stage_runs).filter(completed)) {
		const list = byStage.get(run.stage) ?? [];
		list.push(runMs(run));
		byStage.set(run.stage, list);
	}
	return Object.fromEntries([...byStage].map(([stage, ms]) => [stage, Math.round(median(ms))]));
}

async function main(): Promise<void> {
	const { batch, timeoutMs, stallMs, topic, save } = options();
	console.log(`pipeline: batch of ${batch} under wrangler dev (${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, Node ${process.version})`);
	console.log(
		"note: wrangler dev serves through its local proxy and simulates Queues in-process; figures include that overhead and are not production numbers\n",
	);
	let start = performance.now();
	const stack = await startLocalStack();
	try {
		console.log(`stack up in ${((performance.now() - start) / 1000).toFixed(1)} s at ${stack.url}`);
		start = performance.now();
		const postAt = Date.now();
		const created = await admin<{ products: ProductView[] }>(stack, "/api/products/batch", { method: "POST", body: JSON.stringify({ topic, batch }) });
		const ids = created.products.map((p) => p.id);
		console.log(`created ${ids.length} products in ${(performance.now() - start).toFixed(0)} ms; polling every ${POLL_MS} ms`);
		const { details, seenAt, lastTerminalMs, stopped, pollMs } = await waitForAll(stack, ids, timeoutMs, stallMs);
		if (stopped !== "done") describeStuck([...details.values()], stopped === "stalled" ? `no progress for ${stallMs / 1000} s` : "timed out");
		report(ids, [...details.values()], { wallS: (lastTerminalMs - start) / 1000, postAt, seenAt, pollMs, batch, stopped }, save);
		if (stopped !== "done") process.exitCode = 1;
	} finally {
		await stack.stop();
	}
}

/** A few products that never finished, with their last stage runs, to start the diagnosis from. */
function describeStuck(details: ProductDetail[], why: string): void {
	const stuck = details.filter((d) => !TERMINAL.has(d.product.status));
	console.log(`\n${why}: ${stuck.length} products not terminal; the first few:`);
	for (const { product, stage_runs } of stuck.slice(0, 3)) {
		const runs = stage_runs
			.slice(-3)
			.map((r) => `${r.stage}#${r.attempt}/d${r.delivery} ${r.outcome}${r.error ? ` (${r.error.slice(0, 160)})` : ""}`)
			.join("; ");
		console.log(`  ${product.id} ${product.status}${product.last_error ? ` last_error=${product.last_error.slice(0, 160)}` : ""} runs: ${runs || "none"}`);
	}
}

/** Seconds with one decimal, or "n/a" when nothing was published to measure. */
const seconds = (value: number, digits = 1) => (Number.isFinite(value) ? `${value.toFixed(digits)} s` : "n/a");

/** How the wait went, as the client saw it. */
type RunInfo = { wallS: number; postAt: number; seenAt: Map<string, number>; pollMs: number[]; batch: number; stopped: WaitResult["stopped"] };

function report(ids: string[], details: ProductDetail[], { wallS, postAt, seenAt, pollMs, batch, stopped }: RunInfo, save: boolean): void {
	const published = details.map((d) => d.product).filter((p) => p.status === "PUBLISHED" && p.published_at !== null);
	const latencies = published.map((p) => (Date.parse(p.published_at ?? "") - Date.parse(p.created_at)) / 1000);
	// Server clock, first creation to last publication: the batch's makespan inside the stack.
	const firstCreated = Math.min(...details.map((d) => Date.parse(d.product.created_at)));
	const lastPublished = Math.max(...published.map((p) => Date.parse(p.published_at ?? "")));
	const spanS = published.length > 0 ? (lastPublished - firstCreated) / 1000 : Number.NaN;
	const perMinute = published.length > 0 ? published.length / (spanS / 60) : 0;
	const counts: Record<string, number> = {};
	for (const id of ids) {
		const status = details.find((d) => d.product.id === id)?.product.status;
		const key = status && TERMINAL.has(status) ? status : `NOT_TERMINAL (${status ?? "never seen"})`;
		counts[key] = (counts[key] ?? 0) + 1;
	}
	// The same figures as the client saw them: POST sent → first poll that showed PUBLISHED. The
	// publish stage stamps published_at before its D1 write, so a slow write shows up only here.
	const seen = published.map((p) => ((seenAt.get(p.id) ?? Number.NaN) - postAt) / 1000);
	const seenSpanS = published.length > 0 ? Math.max(...seen) : Number.NaN;
	const seenPerMinute = published.length > 0 ? published.length / (seenSpanS / 60) : 0;
	const seenLag = published.map((p) => ((seenAt.get(p.id) ?? Number.NaN) - Date.parse(p.published_at ?? "")) / 1000);
	const stages = stageMedians(details);
	const busy = median(busySeconds(details));
	const waiting = percentile(latencies, 50) - busy;

	console.log(
		`\n${table(
			["metric", "value"],
			[
				["published / created", `${published.length} / ${ids.length}`],
				["server: first created_at → last published_at", seconds(spanS)],
				["server: products per minute", perMinute.toFixed(1)],
				["server: created_at → published_at p50 / p90", `${seconds(percentile(latencies, 50))} / ${seconds(percentile(latencies, 90))}`],
				["client: POST → last seen PUBLISHED", seconds(seenSpanS)],
				["client: products per minute", seenPerMinute.toFixed(1)],
				["client: POST → seen PUBLISHED p50 / p90", `${seconds(percentile(seen, 50))} / ${seconds(percentile(seen, 90))}`],
				[stopped === "done" ? "client: POST → all terminal" : `client: POST → gave up (${stopped})`, seconds(wallS)],
				...Object.entries(counts).map(([status, n]) => [`final ${status}`, String(n)]),
				...Object.entries(stages).map(([stage, ms]) => [`median ${stage} stage run`, `${ms} ms`]),
				["client saw PUBLISHED after published_at p50 / max", `${seconds(median(seenLag), 2)} / ${seconds(Math.max(...seenLag), 2)}`],
				["poll round (all GETs) p50 / max", `${seconds(median(pollMs) / 1000, 2)} / ${seconds(Math.max(0, ...pollMs) / 1000, 2)}`],
				["server: median time in stage code per product", seconds(busy, 2)],
				["server: p50 spent between stages (queues)", seconds(waiting, 2)],
			],
		)}`,
	);
	if (median(seenLag) > 2) {
		console.log(
			`\nwarning: the client saw PUBLISHED ${median(seenLag).toFixed(1)} s after published_at (p50). The publish stage stamps published_at before` +
				" its D1 write; that write (or the consumer) was stalled, so the server-clock figures flatter this run. Trust the client figures.",
		);
	}
	const line = JSON.stringify({
		bench: "pipeline",
		date: new Date().toISOString(),
		cpus: cpus().length,
		node: process.version,
		batch,
		stopped,
		published: published.length,
		products_per_minute: round(perMinute),
		span_s: round(spanS, 1),
		p50_s: round(percentile(latencies, 50)),
		p90_s: round(percentile(latencies, 90)),
		wall_s: round(wallS, 1),
		client_products_per_minute: round(seenPerMinute),
		client_span_s: round(seenSpanS, 1),
		client_p50_s: round(percentile(seen, 50)),
		client_p90_s: round(percentile(seen, 90)),
		seen_lag_p50_s: round(median(seenLag)),
		poll_p50_ms: Math.round(median(pollMs)),
		poll_max_ms: Math.round(Math.max(0, ...pollMs)),
		statuses: counts,
		stage_median_ms: stages,
		busy_p50_s: round(busy),
		waiting_p50_s: round(waiting),
		note: "wrangler dev (local proxy, simulated Queues)",
	});
	if (save) saveResult("pipeline", line);
	console.log(line);
}

await main();
