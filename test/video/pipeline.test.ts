import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../src/db/client";
import { brandProfiles, imageCache, projectRuns, scriptCache, usageRecords, videoSlots } from "../../src/db/video-schema";
import { newId } from "../../src/lib/ids";
import { projectProgressOwner } from "../../src/video/pipeline/progress";
import { scriptScenes } from "../../src/video/pipeline/scenes";
import { parseScript } from "../../src/video/pipeline/script-format";
import { BUILT_IN_TEMPLATES, builtInTemplate } from "../../src/video/templates/built-in";
import { gatewayRequests } from "../support/generation-helpers";
import { openProgressSocket, progressToken } from "../support/gpu-callbacks";
import { inOneRateWindow } from "../support/rate-window";
import { createTestUser, userApi } from "../support/user-helpers";
import {
	GOOD_PROBE,
	generateAll,
	jobOfKey,
	playAllImages,
	playCompose,
	playFailed,
	playImage,
	playRunning,
	playScript,
	playVoice,
	playWholeRun,
	projectRow,
	runJobKeys,
	runJobRequests,
	runStatus,
	runsOf,
	scenesRows,
	seedProject,
	startAll,
	usageOf,
} from "../support/video-pipeline-helpers";

const db = () => getDb(env.DB);

/** The usage rows as `[resource, cost, saved, cacheHit]`, for comparing what was spent. */
async function spent(userId: string) {
	return (await usageOf(userId)).map((row) => [row.resource, row.costCents, row.savedCents, row.cacheHit]);
}

