/**
 * The paid portrait line on one machine: the real gpu-gateway (in this process, its default clocks,
 * the `local` backend) and `wrangler dev` with the `log` SMS provider.
 *
 * 1. Payment confirmed → SMS sent, over `--jobs` jobs (default 20) started back to back: each job is
 *    created, paid on the local provider's page (its webhook runs before the page answers), given a
 *    number and a 768×1024 photo at once, then watched until its "ready" SMS is accepted. The baseline
 *    in the same run is the portraits' own GPU job (the gateway's `portrait.generate`, submit →
 *    terminal), so the ratio prices everything around the GPU: queue hops, the report, the SMS.
 * 2. Deletion of `--expired` jobs (default 1,000) whose 24 hours ran out over the last 5 minutes (as
 *    they pile up between two cron runs): one cron run through `/__scheduled`, then the queue, until
 *    every job is a tombstone. Figures: the time, and the largest age of personal data observed
 *    (deleted − created; the promise is at most 24 h 15 min).
 * `node bench/portraits.ts [--jobs 20] [--expired 1000] [--timeout 600] [--save]`
 */
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { startGpuStack } from "../test/support/gpu-stack.ts";
import { photoJpeg } from "../test/support/photo-fixtures.ts";
import { median, percentile, round, saveResult, table } from "./stats.ts";

const POLL_MS = 250;
const DAY_MS = 24 * 3_600_000;
const PROMISE_MS = DAY_MS + 15 * 60_000;

