/**
 * The signed download path against the same bytes with no checks, in one run under `wrangler dev`.
 * Full path = `GET /files/:session`: token verify, grant and order re-check (D1 + the grant's
 * Durable Object), a download-log write, and the 1 MB package streamed from R2. Baseline =
 * `/__bench/raw/:id`: the same R2 object streamed with no checks.
 * `node bench/download.ts [--seconds 5] [--concurrency 8] [--rounds 3] [--save]`.
 */
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { FAKE_LLM_KEY, startFakeLlm } from "../test/support/fakes/llm-server.ts";
import { type LocalStack, startLocalStack } from "../test/support/local-stack.ts";
import { median, percentile, round, saveResult, table } from "./stats.ts";

type Sample = { latenciesMs: number[]; requests: number; bytes: number; seconds: number; errors: number };

function options() {
	const { values } = parseArgs({
		options: { seconds: { type: "string" }, concurrency: { type: "string" }, rounds: { type: "string" }, save: { type: "boolean" } },
		strict: false,
	});
	const num = (value: unknown, fallback: number) => (typeof value === "string" ? Number.parseInt(value, 10) : fallback);
	return { seconds: num(values.seconds, 5), concurrency: num(values.concurrency, 8), rounds: num(values.rounds, 3), save: values.save === true };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function call<T>(stack: LocalStack, path: string, init: RequestInit = {}, admin = false): Promise<T> {
	const headers = { "Content-Type": "application/json", ...(admin ? { Authorization: `Bearer ${stack.adminKey}` } : {}) };
	const res = await fetch(`${stack.url}${path}`, { ...init, headers, redirect: "manual" });
	if (res.status >= 400) throw new Error(`${init.method ?? "GET"} ${path}: ${res.status} ${await res.text()}`);
	return (res.status === 303 ? { location: res.headers.get("Location") } : await res.json()) as T;
}

/** A published ~1 MB product, bought and paid, and one open download session of it. */
async function prepare(stack: LocalStack) {
	const { product } = await call<{ product: { id: string } }>(
		stack,
		"/api/products",
		{ method: "POST", body: JSON.stringify({ topic: "bench-1mb download kit", download_limit: 100 }) },
		true,
	);
	for (let status = ""; status !== "PUBLISHED"; ) {
		await sleep(250);
		const detail = await call<{ product: { status: string; last_error: string | null } }>(stack, `/api/products/${product.id}`, {}, true);
		status = detail.product.status;
		if (status.endsWith("FAILED")) throw new Error(`product failed: ${detail.product.last_error}`);
	}
	const order = await call<{ order_id: string; order_key: string; checkout_url: string }>(stack, "/api/checkout", {
		method: "POST",
		body: JSON.stringify({ product_id: product.id, email: "bench@example.com" }),
	});
	await call(stack, new URL(order.checkout_url).pathname, { method: "POST" });
	const view = await call<{ order: { items: { download_url: string | null; size: number }[] } }>(stack, `/api/orders/${order.order_id}?key=${order.order_key}`);
	const item = view.order.items[0];
	if (!item?.download_url) throw new Error("no download link");
	const redeemed = await call<{ location: string }>(stack, new URL(item.download_url).pathname, { method: "POST" });
	return { productId: product.id, size: item.size, filesPath: redeemed.location, linkPath: new URL(item.download_url).pathname };
}

/** `concurrency` clients fetching `path` back to back for `seconds`, reading every body whole. */
async function load(url: string, seconds: number, concurrency: number, expectedBytes: number): Promise<Sample> {
	const latenciesMs: number[] = [];
	let bytes = 0;
	let errors = 0;
	const started = performance.now();
	const deadline = started + seconds * 1000;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (performance.now() < deadline) {
				const t0 = performance.now();
				const res = await fetch(url);
				const body = await res.arrayBuffer();
				latenciesMs.push(performance.now() - t0);
				bytes += body.byteLength;
				if (res.status !== 200 || body.byteLength !== expectedBytes) errors++;
			}
		}),
	);
	return { latenciesMs, requests: latenciesMs.length, bytes, seconds: (performance.now() - started) / 1000, errors };
}

