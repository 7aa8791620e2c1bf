/**
 * GPU jobs end to end on one machine: the real gpu-gateway in this process (its default clocks
 * and concurrency, the `local` backend rendering with sharp) and `wrangler dev`, jobs submitted
 * through the Worker's admin API, results uploaded into R2 and announced by signed callbacks.
 * `node bench/gateway.ts [--jobs 50] [--timeout 300] [--outbox-concurrency N] [--save]`; an outbox
 * concurrency of 1 is the baseline of one callback or upload at a time.
 */
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { TERMINAL_STATUSES } from "../src/shared/gpu-jobs.ts";
import { type GpuStack, startGpuStack } from "../test/support/gpu-stack.ts";
import { median, percentile, round, saveResult, table } from "./stats.ts";

const POLL_MS = 500;
const TERMINAL_EVENTS = new Set(TERMINAL_STATUSES.map((status) => `job.${status}`));

type AdminJob = { id: string; status: string; artifacts: { r2_key?: string }[] };
type JobDetail = { job: AdminJob; events: { type: string; received_at: string }[] };

function options() {
	// strict: false because bench/run.ts forwards the same arguments to every benchmark.
	const { values } = parseArgs({
		options: { jobs: { type: "string" }, timeout: { type: "string" }, "outbox-concurrency": { type: "string" }, save: { type: "boolean" } },
		strict: false,
	});
	const jobs = Number.parseInt(typeof values.jobs === "string" ? values.jobs : "50", 10);
	const timeoutS = Number.parseInt(typeof values.timeout === "string" ? values.timeout : "300", 10);
	const outboxConcurrency = typeof values["outbox-concurrency"] === "string" ? Number.parseInt(values["outbox-concurrency"], 10) : undefined;
	if (!(jobs >= 1 && jobs <= 500 && timeoutS > 0)) throw new Error("--jobs must be 1-500 and --timeout a positive number of seconds");
	if (outboxConcurrency !== undefined && !(outboxConcurrency >= 1 && outboxConcurrency <= 64)) throw new Error("--outbox-concurrency must be 1-64");
	return { jobs, timeoutMs: timeoutS * 1000, outboxConcurrency, save: values.save === true };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Small `image.generate` jobs (512², no model, no signature), each with its own prompt and seed. */
function imageJob(owner: string, i: number) {
	return {
		kind: "image.generate",
		owner: { type: "bench", id: owner },
		input: { styleId: "bench-style", prompt: `bench image ${i}: a harbour at dawn`, seed: 1000 + i, aspect: "1:1" },
	};
}

/** Polls the owner's jobs (one list call per tick) until every one is terminal or time runs out. */
async function waitForAll(gpu: GpuStack, owner: string, count: number, timeoutMs: number): Promise<Map<string, AdminJob>> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const { jobs } = await gpu.admin<{ jobs: AdminJob[] }>(`/api/gpu/jobs?owner_type=bench&owner_id=${owner}&limit=100`);
		const done = jobs.filter((job) => (TERMINAL_STATUSES as readonly string[]).includes(job.status));
		if (done.length >= count || Date.now() > deadline) return new Map(jobs.map((job) => [job.id, job]));
		await sleep(POLL_MS);
	}
}

