/**
 * Short videos on one machine: keyword → a ready 30-second 9:16 video on the local backend (the
 * real gpu-gateway in this process with its default clocks: espeak-ng for the voice, ffmpeg for the
 * composition) and `wrangler dev` of the Worker, signed in through the development OIDC issuer as a
 * browser would. One project is made per run (`--runs`, default 1): `POST /api/projects`, `POST
 * …/generate-all`, then `GET …/generation-status/:jobId` every second until it is completed. A step's
 * time is from the first poll that shows it as the current step to the first that shows the next
 * one (or the end); the total is from generate-all to the completed status. The target
 * (docs/video.md, the issue) is under 5 minutes. The finished MP4 is fetched through the owner's
 * stream and probed with ffprobe, so the figure is for a real 1080×1920 video with sound.
 * `node bench/video.ts [--runs 1] [--keyword 제주 여행] [--duration 30] [--timeout 600] [--save]`
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startGpuStack } from "../test/support/gpu-stack.ts";
import { median, round, saveResult, table } from "./stats.ts";

/** Once a second: the user API allows 100 requests a minute (USER_API_RATE_LIMIT_PER_MINUTE). */
const POLL_MS = 1_000;
const TARGET_MS = 5 * 60_000;
const STEPS = ["script", "images", "voice", "compose", "qa"] as const;

