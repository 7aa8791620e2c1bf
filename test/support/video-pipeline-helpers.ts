import { env } from "cloudflare:workers";
import { eq, sql } from "drizzle-orm";
import { getDb } from "../../src/db/client";
import { gpuJobs } from "../../src/db/schema";
import { projectRuns, projectScenes, projects, usageRecords } from "../../src/db/video-schema";
import { sha256Hex } from "../../src/lib/hash";
import { newId } from "../../src/lib/ids";
import type { GpuArtifact, GpuJobView, TtsTimings, VideoProbe } from "../../src/shared/gpu-jobs";
import { gatewayRequests, later } from "./generation-helpers";
import { gpuEventBody, postGpuEvent } from "./gpu-callbacks";
import { gatewayToken, jobView, setGatewayJob } from "./gpu-helpers";
import { api } from "./helpers";
import type { TestUser } from "./user-helpers";
import { userApi } from "./user-helpers";

/**
 * Playing the GPU gateway for the video pipeline (src/video/pipeline): the pipeline submits a
 * job per step (Idempotency-Key `video:<runId>:<part>:<n>`, owner `video_project:<projectId>`);
 * a test finds it by its key, uploads its artifacts through the Worker's artifact endpoint,
 * stores the succeeded (or failed) view at the fake gateway and posts the signed callback,
 * exactly as the gateway would.
 */

const db = () => getDb(env.DB);

/** A project of the user, stored straight in D1 (a draft with a keyword unless told). */
export async function seedProject(who: TestUser, values: Partial<typeof projects.$inferInsert> = {}): Promise<typeof projects.$inferSelect> {
	const id = newId("proj");
	const [row] = await db()
		.insert(projects)
		.values({ id, userId: who.user.id, title: "My short", keyword: "홈카페 라떼", ...values })
		.returning();
	if (!row) throw new Error("project not stored");
	return row;
}

export async function projectRow(id: string) {
	return db().query.projects.findFirst({ where: eq(projects.id, id) });
}

export async function scenesRows(projectId: string) {
	return db().query.projectScenes.findMany({ where: eq(projectScenes.projectId, projectId), orderBy: (s, { asc }) => [asc(s.position)] });
}

export async function runsOf(projectId: string) {
	return db().query.projectRuns.findMany({ where: eq(projectRuns.projectId, projectId), orderBy: (r, { asc }) => [asc(r.createdAt), asc(r.id)] });
}

export async function usageOf(userId: string) {
	return db().query.usageRecords.findMany({ where: eq(usageRecords.userId, userId), orderBy: (u, { asc }) => [asc(u.createdAt), asc(u.id)] });
}

/** The pipeline's job submissions the fake gateway received for a run (`POST /v1/jobs`), in order. */
export async function runJobRequests(runId: string) {
	return (await gatewayRequests()).filter((r) => r.method === "POST" && r.path === "/v1/jobs" && r.idempotency_key?.startsWith(`video:${runId}:`));
}

/** The mirror row of the job submitted under `key`. */
export async function jobOfKey(key: string) {
	const row = await db().query.gpuJobs.findFirst({ where: eq(gpuJobs.idempotencyKey, key) });
	if (!row) throw new Error(`no job submitted under ${key}`);
	return row;
}

/** The keys of a run's jobs of one part (`images`, `voice`, …), submitted so far. */
export async function runJobKeys(runId: string, part: string): Promise<string[]> {
	const rows = await db()
		.select({ key: gpuJobs.idempotencyKey })
		.from(gpuJobs)
		// D1 finds LIKE patterns this long too complex: compare the prefix instead.
		.where(sql`substr(${gpuJobs.idempotencyKey}, 1, ${`video:${runId}:${part}:`.length}) = ${`video:${runId}:${part}:`}`);
	return rows.map((row) => row.key).sort();
}

/** Uploads one artifact of a job through the Worker's artifact endpoint, as the gateway does before `job.succeeded`. */
export async function uploadArtifact(jobId: string, name: string, bytes: Uint8Array, contentType: string): Promise<GpuArtifact> {
	const sha256 = await sha256Hex(bytes);
	const res = await api(`/internal/gpu/artifacts/${jobId}/${name}`, {
		method: "PUT",
		body: bytes,
		auth: await gatewayToken(),
		headers: { "content-type": contentType, "content-length": String(bytes.byteLength), "x-content-sha256": sha256 },
	});
	if (res.status !== 201 && res.status !== 200) throw new Error(`artifact upload refused: ${res.status} ${await res.text()}`);
	return { name, sha256, size: bytes.byteLength, content_type: contentType };
}

const text = (value: string) => new TextEncoder().encode(value);

/** Stores the job's view at the fake gateway and delivers its signed callback. */
async function report(key: string, overrides: Partial<GpuJobView>): Promise<string> {
	const job = await jobOfKey(key);
	const view = jobView({
		id: job.id,
		kind: job.kind as GpuJobView["kind"],
		owner: { type: job.ownerType, id: job.ownerId },
		updated_at: later(),
		attempt: 1,
		...overrides,
	});
	await setGatewayJob(view);
	const res = await postGpuEvent(gpuEventBody(job.id, `job.${view.status}` as "job.running", { status: view.status, progress: view.progress }));
	if (res.status !== 200) throw new Error(`callback refused: ${res.status} ${await res.text()}`);
	return job.id;
}