describe("video pipeline: a whole run", () => {
	it("keyword → script → images → voice → compose → QA → ready, with progress, usage rows, R2 files; duplicate callbacks change nothing", async () => {
		const who = await createTestUser();
		const project = await seedProject(who, { keyword: "" });
		const runId = await startAll(who, project.id, { keyword: "홈카페 라떼 만들기" });
		expect(runId).toMatch(/^vjob_/);

		let status = await runStatus(who, project.id, runId);
		expect(status.status).toBe(200);
		expect(status.body).toMatchObject({ status: "processing", progress: 0, current_step: "script" });
		expect((await projectRow(project.id))?.status).toBe("processing");
		expect((await projectRow(project.id))?.keyword).toBe("홈카페 라떼 만들기");
		const [scriptRequest] = await runJobRequests(runId);
		expect(scriptRequest?.idempotency_key).toBe(`video:${runId}:script:0`);
		const scriptBody = scriptRequest?.body as { kind: string; owner: unknown; input: { prompt: string } };
		expect(scriptBody.kind).toBe("llm.text");
		expect(scriptBody.owner).toEqual({ type: "video_project", id: project.id });
		expect(scriptBody.input.prompt).toContain("홈카페 라떼 만들기");
		expect(scriptBody.input.prompt).toContain("[INTRO 0:00–0:03]");
		expect(scriptBody.input.prompt).toContain("Korean");

		await playRunning(`video:${runId}:script:0`, 50);
		expect((await runStatus(who, project.id, runId)).body.progress).toBe(11);

		// Offline, the gateway answers a Markdown note: the template writes the script, and says so.
		await playScript(runId);
		const scripted = await projectRow(project.id);
		expect(scripted?.scriptSource).toBe("template");
		expect(scripted?.script).toMatch(/^\[INTRO 0:00–0:03\] .+\n\[MAIN 0:03–0:10\] .+/);
		expect(scripted?.script).toContain("[OUTRO 0:25–0:30]");
		status = await runStatus(who, project.id, runId);
		expect(status.body).toMatchObject({ status: "processing", progress: 25, current_step: "images" });

		const scenes = await scenesRows(project.id);
		expect(scenes.map((s) => [s.section, s.startMs, s.endMs])).toEqual([
			["INTRO", 0, 3000],
			["MAIN", 3000, 10000],
			["MAIN", 10000, 18000],
			["MAIN", 18000, 25000],
			["OUTRO", 25000, 30000],
		]);
		const imageKeys = await runJobKeys(runId, "images");
		expect(imageKeys).toHaveLength(5);
		const imageRequest = (await runJobRequests(runId)).find((r) => r.idempotency_key === imageKeys[0]);
		expect(imageRequest?.body).toMatchObject({ kind: "image.generate", input: { aspect: "9:16", styleId: "video-default" } });

		await playImage(imageKeys[0] as string);
		await playImage(imageKeys[1] as string);
		expect((await runStatus(who, project.id, runId)).body).toMatchObject({ progress: 35, current_step: "images" });
		await playImage(imageKeys[2] as string);
		await playImage(imageKeys[3] as string);
		await playImage(imageKeys[4] as string);
		expect((await runStatus(who, project.id, runId)).body).toMatchObject({ progress: 50, current_step: "voice" });
		const voiceRequest = (await runJobRequests(runId)).find((r) => r.idempotency_key === `video:${runId}:voice:0`);
		// The brand-less default speed 1, or a little faster where the template's words need it to fit 30 s.
		expect(voiceRequest?.body).toMatchObject({ kind: "tts.speak", input: { language: "ko" } });
		const speed = (voiceRequest?.body as { input?: { speed?: number } } | undefined)?.input?.speed;
		expect(speed).toBeGreaterThanOrEqual(1);
		expect(speed).toBeLessThan(1.2);

		await playVoice(runId);
		const voiced = await projectRow(project.id);
		expect(voiced?.voiceR2Key).toMatch(new RegExp(`^gpu-inputs/video/projects/${project.id}/voice-`));
		expect(voiced?.subtitlesSrt).toMatch(/^1\n00:00:00,000 --> /);
		expect((await runStatus(who, project.id, runId)).body).toMatchObject({ progress: 75, current_step: "compose" });
		const composeRequest = (await runJobRequests(runId)).find((r) => r.idempotency_key === `video:${runId}:compose:0`);
		const composeInput = (
			composeRequest as unknown as {
				body: { input: { scenes: { image: { r2Key: string }; end_ms: number }[]; voice: { r2Key: string }; subtitles: unknown[]; aspect: string } };
			}
		).body.input;
		expect(composeInput.scenes).toHaveLength(5);
		expect(composeInput.scenes.every((s) => s.image.r2Key.startsWith(`gpu-inputs/video/projects/${project.id}/scene-`))).toBe(true);
		expect(composeInput.voice.r2Key).toBe(voiced?.voiceR2Key);
		expect(composeInput.subtitles.length).toBeGreaterThan(0);
		expect(composeInput.aspect).toBe("9:16");
		// Each scene lasts while its words are spoken (the played voice gives each of its 8 sentences 3.75 s), the
		// last held for the voice's last words and a breath (30 s of voice here).
		expect(composeInput.scenes.map((scene) => scene.end_ms)).toEqual([3750, 11250, 18750, 26250, 30300]);

		await playCompose(runId);
		status = await runStatus(who, project.id, runId);
		expect(status.body).toMatchObject({ status: "completed", progress: 100, current_step: "qa" });
		const result = status.body.result as { project: { status: string; video: { url: string; width: number; height: number } } };
		expect(result.project.status).toBe("ready");
		expect(result.project.video).toMatchObject({ url: `/api/projects/${project.id}/video`, width: 1080, height: 1920 });

		const ready = await projectRow(project.id);
		expect(ready?.status).toBe("ready");
		expect(JSON.parse(ready?.qaReport ?? "{}")).toMatchObject({ passed: true });
		for (const key of [ready?.videoR2Key, ready?.thumbnailR2Key, ready?.voiceR2Key, ...(await scenesRows(project.id)).map((s) => s.imageR2Key)]) {
			expect(key).toBeTruthy();
			expect(await env.FILES.head(key as string)).not.toBeNull();
		}
		// Every provider call is one usage row, priced from USAGE_PRICES (llm 2, image 4, tts 1/1000 chars, compose 10/min).
		const rows = await spent(who.user.id);
		expect(rows).toContainEqual(["llm.text", 2, 0, false]);
		expect(rows.filter((r) => r[0] === "image.generate")).toEqual(Array(5).fill(["image.generate", 4, 0, false]));
		expect(rows).toContainEqual(["tts.speak", 1, 0, false]);
		expect(rows).toContainEqual(["video.compose", 6, 0, false]);
		expect(rows).toHaveLength(8);
		const [run] = await runsOf(project.id);
		expect(run).toMatchObject({ status: "completed", costCents: 2 + 20 + 1 + 6, firstStep: "script", reusedSteps: "[]" });
		expect(await db().query.videoSlots.findMany({ where: eq(videoSlots.projectId, project.id) })).toHaveLength(1);

		// Copied to the project's files, the jobs' own artifacts are deleted.
		const composeJob = await jobOfKey(`video:${runId}:compose:0`);
		expect(await env.FILES.head(`gpu/${composeJob.id}/video.mp4`)).toBeNull();
		expect(await env.FILES.head(`gpu/${(await jobOfKey(imageKeys[0] as string)).id}/image.png`)).toBeNull();

		// The same reports again (a retried callback, a sweep): no new rows, no new jobs, same state.
		const before = (await runJobRequests(runId)).length;
		await playCompose(runId);
		await playImage(imageKeys[0] as string);
		await playVoice(runId);
		expect(await spent(who.user.id)).toEqual(rows);
		expect((await runJobRequests(runId)).length).toBe(before);
		expect((await projectRow(project.id))?.status).toBe("ready");

		const history = await userApi(who, `/api/projects/${project.id}/runs`);
		expect(history.status).toBe(200);
		expect(((await history.json()) as { runs: { job_id: string; status: string; cost_cents: number }[] }).runs).toMatchObject([
			{ job_id: runId, status: "completed", cost_cents: 29 },
		]);
	});
});