function options() {
	const { values } = parseArgs({
		options: { runs: { type: "string" }, keyword: { type: "string" }, duration: { type: "string" }, timeout: { type: "string" }, save: { type: "boolean" } },
		strict: false,
	});
	const number = (value: unknown, fallback: number) => (typeof value === "string" ? Number.parseInt(value, 10) : fallback);
	const runs = number(values.runs, 1);
	const durationS = number(values.duration, 30);
	const timeoutMs = number(values.timeout, 600) * 1000;
	const keyword = typeof values.keyword === "string" ? values.keyword : "제주 여행";
	if (!(runs >= 1 && runs <= 10 && durationS >= 15 && durationS <= 60 && timeoutMs > 0)) throw new Error("--runs 1-10, --duration 15-60, --timeout > 0");
	return { runs, durationS, timeoutMs, keyword, save: values.save === true };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Session = { cookie: string; csrf: string };
type Status = { status: string; progress: number; current_step: string; error?: { step: string; code: string; message: string } };
type ProjectView = { id: string; video?: { url: string; duration_s: number; width: number; height: number } };

/** The cookie pair named `name` of a response's Set-Cookie, or null. */
function cookieOf(res: Response, name: string): string | null {
	const value = new RegExp(`(?:^|[\\s,])${name}=([^;]+)`).exec(res.headers.get("Set-Cookie") ?? "")?.[1];
	return value ? `${name}=${value}` : null;
}

/**
 * Signs in through the Worker's OpenID Connect flow against the development issuer, as a browser:
 * `/auth/login`, the issuer's `/authorize` with `auto=1` and the e-mail, the Worker's callback.
 */
async function signIn(base: string, email: string, name: string): Promise<Session> {
	const login = await fetch(`${base}/auth/login`, { redirect: "manual" });
	const signinCookie = cookieOf(login, "ef_signin");
	if (login.status !== 302 || !signinCookie) throw new Error(`/auth/login answered ${login.status}`);
	const authorize = new URL(login.headers.get("Location") ?? "");
	authorize.searchParams.set("auto", "1");
	authorize.searchParams.set("login_hint", email);
	authorize.searchParams.set("name", name);
	const issued = await fetch(authorize, { redirect: "manual" });
	if (issued.status !== 302) throw new Error(`the issuer answered ${issued.status}`);
	const callback = new URL(issued.headers.get("Location") ?? "");
	const back = await fetch(`${base}${callback.pathname}${callback.search}`, { redirect: "manual", headers: { Cookie: signinCookie } });
	const cookie = cookieOf(back, "ef_user");
	if (!cookie) throw new Error(`the callback answered ${back.status} without a session`);
	const me = (await (await fetch(`${base}/api/me`, { headers: { Cookie: cookie } })).json()) as { csrf_token: string };
	return { cookie, csrf: me.csrf_token };
}

/** One keyword → ready video, with each step's time from the status polls. */
async function oneVideo(base: string, session: Session, opts: ReturnType<typeof options>, n: number) {
	const call = async <T>(path: string, init: { method?: string; json?: unknown } = {}): Promise<T> => {
		const res = await fetch(`${base}${path}`, {
			method: init.method ?? "GET",
			headers: { Cookie: session.cookie, "X-CSRF-Token": session.csrf, ...(init.json === undefined ? {} : { "Content-Type": "application/json" }) },
			...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
		});
		if (res.status >= 400) throw new Error(`${init.method ?? "GET"} ${path}: ${res.status} ${await res.text()}`);
		return (await res.json()) as T;
	};
	const { project } = await call<{ project: ProjectView }>("/api/projects", {
		method: "POST",
		json: { type: "shortform", title: `벤치마크 ${n + 1}: ${opts.keyword}`, keyword: opts.keyword, aspect: "9:16", duration_s: opts.durationS },
	});
	const started = Date.now();
	const { job_id: jobId } = await call<{ job_id: string }>(`/api/projects/${project.id}/generate-all`, { method: "POST", json: { keyword: opts.keyword } });
	const firstSeen = new Map<string, number>();
	const deadline = started + opts.timeoutMs;
	let status: Status;
	for (;;) {
		status = await call<Status>(`/api/projects/${project.id}/generation-status/${jobId}`);
		if (!firstSeen.has(status.current_step)) firstSeen.set(status.current_step, Date.now());
		if (status.status === "completed" || status.status === "failed") break;
		if (Date.now() > deadline) throw new Error(`run ${jobId}: not finished within the timeout (at ${status.current_step}, ${status.progress} %)`);
		await sleep(POLL_MS);
	}
	const endedAt = Date.now();
	if (status.status === "failed") throw new Error(`run ${jobId} failed at ${status.error?.step}: ${status.error?.code} ${status.error?.message}`);
	const seen = STEPS.filter((step) => firstSeen.has(step));
	const stepMs = Object.fromEntries(
		seen.map((step, i) => {
			const next = seen[i + 1];
			return [step, (next ? (firstSeen.get(next) ?? endedAt) : endedAt) - (firstSeen.get(step) ?? started)];
		}),
	) as Record<string, number>;
	const { project: done } = await call<{ project: ProjectView }>(`/api/projects/${project.id}`);
	return { projectId: project.id, totalMs: endedAt - started, stepMs, probe: await probeVideo(base, session, done) };
}

/** The owner's stream of the MP4, probed with ffprobe: its streams, size and duration. */
async function probeVideo(base: string, session: Session, project: ProjectView) {
	if (!project.video) throw new Error(`project ${project.id} is ready without a video`);
	const res = await fetch(`${base}${project.video.url}`, { headers: { Cookie: session.cookie } });
	if (!res.ok) throw new Error(`GET ${project.video.url}: ${res.status}`);
	const dir = mkdtempSync(join(tmpdir(), "bench-video-"));
	try {
		const file = join(dir, "video.mp4");
		const bytes = new Uint8Array(await res.arrayBuffer());
		writeFileSync(file, bytes);
		const probe = spawnSync("ffprobe", ["-v", "error", "-show_entries", "stream=codec_type,codec_name,width,height:format=duration", "-of", "json", file], {
			encoding: "utf8",
		});
		if (probe.status !== 0) throw new Error(`ffprobe failed: ${probe.stderr}`);
		const parsed = JSON.parse(probe.stdout) as {
			streams: { codec_type: string; codec_name: string; width?: number; height?: number }[];
			format: { duration: string };
		};
		const video = parsed.streams.find((s) => s.codec_type === "video");
		const audio = parsed.streams.find((s) => s.codec_type === "audio");
		return {
			bytes: bytes.byteLength,
			durationS: Number(parsed.format.duration),
			video: video ? `${video.codec_name} ${video.width}×${video.height}` : "none",
			audio: audio ? audio.codec_name : "none",
		};
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

async function main() {
	const opts = options();
	console.log("starting the gateway (in this process, default clocks, local backend) and wrangler dev …");
	const gpu = await startGpuStack({}, {}, { withDevIssuer: true });
	try {
		const base = gpu.stack.url;
		const session = await signIn(base, `bench-${crypto.randomUUID().slice(0, 8)}@example.com`, "벤치 사용자");
		const results: Awaited<ReturnType<typeof oneVideo>>[] = [];
		for (let n = 0; n < opts.runs; n++) {
			const result = await oneVideo(base, session, opts, n);
			console.log(`run ${n + 1}: ${round(result.totalMs / 1000, 1)} s (${result.projectId})`);
			results.push(result);
		}
		const totals = results.map((r) => r.totalMs);
		const total = median(totals);
		const stepMedian = (step: string) => median(results.map((r) => r.stepMs[step] ?? 0));
		const last = results.at(-1);
		console.log(
			`\n${table(
				["figure", "value"],
				[
					[`keyword → ready ${opts.durationS} s 9:16 video (median of ${opts.runs})`, `${round(total / 1000, 1)} s`],
					...STEPS.map((step) => [
						`  step ${step}`,
						results.some((r) => step in r.stepMs) ? `${round(stepMedian(step) / 1000, 1)} s` : `under ${POLL_MS / 1000} s (between two polls)`,
					]),
					["ratio to the 5-minute target", `${round(total / TARGET_MS, 2)}× (${total < TARGET_MS ? "under" : "over"} the target)`],
					[
						"the video (ffprobe)",
						last ? `${last.probe.video}, ${last.probe.audio}, ${round(last.probe.durationS, 2)} s, ${round(last.probe.bytes / 1024, 0)} KiB` : "—",
					],
				],
			)}`,
		);
		console.log(`note: wrangler dev and the local backend (espeak-ng, ffmpeg) on this ${cpus().length}-core machine, default gateway clocks.`);
		const line = JSON.stringify({
			bench: "video",
			date: new Date().toISOString(),
			cpus: cpus().length,
			runs: opts.runs,
			duration_s: opts.durationS,
			total_ms: Math.round(total),
			steps_ms: Object.fromEntries(STEPS.map((step) => [step, Math.round(stepMedian(step))])),
			ratio_to_target: round(total / TARGET_MS, 3),
			video: last?.probe ?? null,
		});
		console.log(line);
		if (opts.save) saveResult("video", line);
	} finally {
		await gpu.stop();
	}
}

await main();
