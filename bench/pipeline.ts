/**
 * Pipeline throughput under `wrangler dev`: creates a batch of products through the admin API
 * and waits until every one is terminal.
 * `node bench/pipeline.ts [--batch 20] [--timeout 600] [--stall 90] [--topic "..."] [--save]`.
 */
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { type LocalStack, startLocalStack } from "../test/support/local-stack.ts";
import { type PollResult, pollUntilTerminal } from "./product-poller.ts";
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

function statusCounts(products: { status: string }[]): string {
	const counts = new Map<string, number>();
	for (const { status } of products) counts.set(status, (counts.get(status) ?? 0) + 1);
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
	// The benchmark is a load generator of its own, not a person at the admin API: lift the
	// per-key admin limit (100 a minute by default), which it would otherwise hit in seconds.
	const stack = await startLocalStack({ ADMIN_RATE_LIMIT_PER_MINUTE: "1000000" });
	try {
		console.log(`stack up in ${((performance.now() - start) / 1000).toFixed(1)} s at ${stack.url}`);
		start = performance.now();
		const postAt = Date.now();
		const created = await admin<{ products: ProductView[] }>(stack, "/api/products/batch", { method: "POST", body: JSON.stringify({ topic, batch }) });
		const ids = created.products.map((p) => p.id);
		console.log(`created ${ids.length} products in ${(performance.now() - start).toFixed(0)} ms; polling the list every ${POLL_MS} ms`);
		const polled = await pollUntilTerminal({
			ids,
			list: () => fetch(`${stack.url}/api/products?limit=100`, { headers: { Authorization: `Bearer ${stack.adminKey}` } }),
			terminal: TERMINAL,
			timeoutMs,
			stallMs,
			intervalMs: POLL_MS,
			report: (products) => console.log(`  ${products.filter((p) => TERMINAL.has(p.status)).length}/${ids.length} terminal: ${statusCounts(products)}`),
		});
		const wallS = (Math.max(postAt, ...polled.seenAt.values()) - postAt) / 1000;
		// Stage runs for the per-stage figures, read once at the end.
		const details = await Promise.all(ids.map((id) => admin<ProductDetail>(stack, `/api/products/${id}`)));
		if (polled.stopped !== "done") describeStuck(details, polled.stopped === "stalled" ? `no progress for ${stallMs / 1000} s` : "timed out");
		report(ids, details, { wallS, postAt, polled, batch }, save);
		if (polled.stopped !== "done" || polled.rateLimited > 0) process.exitCode = 1;
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
type RunInfo = { wallS: number; postAt: number; polled: PollResult; batch: number };

function report(ids: string[], details: ProductDetail[], { wallS, postAt, polled, batch }: RunInfo, save: boolean): void {
	const { seenAt, pollMs, stopped } = polled;
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
	// The same figures as the client saw them: POST sent → first poll answer that showed PUBLISHED.
	// The publish stage stamps published_at just before its D1 write, so a late write shows up here.
	const seen = published.map((p) => ((seenAt.get(p.id) ?? Number.NaN) - postAt) / 1000);
	const seenSpanS = published.length > 0 ? Math.max(...seen) : Number.NaN;
	const seenPerMinute = published.length > 0 ? published.length / (seenSpanS / 60) : 0;
	const seenLag = published.map((p) => ((seenAt.get(p.id) ?? Number.NaN) - Date.parse(p.published_at ?? "")) / 1000);
	const maxLag = Math.max(...seenLag);
	const agreement = seenPerMinute / perMinute;
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
				["client / server products per minute", `×${agreement.toFixed(3)}`],
				["client saw PUBLISHED after published_at p50 / max", `${seconds(median(seenLag), 2)} / ${seconds(maxLag, 2)}`],
				["list poll p50 / max", `${seconds(median(pollMs) / 1000, 2)} / ${seconds(Math.max(0, ...pollMs) / 1000, 2)}`],
				["polls refused 429 / failed", `${polled.rateLimited} / ${polled.failedPolls}`],
				["server: median time in stage code per product", seconds(busy, 2)],
				["server: p50 spent between stages (queues)", seconds(waiting, 2)],
			],
		)}`,
	);
	if (maxLag > 2 || polled.rateLimited > 0) {
		console.log(
			`\nwarning: a product became visible ${maxLag.toFixed(1)} s after its publish committed (max), with ${polled.rateLimited} polls refused (429).` +
				" The client figures are the ones to trust for this run.",
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
		client_server_ratio: round(agreement, 3),
		seen_lag_p50_s: round(median(seenLag)),
		seen_lag_max_s: round(maxLag),
		poll_p50_ms: Math.round(median(pollMs)),
		poll_max_ms: Math.round(Math.max(0, ...pollMs)),
		polls_rate_limited: polled.rateLimited,
		polls_failed: polled.failedPolls,
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