describe("video pipeline: resume, caches, QA", () => {
	it("resumes a failed run at the failed step (script, images, voice, compose, qa) without redoing or re-paying finished steps", async () => {
		const who = await createTestUser();
		const project = await seedProject(who, { keyword: "캠핑 요리" });

		// 1. The script fails: nothing else is asked for; the project is failed; status names the step and code.
		const run1 = await startAll(who, project.id, { keyword: "캠핑 요리" });
		await playFailed(`video:${run1}:script:0`, "LLM_DOWN");
		const failed1 = await runStatus(who, project.id, run1);
		expect(failed1.body).toMatchObject({ status: "failed", current_step: "script", error: { step: "script", code: "LLM_DOWN" } });
		expect((await projectRow(project.id))?.status).toBe("failed");
		expect((await runJobRequests(run1)).map((r) => r.idempotency_key)).toEqual([`video:${run1}:script:0`]);
		expect(await spent(who.user.id)).toEqual([]);

		// 2. Resume: the script again; one image fails.
		const run2 = await startAll(who, project.id, { keyword: "캠핑 요리" });
		expect((await runsOf(project.id)).find((r) => r.id === run2)).toMatchObject({ firstStep: "script", reusedSteps: "[]" });
		await playScript(run2);
		const keys2 = await runJobKeys(run2, "images");
		expect(keys2).toHaveLength(5);
		for (const key of keys2.slice(0, 4)) await playImage(key);
		await playFailed(keys2[4] as string);
		expect((await runStatus(who, project.id, run2)).body).toMatchObject({
			status: "failed",
			current_step: "images",
			error: { step: "images", code: "BACKEND_ERROR" },
		});
		const scriptAfter2 = (await projectRow(project.id))?.script;
		expect((await scenesRows(project.id)).filter((s) => s.imageR2Key)).toHaveLength(4);
		const usage2 = await spent(who.user.id);
		expect(usage2.filter((r) => r[0] === "llm.text")).toHaveLength(1);
		expect(usage2.filter((r) => r[0] === "image.generate")).toHaveLength(4);

		// 3. Resume at images: only the missing scene is asked for; the script is reused (no llm job, no usage row).
		const run3 = await startAll(who, project.id, { keyword: "캠핑 요리" });
		expect((await runsOf(project.id)).find((r) => r.id === run3)).toMatchObject({ firstStep: "images", reusedSteps: '["script"]' });
		expect((await runStatus(who, project.id, run3)).body).toMatchObject({ progress: 25, current_step: "images" });
		expect((await runJobRequests(run3)).map((r) => r.idempotency_key)).toEqual([`video:${run3}:images:4`]);
		expect((await projectRow(project.id))?.script).toBe(scriptAfter2);
		await playImage(`video:${run3}:images:4`);
		await playFailed(`video:${run3}:voice:0`, "TTS_FAILED");
		expect((await runStatus(who, project.id, run3)).body).toMatchObject({ status: "failed", error: { step: "voice", code: "TTS_FAILED" } });

		// 4. Resume at voice: script and images reused.
		const run4 = await startAll(who, project.id, { keyword: "캠핑 요리" });
		expect((await runsOf(project.id)).find((r) => r.id === run4)).toMatchObject({ firstStep: "voice", reusedSteps: '["script","images"]' });
		expect((await runJobRequests(run4)).map((r) => r.idempotency_key)).toEqual([`video:${run4}:voice:0`]);
		await playVoice(run4);
		await playFailed(`video:${run4}:compose:0`, "FFMPEG_FAILED");
		expect((await runStatus(who, project.id, run4)).body).toMatchObject({ status: "failed", error: { step: "compose", code: "FFMPEG_FAILED" } });
		const voiceKey = (await projectRow(project.id))?.voiceR2Key;

		// 5. Resume at compose; the video it makes fails QA (no subtitles burned in, too short): the run fails at qa naming the checks.
		const run5 = await startAll(who, project.id, { keyword: "캠핑 요리" });
		expect((await runsOf(project.id)).find((r) => r.id === run5)).toMatchObject({ firstStep: "compose", reusedSteps: '["script","images","voice"]' });
		expect((await runJobRequests(run5)).map((r) => r.idempotency_key)).toEqual([`video:${run5}:compose:0`]);
		await playCompose(run5, { ...GOOD_PROBE, duration_ms: 20_000, subtitles_burned: false });
		const qaFailed = await runStatus(who, project.id, run5);
		expect(qaFailed.body).toMatchObject({ status: "failed", current_step: "qa", error: { step: "qa", code: "QA_FAILED" } });
		expect((qaFailed.body.error as { message: string }).message).toBe("QA failed: duration, subtitles, narration.");
		const afterQa = await projectRow(project.id);
		expect(afterQa).toMatchObject({ status: "failed", videoR2Key: null, voiceR2Key: voiceKey });
		const report = JSON.parse(afterQa?.qaReport ?? "{}") as { passed: boolean; checks: { name: string; passed: boolean }[] };
		expect(report.passed).toBe(false);
		expect(report.checks.filter((c) => !c.passed).map((c) => c.name)).toEqual(["duration", "subtitles", "narration"]);

		// 6. Resume: composes again (the failed video is gone), QA passes, ready. No llm, image or tts job in runs 4–6 beyond the voice.
		const usageBefore6 = await spent(who.user.id);
		const run6 = await startAll(who, project.id, { keyword: "캠핑 요리" });
		expect((await runsOf(project.id)).find((r) => r.id === run6)).toMatchObject({ firstStep: "compose", reusedSteps: '["script","images","voice"]' });
		await playCompose(run6);
		expect((await runStatus(who, project.id, run6)).body).toMatchObject({ status: "completed", progress: 100 });
		expect((await projectRow(project.id))?.status).toBe("ready");
		const final = await spent(who.user.id);
		expect(final.slice(0, usageBefore6.length)).toEqual(usageBefore6);
		expect(final.slice(usageBefore6.length)).toEqual([["video.compose", 6, 0, false]]);
		expect(final.filter((r) => r[0] === "llm.text")).toHaveLength(1);
		expect(final.filter((r) => r[0] === "image.generate")).toHaveLength(5);
		expect(final.filter((r) => r[0] === "tts.speak")).toHaveLength(1);
		// One video slot for the project, however many runs composed.
		expect(await db().query.videoSlots.findMany({ where: eq(videoSlots.projectId, project.id) })).toHaveLength(1);
		const runs = await runsOf(project.id);
		expect(runs.map((r) => [r.status, r.errorStep])).toEqual([
			["failed", "script"],
			["failed", "images"],
			["failed", "voice"],
			["failed", "compose"],
			["failed", "qa"],
			["completed", null],
		]);
	});

	it("reuses the script (7 days) and the images for a second project with the same keyword: no calls, usage rows with what they saved", async () => {
		const who = await createTestUser();
		const first = await seedProject(who, { keyword: "제주 여행" });
		await playWholeRun(await startAll(who, first.id, { keyword: "제주 여행" }));
		expect((await projectRow(first.id))?.status).toBe("ready");
		expect(await db().query.scriptCache.findMany({ where: eq(scriptCache.userId, who.user.id) })).toHaveLength(1);
		expect(await db().query.imageCache.findMany({ where: eq(imageCache.userId, who.user.id) })).toHaveLength(5);
		const spentBefore = await spent(who.user.id);

		const second = await seedProject(who, { keyword: "" });
		const runId = await startAll(who, second.id, { keyword: "제주 여행" });
		// Straight to the voice: no llm.text, no image.generate asked for.
		expect((await runJobRequests(runId)).map((r) => r.idempotency_key)).toEqual([`video:${runId}:voice:0`]);
		expect((await runStatus(who, second.id, runId)).body).toMatchObject({ current_step: "voice", progress: 50 });
		const second_ = await projectRow(second.id);
		expect(second_?.script).toBe((await projectRow(first.id))?.script);
		const scenes = await scenesRows(second.id);
		expect(scenes.every((s) => s.imageR2Key?.startsWith(`gpu-inputs/video/projects/${second.id}/`))).toBe(true);
		for (const scene of scenes) expect(await env.FILES.head(scene.imageR2Key as string)).not.toBeNull();
		const hits = (await spent(who.user.id)).slice(spentBefore.length);
		expect(hits.sort()).toEqual([...Array(5).fill(["image.generate", 0, 4, true]), ["llm.text", 0, 2, true]]);
		// The usage page shows what the caches saved.
		const usage = await userApi(who, "/api/usage");
		expect(usage.status).toBe(200);
		expect(((await usage.json()) as { saved_by_cache_cents: number }).saved_by_cache_cents).toBe(22);

		// Another user with the same keyword gets nothing from this user's caches.
		const other = await createTestUser();
		const theirs = await seedProject(other, { keyword: "제주 여행" });
		const theirRun = await startAll(other, theirs.id, { keyword: "제주 여행" });
		expect((await runJobRequests(theirRun)).map((r) => r.idempotency_key)).toEqual([`video:${theirRun}:script:0`]);
	});

	it("regenerates one scene's image with a fresh seed, clearing only the video; generate-all then composes again", async () => {
		const who = await createTestUser();
		const project = await seedProject(who, { keyword: "봄 코디" });
		await playWholeRun(await startAll(who, project.id, { keyword: "봄 코디" }));
		const before = await scenesRows(project.id);
		const cacheBefore = await db().query.imageCache.findMany({ where: eq(imageCache.userId, who.user.id) });

		const res = await userApi(who, `/api/projects/${project.id}/scenes/2/regenerate`, { method: "POST" });
		expect(res.status).toBe(202);
		const { job_id: runId } = (await res.json()) as { job_id: string };
		expect(await projectRow(project.id)).toMatchObject({ status: "processing", videoR2Key: null, qaReport: null });
		expect((await projectRow(project.id))?.voiceR2Key).toBeTruthy();
		expect((await scenesRows(project.id))[2]?.imageR2Key).toBeNull();
		const [request] = await runJobRequests(runId);
		expect(request?.idempotency_key).toBe(`video:${runId}:scene:2`);
		const original = (await runJobRequests((await runsOf(project.id))[0]?.id as string)).find((r) => r.idempotency_key?.endsWith(":images:2"));
		const seedOf = (r: unknown) => (r as { body: { input: { seed: number } } }).body.input.seed;
		expect(seedOf(request)).not.toBe(seedOf(original));

		await playImage(`video:${runId}:scene:2`);
		expect((await runStatus(who, project.id, runId)).body).toMatchObject({ status: "completed", progress: 100 });
		expect((await projectRow(project.id))?.status).toBe("draft");
		const after = await scenesRows(project.id);
		expect(after[2]?.imageR2Key).toBeTruthy();
		expect(after[2]?.imageSha256).not.toBe(before[2]?.imageSha256);
		expect(after.filter((s, i) => s.imageR2Key === before[i]?.imageR2Key)).toHaveLength(4);
		expect(await db().query.imageCache.findMany({ where: eq(imageCache.userId, who.user.id) })).toEqual(cacheBefore);
		expect((await spent(who.user.id)).filter((r) => r[0] === "image.generate")).toHaveLength(6);

		const again = await startAll(who, project.id, { keyword: "봄 코디" });
		expect((await runJobRequests(again)).map((r) => r.idempotency_key)).toEqual([`video:${again}:compose:0`]);
		await playCompose(again);
		expect((await projectRow(project.id))?.status).toBe("ready");
	});
});