/** The job under `key` reports progress. */
export async function playRunning(key: string, percent: number) {
	return report(key, { status: "running", progress: { percent, step: "render" } });
}

/** The job under `key` succeeds with these artifacts (uploaded first). */
export async function playSucceeded(key: string, files: { name: string; bytes: Uint8Array; type: string }[]) {
	const job = await jobOfKey(key);
	const artifacts = [];
	for (const file of files) artifacts.push(await uploadArtifact(job.id, file.name, file.bytes, file.type));
	return report(key, { status: "succeeded", progress: { percent: 100, step: "done" }, artifacts });
}

/** The job under `key` fails for good. */
export async function playFailed(key: string, code = "BACKEND_ERROR") {
	return report(key, { status: "failed", progress: { percent: 10, step: "render" }, error: { code, message: "the backend gave up", retryable: false } });
}

/** The gateway's offline answer to `llm.text`: a Markdown note, not the timestamped format. */
export const OFFLINE_LLM_ANSWER = "# Note\n\nThe gateway wrote this locally. (no LLM configured)\n";

export function playScript(runId: string, answer = OFFLINE_LLM_ANSWER) {
	return playSucceeded(`video:${runId}:script:0`, [{ name: "text.md", bytes: text(answer), type: "text/markdown" }]);
}

let imagesMade = 0;
/** A few bytes standing for a PNG, different for every image made (so every image has its own digest). */
export function sceneImageBytes(): Uint8Array {
	imagesMade += 1;
	return new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new TextEncoder().encode(`image ${imagesMade} ${crypto.randomUUID()}`)]);
}

/** Succeeds the image job under `key`. */
export function playImage(key: string) {
	return playSucceeded(key, [{ name: "image.png", bytes: sceneImageBytes(), type: "image/png" }]);
}

/** Timings of the voice for `sentences`, spread over `durationMs`. */
export function timingsFor(sentences: string[], durationMs = 30_000): TtsTimings {
	const each = Math.floor(durationMs / Math.max(1, sentences.length));
	return { duration_ms: durationMs, sentences: sentences.map((s, i) => ({ text: s, start_ms: i * each, end_ms: (i + 1) * each })) };
}

/** Succeeds the run's voice job (try `n`), its timings from the sentences it was asked to speak, lasting `durationMs`. */
export async function playVoice(runId: string, n = 0, durationMs = 30_000) {
	const key = `video:${runId}:voice:${n}`;
	const request = (await gatewayRequests()).find((r) => r.idempotency_key === key);
	const sentences = ((request?.body as { input?: { sentences?: string[] } })?.input?.sentences ?? ["안녕하세요."]) as string[];
	return playSucceeded(key, [
		{ name: "voice.wav", bytes: text(`RIFF....WAVEfmt voice of ${runId}`), type: "audio/wav" },
		{ name: "timings.json", bytes: text(JSON.stringify(timingsFor(sentences, durationMs))), type: "application/json" },
	]);
}

/** A probe of a good 30-second 9:16 composition. */
export const GOOD_PROBE: VideoProbe = { duration_ms: 30_040, width: 1080, height: 1920, video_codec: "h264", audio_codec: "aac", subtitles_burned: true };

/** Succeeds the run's composition with `probe`. */
export function playCompose(runId: string, probe: VideoProbe = GOOD_PROBE) {
	return playSucceeded(`video:${runId}:compose:0`, [
		{ name: "video.mp4", bytes: text(`....ftypisom video of ${runId}`), type: "video/mp4" },
		{ name: "thumbnail.jpg", bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), type: "image/jpeg" },
		{ name: "probe.json", bytes: text(JSON.stringify(probe)), type: "application/json" },
	]);
}

/** `POST /api/projects/:id/generate-all` as the user's browser. */
export function generateAll(who: TestUser, projectId: string, body: Record<string, unknown> = { keyword: "홈카페 라떼" }) {
	return userApi(who, `/api/projects/${projectId}/generate-all`, { method: "POST", json: body });
}

/** The run's status as the project page polls it. */
export async function runStatus(who: TestUser, projectId: string, runId: string) {
	const res = await userApi(who, `/api/projects/${projectId}/generation-status/${runId}`);
	return { status: res.status, body: (await res.json()) as Record<string, unknown> & { status: string; progress: number; current_step: string } };
}

/** Starts generate-all and returns the run id (expects 202). */
export async function startAll(who: TestUser, projectId: string, body?: Record<string, unknown>): Promise<string> {
	const res = await generateAll(who, projectId, body);
	if (res.status !== 202) throw new Error(`generate-all refused: ${res.status} ${await res.text()}`);
	return ((await res.json()) as { job_id: string }).job_id;
}

/** Plays every pending image job of the run. */
export async function playAllImages(runId: string) {
	for (const key of await runJobKeys(runId, "images")) {
		const job = await jobOfKey(key);
		if (job.status !== "succeeded") await playImage(key);
	}
}

/** Plays a whole run from the script to the composition (offline script), leaving it completed. */
export async function playWholeRun(runId: string) {
	await playScript(runId);
	await playAllImages(runId);
	await playVoice(runId);
	await playCompose(runId);
}