function options() {
	const { values } = parseArgs({
		options: { jobs: { type: "string" }, expired: { type: "string" }, timeout: { type: "string" }, save: { type: "boolean" } },
		strict: false,
	});
	const number = (value: unknown, fallback: number) => (typeof value === "string" ? Number.parseInt(value, 10) : fallback);
	const jobs = number(values.jobs, 20);
	const expired = number(values.expired, 1_000);
	const timeoutMs = number(values.timeout, 600) * 1000;
	if (!(jobs >= 1 && jobs <= 200 && expired >= 1 && expired <= 2_000 && timeoutMs > 0)) throw new Error("--jobs 1-200, --expired 1-2000, --timeout > 0");
	return { jobs, expired, timeoutMs, save: values.save === true };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Created = { job: { id: string }; job_key: string; checkout_url: string };
type AdminDetail = { job: { status: string }; sms: { purpose: string; outcome: string; created_at: string }[] };
type GpuJobList = { jobs: { id: string; kind: string; status: string; created_at: string; updated_at: string }[] };
type Deletion = { total: number; deleted: number; max_age_ms: number | null; deleted_still_holding_phone: number; r2_objects: number };

async function main() {
	const opts = options();
	console.log("starting the gateway (in this process) and wrangler dev …");
	const gpu = await startGpuStack({}, { CHECKOUT_RATE_LIMIT_PER_MINUTE: "100000", BENCH_BASELINE: "enabled" }, { testScheduled: true });
	const base = gpu.stack.url;
	const call = async (path: string, init: RequestInit = {}) => {
		const res = await fetch(`${base}${path}`, { redirect: "manual", ...init });
		if (res.status >= 400) throw new Error(`${init.method ?? "GET"} ${path}: ${res.status} ${await res.text()}`);
		return res;
	};
	const photo = photoJpeg({ width: 768, height: 1024, clean: true });
	try {
		/** One job from payment to its photo; returns when the photo is accepted, with the time the payment was confirmed. */
		const start = async (i: number) => {
			const created = (await (await call("/api/portraits", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" })).json()) as Created;
			const { id } = created.job;
			const key = encodeURIComponent(created.job_key);
			await call(new URL(created.checkout_url).pathname, { method: "POST" });
			const paidAt = Date.now();
			await call(`/api/portraits/${id}/phone?key=${key}`, {
				method: "POST",
				headers: { "Content-Type": "application/json" },
				body: JSON.stringify({ phone: `010-2000-${2000 + i}` }),
			});
			const form = new FormData();
			form.set("file", new Blob([new Uint8Array(photo)], { type: "image/jpeg" }), "me.jpg");
			await call(`/api/portraits/${id}/photo?key=${key}`, { method: "POST", body: form });
			return { id, paidAt, uploadedAt: Date.now() };
		};
		// Warm-up: the first job loads sharp and the Worker's modules; it is not counted.
		const warm = await start(-1);
		await waitForSms(gpu.admin, warm.id, opts.timeoutMs);
		console.log(`warm-up job ${warm.id} done; ${opts.jobs} jobs`);

		const started = await Promise.all(Array.from({ length: opts.jobs }, (_, i) => start(i)));
		const toSms: number[] = [];
		const clientSteps: number[] = [];
		const gpuMs: number[] = [];
		for (const job of started) {
			const smsAt = await waitForSms(gpu.admin, job.id, opts.timeoutMs);
			toSms.push(smsAt - job.paidAt);
			clientSteps.push(job.uploadedAt - job.paidAt);
			const { jobs } = await gpu.admin<GpuJobList>(`/api/gpu/jobs?owner_type=portrait&owner_id=${job.id}&limit=10`);
			const portrait = jobs.find((candidate) => candidate.kind === "portrait.generate" && candidate.status === "succeeded");
			if (portrait) gpuMs.push(Date.parse(portrait.updated_at) - Date.parse(portrait.created_at));
		}

		// Deletion: seed, fire the cron once, wait for every tombstone.
		await call("/__bench/portraits/expired", {
			method: "POST",
			headers: { "Content-Type": "application/json" },
			body: JSON.stringify({ count: opts.expired }),
		});
		const before = (await (await call("/__bench/portraits/deletion")).json()) as Deletion;
		const sweepStarted = Date.now();
		await call(`/__scheduled?cron=${encodeURIComponent("*/5 * * * *")}`);
		let state = before;
		const deadline = Date.now() + opts.timeoutMs;
		while (state.deleted < before.deleted + opts.expired && Date.now() < deadline) {
			await sleep(1_000);
			state = (await (await call("/__bench/portraits/deletion")).json()) as Deletion;
		}
		const deletionMs = Date.now() - sweepStarted;
		const deleted = state.deleted - before.deleted;

		const p50 = median(toSms);
		const p95 = percentile(toSms, 95);
		const gpuP50 = median(gpuMs);
		console.log(
			`\n${table(
				["figure", "value"],
				[
					["jobs with the ready SMS accepted", `${toSms.length} / ${opts.jobs}`],
					["payment confirmed → SMS sent p50 / p95", `${round(p50 / 1000, 2)} / ${round(p95 / 1000, 2)} s`],
					["  of which phone + photo upload (client) p50", `${round(median(clientSteps) / 1000, 2)} s`],
					["baseline: portrait.generate on the gateway p50 / p95", `${round(gpuP50 / 1000, 2)} / ${round(percentile(gpuMs, 95) / 1000, 2)} s`],
					["ratio payment → SMS / GPU job (p50)", `${round(p50 / gpuP50, 2)}×`],
					["expired jobs deleted after one cron run", `${deleted} / ${opts.expired}`],
					["cron → last tombstone", `${round(deletionMs / 1000, 1)} s (${round(deleted / (deletionMs / 1000), 1)} jobs/s)`],
					["largest age of personal data observed", state.max_age_ms === null ? "—" : `${formatAge(state.max_age_ms)} (promise ${formatAge(PROMISE_MS)})`],
					["tombstones still holding a phone hash", String(state.deleted_still_holding_phone)],
					["R2 objects left under portraits/", `${state.r2_objects} (the ${opts.jobs + 1} live jobs' photos and portraits)`],
				],
			)}`,
		);
		console.log("note: under wrangler dev on this machine (not the workerd bench host); the cron runs every 5 minutes in production, once here.");
		const line = JSON.stringify({
			bench: "portraits",
			date: new Date().toISOString(),
			cpus: cpus().length,
			jobs: opts.jobs,
			sms_p50_ms: Math.round(p50),
			sms_p95_ms: Math.round(p95),
			gpu_p50_ms: Math.round(gpuP50),
			ratio_p50: round(p50 / gpuP50, 2),
			expired: opts.expired,
			deleted,
			deletion_ms: deletionMs,
			max_age_ms: state.max_age_ms,
		});
		console.log(line);
		if (opts.save) saveResult("portraits", line);
	} finally {
		await gpu.stop();
	}
}

/** Polls the admin API until the job's "ready" SMS is accepted; returns when the Worker recorded it. */
async function waitForSms(admin: <T>(path: string) => Promise<T>, jobId: string, timeoutMs: number): Promise<number> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const detail = await admin<AdminDetail>(`/api/portrait-jobs/${jobId}`);
		const sent = detail.sms.find((sms) => sms.purpose === "portrait_ready" && sms.outcome === "accepted");
		if (sent) return Date.parse(sent.created_at);
		if (detail.job.status === "failed") throw new Error(`job ${jobId} failed`);
		if (Date.now() > deadline) throw new Error(`job ${jobId}: no SMS within the timeout (status ${detail.job.status})`);
		await sleep(POLL_MS);
	}
}

function formatAge(ms: number): string {
	const hours = Math.floor(ms / 3_600_000);
	const minutes = Math.floor((ms % 3_600_000) / 60_000);
	const seconds = Math.round((ms % 60_000) / 1000);
	return `${hours} h ${minutes} min ${seconds} s`;
}

await main();