describe("video pipeline: the voice fits the video", () => {
	/** The speed the voice job `video:<run>:voice:<n>` was asked for. */
	async function spokenSpeed(runId: string, n: number): Promise<number> {
		const request = (await gatewayRequests()).find((r) => r.idempotency_key === `video:${runId}:voice:${n}`);
		const speed = (request?.body as { input?: { speed?: number } } | undefined)?.input?.speed;
		if (speed === undefined) throw new Error(`no voice job ${n} of ${runId}`);
		return speed;
	}

	it("speaks faster when the words would overrun, once more when they still do, and re-times the scenes to the words", async () => {
		const who = await createTestUser();
		const project = await seedProject(who, { durationS: 15 });
		const runId = await startAll(who, project.id);
		await playScript(runId);
		await playAllImages(runId);
		const first = await spokenSpeed(runId, 0);
		expect(first).toBeGreaterThanOrEqual(1);
		expect(first).toBeLessThanOrEqual(2);

		// 20 s of voice for a 15 s video: spoken again, faster, and both calls are paid for.
		await playVoice(runId, 0, 20_000);
		const second = await spokenSpeed(runId, 1);
		expect(second).toBeGreaterThan(first);
		expect((await projectRow(project.id))?.voiceR2Key).toBeNull();
		expect((await runStatus(who, project.id, runId)).body.current_step).toBe("voice");

		await playVoice(runId, 1, 14_000);
		const scenes = await scenesRows(project.id);
		const timings = JSON.parse((await projectRow(project.id))?.voiceTimings ?? "{}") as { sentences: { start_ms: number }[] };
		// Each scene starts as its first sentence is spoken; the last ends at the target length.
		expect(scenes[0]?.startMs).toBe(0);
		expect(scenes.slice(1).every((scene) => timings.sentences.some((sentence) => sentence.start_ms === scene.startMs))).toBe(true);
		expect(scenes.at(-1)?.endMs).toBe(15_000);
		expect(scenes.every((scene, i) => i === 0 || scene.startMs === scenes[i - 1]?.endMs)).toBe(true);
		expect((await usageOf(who.user.id)).filter((row) => row.resource === "tts.speak")).toHaveLength(2);
	});

	it("fails QA naming the narration when even the faster voice does not fit (the words would be cut off)", async () => {
		const who = await createTestUser();
		const project = await seedProject(who, { durationS: 15 });
		const runId = await startAll(who, project.id);
		await playScript(runId);
		await playAllImages(runId);
		await playVoice(runId, 0, 40_000);
		await playVoice(runId, 1, 18_000);
		await playCompose(runId, { ...GOOD_PROBE, duration_ms: 16_200 });
		expect((await runStatus(who, project.id, runId)).body).toMatchObject({ status: "failed", current_step: "qa" });
		const report = JSON.parse((await projectRow(project.id))?.qaReport ?? "{}") as { checks: { name: string; passed: boolean }[] };
		expect(report.checks.filter((check) => !check.passed).map((check) => check.name)).toEqual(["narration"]);
	});
});