function summarise(samples: Sample[]) {
	const all = samples.flatMap((s) => s.latenciesMs);
	const rps = median(samples.map((s) => s.requests / s.seconds));
	return {
		rps: round(rps, 1),
		p50_ms: round(percentile(all, 50), 1),
		p99_ms: round(percentile(all, 99), 1),
		mb_per_s: round((rps * (samples[0]?.bytes ?? 0)) / Math.max(1, samples[0]?.requests ?? 1) / 1e6, 1),
		requests: all.length,
		errors: samples.reduce((n, s) => n + s.errors, 0),
	};
}

async function main() {
	const opts = options();
	const llm = await startFakeLlm();
	const stack = await startLocalStack({
		LLM_BASE_URL: llm.url,
		LLM_API_KEY: FAKE_LLM_KEY,
		BENCH_BASELINE: "enabled",
		DOWNLOAD_RATE_LIMIT_PER_MINUTE: "100000",
	});
	try {
		const { productId, size, filesPath, linkPath } = await prepare(stack);
		console.log(`package: ${size} bytes; ${opts.rounds} rounds × ${opts.seconds} s per variant, ${opts.concurrency} concurrent clients, alternating`);
		const full: Sample[] = [];
		const baseline: Sample[] = [];
		await load(`${stack.url}/__bench/raw/${productId}`, 1, opts.concurrency, size);
		for (let round = 0; round < opts.rounds; round++) {
			const pair: [Sample[], string][] =
				round % 2 === 0
					? [
							[baseline, `/__bench/raw/${productId}`],
							[full, filesPath],
						]
					: [
							[full, filesPath],
							[baseline, `/__bench/raw/${productId}`],
						];
			for (const [into, path] of pair) into.push(await load(`${stack.url}${path}`, opts.seconds, opts.concurrency, size));
		}
		// Spending a use (POST /download/:token): token verify, the grant's Durable Object, a fresh session token.
		const redeemMs: number[] = [];
		for (let i = 0; i < 60; i++) {
			const t0 = performance.now();
			const res = await fetch(`${stack.url}${linkPath}`, { method: "POST", redirect: "manual", headers: { "User-Agent": `bench-${i}` } });
			await res.arrayBuffer();
			if (res.status === 303) redeemMs.push(performance.now() - t0);
		}
		const f = summarise(full);
		const b = summarise(baseline);
		console.log(
			`\n${table(
				["variant", "req/s", "MB/s", "p50 ms", "p99 ms", "requests", "errors"],
				[
					["no checks (baseline)", String(b.rps), String(b.mb_per_s), String(b.p50_ms), String(b.p99_ms), String(b.requests), String(b.errors)],
					["signed download path", String(f.rps), String(f.mb_per_s), String(f.p50_ms), String(f.p99_ms), String(f.requests), String(f.errors)],
				],
			)}`,
		);
		const ratio = { throughput: round(f.rps / b.rps, 3), p50: round(f.p50_ms / b.p50_ms, 2), p99: round(f.p99_ms / b.p99_ms, 2) };
		console.log(`\nsigned path / baseline: throughput ×${ratio.throughput}, p50 ×${ratio.p50}, p99 ×${ratio.p99}`);
		console.log(
			`POST /download/:token (spends a use): p50 ${round(median(redeemMs), 1)} ms, p99 ${round(percentile(redeemMs, 99), 1)} ms over ${redeemMs.length} redemptions`,
		);
		console.log("note: both variants pass through wrangler dev's local proxy, which caps throughput well below workerd's own.");
		const line = JSON.stringify({
			bench: "download",
			date: new Date().toISOString(),
			cpus: cpus().length,
			package_bytes: size,
			concurrency: opts.concurrency,
			baseline: b,
			signed: f,
			ratio,
			redeem_p50_ms: round(median(redeemMs), 1),
			redeem_p99_ms: round(percentile(redeemMs, 99), 1),
			host: "wrangler dev",
		});
		console.log(line);
		if (opts.save) saveResult("download", line);
	} finally {
		await stack.stop();
		await llm.close();
	}
}

await main();