async function main() {
	const opts = options();
	console.log(`starting the gateway (in this process) and wrangler dev …`);
	const gpu = await startGpuStack(opts.outboxConcurrency === undefined ? {} : { outbox: { concurrency: opts.outboxConcurrency } });
	try {
		const owner = `run_${Date.now()}`;
		// Warm-up: the first job loads sharp and the Worker's modules; it is not counted.
		const warm = await gpu.admin<{ job: AdminJob }>("/api/gpu/jobs", { method: "POST", json: imageJob(`${owner}_warm`, -1) });
		await waitForAll(gpu, `${owner}_warm`, 1, 60_000);
		console.log(`warm-up job ${warm.job.id} done; submitting ${opts.jobs} jobs`);

		const cpuBefore = process.cpuUsage();
		const submittedAt = new Map<string, number>();
		const submitMs: number[] = [];
		const started = Date.now();
		for (let i = 0; i < opts.jobs; i++) {
			const t0 = performance.now();
			const sentAt = Date.now();
			const { job } = await gpu.admin<{ job: AdminJob }>("/api/gpu/jobs", { method: "POST", json: imageJob(owner, i) });
			submitMs.push(performance.now() - t0);
			submittedAt.set(job.id, sentAt);
		}
		const last = await waitForAll(gpu, owner, opts.jobs, opts.timeoutMs);
		const cpu = process.cpuUsage(cpuBefore);

		// The Worker's own record of each terminal callback: when it arrived, after the artifact upload.
		const latencyMs: number[] = [];
		const terminalAt: number[] = [];
		const statuses = new Map<string, number>();
		let uploaded = 0;
		let duplicateTerminal = 0;
		let callbacks = 0;
		const arrivals: number[] = [];
		for (const [id, sentAt] of submittedAt) {
			const detail = await gpu.admin<JobDetail>(`/api/gpu/jobs/${id}`);
			statuses.set(detail.job.status, (statuses.get(detail.job.status) ?? 0) + 1);
			if (detail.job.artifacts.length > 0 && detail.job.artifacts.every((artifact) => artifact.r2_key)) uploaded++;
			callbacks += detail.events.length;
			for (const event of detail.events) arrivals.push(Date.parse(event.received_at));
			const terminal = detail.events.filter((event) => TERMINAL_EVENTS.has(event.type));
			if (terminal.length > 1) duplicateTerminal++;
			const first = terminal[0];
			if (!first) continue;
			const at = Date.parse(first.received_at);
			terminalAt.push(at);
			latencyMs.push(at - sentAt);
		}
		const finished = terminalAt.length;
		const spanMs = finished > 0 ? Math.max(...terminalAt) - started : Number.NaN;
		const jobsPerMinute = finished / (spanMs / 60_000);
		const cpuMsPerJob = (cpu.user + cpu.system) / 1000 / opts.jobs;
		// Gaps between callback arrivals show what each costs (the outbox sends one per job at a time).
		arrivals.sort((a, b) => a - b);
		const gapsMs = arrivals.slice(1).map((at, i) => at - (arrivals[i] ?? at));

		console.log(
			`\n${table(
				["figure", "value"],
				[
					["jobs finished (terminal event at the Worker)", `${finished} / ${opts.jobs}`],
					["statuses", [...statuses].map(([status, n]) => `${status} ${n}`).join(", ")],
					["artifacts in R2", `${uploaded} / ${opts.jobs}`],
					["jobs with more than one terminal event", String(duplicateTerminal)],
					["callbacks received (all types)", `${callbacks} (${round(callbacks / opts.jobs, 1)} per job)`],
					["gap between callback arrivals p50 / p95", `${round(median(gapsMs), 0)} / ${round(percentile(gapsMs, 95), 0)} ms`],
					["first submit → last terminal event", `${round(spanMs / 1000, 1)} s`],
					["jobs per minute", String(round(jobsPerMinute, 1))],
					["latency submit → terminal event p50", `${round(median(latencyMs) / 1000, 2)} s`],
					["latency p95", `${round(percentile(latencyMs, 95) / 1000, 2)} s`],
					["latency max", `${round(Math.max(...latencyMs) / 1000, 2)} s`],
					["POST /api/gpu/jobs p50 / p95", `${round(median(submitMs), 1)} / ${round(percentile(submitMs, 95), 1)} ms`],
					["gateway process CPU per job (user+system)", `${round(cpuMsPerJob, 1)} ms`],
					["outbox concurrency (jobs delivered at once)", opts.outboxConcurrency === undefined ? "default (8)" : String(opts.outboxConcurrency)],
				],
			)}`,
		);
		console.log("note: CPU is this process (gateway + the benchmark's own polling); wrangler dev's CPU is separate and not counted.");
		const line = JSON.stringify({
			bench: "gateway",
			date: new Date().toISOString(),
			cpus: cpus().length,
			jobs: opts.jobs,
			finished,
			statuses: Object.fromEntries(statuses),
			uploaded,
			duplicate_terminal: duplicateTerminal,
			callbacks,
			callback_gap_p50_ms: round(median(gapsMs), 0),
			span_s: round(spanMs / 1000, 2),
			jobs_per_minute: round(jobsPerMinute, 1),
			latency_p50_s: round(median(latencyMs) / 1000, 2),
			latency_p95_s: round(percentile(latencyMs, 95) / 1000, 2),
			latency_max_s: round(Math.max(...latencyMs) / 1000, 2),
			submit_p50_ms: round(median(submitMs), 1),
			cpu_ms_per_job: round(cpuMsPerJob, 1),
			gateway_concurrency: 2,
			outbox_concurrency: opts.outboxConcurrency ?? 8,
			host: "wrangler dev",
		});
		console.log(line);
		if (opts.save) saveResult("gateway", line);
		if (finished < opts.jobs || last.size < opts.jobs) process.exitCode = 1;
	} finally {
		await gpu.stop();
	}
}

await main();