describe("video pipeline: refusals before anything is spent", () => {
	it("someone else's project: 404 on every route, no run, no job", async () => {
		const owner = await createTestUser();
		const stranger = await createTestUser();
		const project = await seedProject(owner);
		const runId = await startAll(owner, project.id);
		const requestsBefore = (await gatewayRequests()).length;
		for (const [method, path] of [
			["POST", "generate-all"],
			["POST", "generate-script"],
			["POST", "generate-images"],
			["POST", "generate-voice"],
			["POST", "compose-video"],
			["POST", "scenes/0/regenerate"],
			["GET", `generation-status/${runId}`],
			["GET", "runs"],
		] as const) {
			const res = await userApi(stranger, `/api/projects/${project.id}/${path}`, {
				method,
				...(method === "POST" ? { json: path === "generate-all" ? { keyword: "x" } : {} } : {}),
			});
			expect(res.status, path).toBe(404);
			expect(((await res.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
		}
		expect(await runsOf(project.id)).toHaveLength(1);
		expect((await gatewayRequests()).length).toBe(requestsBefore);
		// The owner's unknown run id is a 404 as well.
		expect((await runStatus(owner, project.id, "vjob_nope")).status).toBe(404);
	});

	it("409 while a run is open, and a single step without its inputs (compose without a voice)", async () => {
		const who = await createTestUser();
		const project = await seedProject(who);
		const compose = await userApi(who, `/api/projects/${project.id}/compose-video`, { method: "POST" });
		expect(compose.status).toBe(409);
		expect(((await compose.json()) as { error: { message: string } }).error.message).toMatch(/image/);
		const voice = await userApi(who, `/api/projects/${project.id}/generate-voice`, { method: "POST" });
		expect(voice.status).toBe(409);
		expect(await runsOf(project.id)).toHaveLength(0);

		await startAll(who, project.id);
		const second = await generateAll(who, project.id);
		expect(second.status).toBe(409);
		expect(((await second.json()) as { error: { code: string } }).error.code).toBe("CONFLICT");
		expect(await runsOf(project.id)).toHaveLength(1);
	});

	it("a single step runs alone: generate-script writes the script and stops (project back to draft)", async () => {
		const who = await createTestUser();
		const project = await seedProject(who, { keyword: "아침 루틴" });
		const res = await userApi(who, `/api/projects/${project.id}/generate-script`, { method: "POST" });
		expect(res.status).toBe(202);
		const { job_id: runId, status } = (await res.json()) as { job_id: string; status: string };
		expect(status).toBe("processing");
		await playScript(runId);
		expect((await runStatus(who, project.id, runId)).body).toMatchObject({ status: "completed", progress: 100, current_step: "script" });
		expect(await projectRow(project.id)).toMatchObject({ status: "draft", scriptSource: "template" });
		expect(await scenesRows(project.id)).toHaveLength(0);
		expect((await runJobRequests(runId)).map((r) => r.idempotency_key)).toEqual([`video:${runId}:script:0`]);
	});

	it("402 PLAN_LIMIT_REACHED for the cost cap and the videos of the month: no run, no job, no usage row, project unchanged", async () => {
		const who = await createTestUser();
		const project = await seedProject(who);
		const now = new Date().toISOString();
		await db()
			.insert(usageRecords)
			.values({
				id: `use_${crypto.randomUUID()}`,
				userId: who.user.id,
				resource: "llm.text",
				quantity: 1,
				costCents: 490,
				dedupeKey: `seed:${crypto.randomUUID()}`,
				createdAt: now,
			});
		const usageBefore = await usageOf(who.user.id);
		const requestsBefore = (await gatewayRequests()).length;
		const cost = await generateAll(who, project.id);
		expect(cost.status).toBe(402);
		const costError = ((await cost.json()) as { error: { code: string; message: string } }).error;
		expect(costError.code).toBe("PLAN_LIMIT_REACHED");
		expect(costError.message).toContain("cost");
		expect(await runsOf(project.id)).toHaveLength(0);
		expect(await usageOf(who.user.id)).toEqual(usageBefore);
		expect((await gatewayRequests()).length).toBe(requestsBefore);
		expect(await projectRow(project.id)).toMatchObject({ status: "draft", script: null });

		const busy = await createTestUser();
		const mine = await seedProject(busy);
		const { monthStart } = await import("../../src/video/plans");
		await db()
			.insert(videoSlots)
			.values(Array.from({ length: 5 }, (_, i) => ({ userId: busy.user.id, periodStart: monthStart(new Date()), projectId: `prj_other${i}` })));
		const videos = await generateAll(busy, mine.id);
		expect(videos.status).toBe(402);
		const videosError = ((await videos.json()) as { error: { code: string; message: string } }).error;
		expect(videosError.code).toBe("PLAN_LIMIT_REACHED");
		expect(videosError.message).toContain("videos");
		expect(await runsOf(mine.id)).toHaveLength(0);
		expect(await usageOf(busy.user.id)).toEqual([]);
		expect((await gatewayRequests()).length).toBe(requestsBefore);
		expect((await projectRow(mine.id))?.status).toBe("draft");
		// A one-step run that does not compose is not a video: the script alone still runs.
		expect((await userApi(busy, `/api/projects/${mine.id}/generate-script`, { method: "POST" })).status).toBe(202);
	});

	it("10 generations a minute per user, then 429 RATE_LIMITED with Retry-After", async () => {
		const who = await createTestUser();
		const project = await seedProject(who);
		await inOneRateWindow(async () => {
			expect((await generateAll(who, project.id)).status).toBe(202);
			for (let i = 0; i < 9; i++) expect((await generateAll(who, project.id)).status).toBe(409);
			const limited = await generateAll(who, project.id);
			expect(limited.status).toBe(429);
			expect(((await limited.json()) as { error: { code: string } }).error.code).toBe("RATE_LIMITED");
			expect(limited.headers.get("Retry-After")).toBeTruthy();
		});
		expect(await runsOf(project.id)).toHaveLength(1);
	});

	it("validates the body: a keyword is required for generate-all", async () => {
		const who = await createTestUser();
		const project = await seedProject(who);
		const res = await generateAll(who, project.id, {});
		expect(res.status).toBe(400);
		expect(await runsOf(project.id)).toHaveLength(0);
	});
});

describe("video pipeline: brand, LLM script, progress, stale runs", () => {
	it("writes with the brand: its guidelines in the prompt, an LLM answer in the format kept (source llm), its voice and colours in the later jobs; another's brand is 404", async () => {
		const who = await createTestUser();
		const brandId = newId("brd");
		await db()
			.insert(brandProfiles)
			.values({
				id: brandId,
				userId: who.user.id,
				name: "라떼하우스",
				tone: "humorous",
				primaryColor: "#112233",
				accentColor: "#ff0066",
				textColor: "#fafafa",
				font: "Noto Sans CJK KR",
				voice: "male",
				voiceSpeed: 1.25,
				targetAudience: "20대 직장인",
				avoidPhrases: JSON.stringify(["최저가"]),
			});
		const stranger = await createTestUser();
		const strangers = await seedProject(stranger);
		const refused = await generateAll(stranger, strangers.id, { keyword: "라떼", brand_profile_id: brandId });
		expect(refused.status).toBe(404);
		expect(await runsOf(strangers.id)).toHaveLength(0);

		const project = await seedProject(who, { keyword: "" });
		const runId = await startAll(who, project.id, { keyword: "라떼 아트", brand_profile_id: brandId, template_id: "builtin-before-after" });
		expect(await projectRow(project.id)).toMatchObject({ brandProfileId: brandId, templateId: "builtin-before-after", keyword: "라떼 아트" });
		const [scriptJob] = await runJobRequests(runId);
		const prompt = (scriptJob as unknown as { body: { input: { prompt: string } } }).body.input.prompt;
		for (const part of ["Tone: humorous", "Brand: 라떼하우스", "Target audience: 20대 직장인", "최저가", "(before:", "(change:", "(after:"])
			expect(prompt).toContain(part);

		const answer = [
			"[INTRO 0:00–0:03] 라떼 아트, 어렵지 않습니다!",
			"[MAIN 0:03–0:11] 예전에는 우유 거품이 늘 실패였습니다.",
			"[MAIN 0:11–0:17] 스팀 각도를 바꿨습니다.",
			"[MAIN 0:17–0:25] 이제는 하트가 매번 그려집니다.",
			"[OUTRO 0:25–0:30] 팔로우하고 다음 팁도 받아 보세요.",
		].join("\n");
		await playScript(runId, `여기 대본입니다:\n${answer}\n`);
		expect(await projectRow(project.id)).toMatchObject({ scriptSource: "llm", script: answer });
		expect((await scenesRows(project.id)).map((s) => s.text)).toEqual([
			"라떼 아트, 어렵지 않습니다!",
			"예전에는 우유 거품이 늘 실패였습니다.",
			"스팀 각도를 바꿨습니다.",
			"이제는 하트가 매번 그려집니다.",
			"팔로우하고 다음 팁도 받아 보세요.",
		]);
		const image = (await runJobRequests(runId)).find((r) => r.idempotency_key === `video:${runId}:images:0`);
		expect(image?.body).toMatchObject({ input: { styleId: `video-${brandId}` } });
		await playAllImages(runId);
		const voice = (await runJobRequests(runId)).find((r) => r.idempotency_key === `video:${runId}:voice:0`);
		expect(voice?.body).toMatchObject({ kind: "tts.speak", input: { voice: "male", speed: 1.25, language: "ko" } });
		expect((voice as unknown as { body: { input: { sentences: string[] } } }).body.input.sentences).toHaveLength(5);
		await playVoice(runId);
		const compose = (await runJobRequests(runId)).find((r) => r.idempotency_key === `video:${runId}:compose:0`);
		expect(compose?.body).toMatchObject({ input: { style: { textColor: "#fafafa", accentColor: "#ff0066", font: "Noto Sans CJK KR" } } });

		// An answer using a phrase the brand avoids is not used: the template writes the script.
		const other = await seedProject(who, { keyword: "" });
		const run2 = await startAll(who, other.id, { keyword: "카페 창업", brand_profile_id: brandId });
		await playScript(run2, answer.replace("팔로우하고", "최저가로"));
		expect((await projectRow(other.id))?.scriptSource).toBe("template");
		expect((await projectRow(other.id))?.script).not.toContain("최저가");
	});

	it("publishes the run's progress live to the project's owner object (kind video.run)", async () => {
		const who = await createTestUser();
		const project = await seedProject(who);
		const socket = await openProgressSocket(await progressToken(projectProgressOwner(project.id)));
		try {
			const runId = await startAll(who, project.id);
			type Update = { job_id: string; kind: string; status: string; progress: { percent: number; step: string } };
			await socket.next<Update>((m) => m.kind === "video.run" && m.job_id === runId && m.progress.step === "script");
			await playScript(runId);
			const images = await socket.next<Update>((m) => m.kind === "video.run" && m.progress.step === "images");
			expect(images).toMatchObject({ status: "running", progress: { percent: 25 } });
			// The GPU jobs themselves report to the same owner.
			await socket.next<Update>((m) => m.kind === "image.generate");
		} finally {
			socket.ws.close();
		}
	});

	it("replaces a stale open run (no news for 30 minutes): it fails with RUN_STALE and a new run starts", async () => {
		const who = await createTestUser();
		const project = await seedProject(who);
		const stale = await startAll(who, project.id);
		await db()
			.update(projectRuns)
			.set({ updatedAt: new Date(Date.now() - 31 * 60_000).toISOString() })
			.where(eq(projectRuns.id, stale));
		const fresh = await startAll(who, project.id);
		expect(fresh).not.toBe(stale);
		const runs = await runsOf(project.id);
		expect(runs.find((r) => r.id === stale)).toMatchObject({ status: "failed", errorCode: "RUN_STALE" });
		expect(runs.find((r) => r.id === fresh)).toMatchObject({ status: "processing" });
		expect((await projectRow(project.id))?.status).toBe("processing");
		// The stale run's late job changes nothing.
		await playScript(stale);
		expect((await runsOf(project.id)).find((r) => r.id === stale)?.status).toBe("failed");
		expect((await usageOf(who.user.id)).filter((u) => u.runId === stale)).toHaveLength(0);

		// A project left `processing` without an open run (a run that never started) is not stuck.
		const stuck = await seedProject(who, { status: "processing" });
		expect((await generateAll(who, stuck.id)).status).toBe(202);
	});

	it("splits a timestamped script into the template's scenes, scaled to the project's length", () => {
		expect(parseScript("# A note\n\nNot a script.")).toBeNull();
		expect(parseScript("[MAIN 0:00–0:10] a [INTRO 0:10–0:12] b [OUTRO 0:12–0:15] c")).toBeNull();
		const template = builtInTemplate("builtin-listicle");
		if (!template) throw new Error("no listicle");
		const scenes = scriptScenes("[INTRO 0:00–0:03] Five tips. [MAIN 0:03–0:25] One. Two. Three. Four. Five. [OUTRO 0:25–0:30] Follow us.", template, 60);
		expect(scenes.map((s) => [s.section, s.text, s.startMs, s.endMs])).toEqual([
			["INTRO", "Five tips.", 0, 6000],
			["MAIN", "One.", 6000, 15000],
			["MAIN", "Two.", 15000, 24000],
			["MAIN", "Three.", 24000, 33000],
			["MAIN", "Four.", 33000, 42000],
			["MAIN", "Five.", 42000, 50000],
			["OUTRO", "Follow us.", 50000, 60000],
		]);
		expect(BUILT_IN_TEMPLATES.length).toBeGreaterThanOrEqual(3);
	});
});
