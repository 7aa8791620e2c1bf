import { afterEach, describe, expect, it } from "vitest";
import type { Gateway } from "../src/gateway.ts";
import { sha256Hex } from "../src/hash.ts";
import { FakeWorker } from "./fake-worker.ts";
import { downloadArtifact, portraitJob, postJob, startTestGateway, tempDataDir, until, waitForStatus } from "./helpers.ts";

/** The three portraits and the photo's measurements, in the gateway's (name) order. */
const PORTRAITS = ["measurements.json", "portrait-1-mono.png", "portrait-2-warm.png", "portrait-3-poster.png"];

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startWorker(): Promise<FakeWorker> {
	const worker = new FakeWorker();
	await worker.start();
	cleanups.push(() => worker.stop());
	return worker;
}

async function startGw(dataDir = tempDataDir()): Promise<Gateway> {
	const gw = await startTestGateway(dataDir);
	cleanups.push(() => gw.stop());
	return gw;
}

async function submitPortrait(gw: Gateway, worker: FakeWorker): Promise<string> {
	const res = await postJob(gw, await portraitJob({ callback_url: worker.url }));
	expect(res.status).toBe(201);
	return ((await res.json()) as { id: string }).id;
}

/** The timeline ends with every artifact, once each, then `job.succeeded`. */
function expectArtifactsBeforeSucceeded(worker: FakeWorker, id: string): void {
	const timeline = worker.timeline(id);
	const succeededAt = timeline.indexOf("event:job.succeeded");
	expect(succeededAt).toBe(timeline.length - 1);
	const uploads = timeline.filter((t) => t.startsWith("artifact:"));
	expect(uploads.sort()).toEqual(PORTRAITS.map((n) => `artifact:${n}`));
	for (const upload of uploads) expect(timeline.indexOf(upload)).toBeLessThan(succeededAt);
}

describe("artifact uploads to the Worker", () => {
	it("PUTs every artifact, authenticated and digest-checked, before job.succeeded is delivered", async () => {
		const worker = await startWorker();
		const gw = await startGw();
		const id = await submitPortrait(gw, worker);
		await waitForStatus(gw, id, ["succeeded"]);
		await until(() => worker.ofType(id, "job.succeeded").length === 1);

		expectArtifactsBeforeSucceeded(worker, id);
		expect(worker.timeline(id).slice(0, 3)).toEqual(["event:job.queued", "event:job.starting", "event:job.running"]);
		// The fake checked the token (HS256, aud edge-factory, ≤ 300 s), Content-Length and X-Content-SHA256.
		expect(worker.refusals).toEqual([]);
		for (const name of PORTRAITS) {
			const stored = worker.artifacts.get(`${id}/${name}`);
			const local = await downloadArtifact(gw, id, name);
			expect(stored?.sha256).toBe(sha256Hex(local));
			expect(Buffer.from(stored?.bytes ?? []).equals(Buffer.from(local))).toBe(true);
			expect(stored?.contentType).toBe(name.endsWith(".png") ? "image/png" : "application/json");
		}
		expect(gw.store.listArtifacts(id).every((a) => a.uploaded_at !== null)).toBe(true);
	});

	it("holds job.succeeded back while the Worker refuses uploads with 503, then delivers both", async () => {
		const worker = await startWorker();
		worker.refuseUpload = () => 503;
		const gw = await startGw();
		const id = await submitPortrait(gw, worker);
		await waitForStatus(gw, id, ["succeeded"]);
		await until(() => worker.refusedUploads >= 3);

		// The upload failures count as failed deliveries of the terminal event: still pending, retried with backoff.
		const succeeded = gw.store.listEvents(id).find((e) => e.type === "job.succeeded");
		expect(succeeded?.delivered_at).toBeNull();
		expect(succeeded?.attempts).toBeGreaterThanOrEqual(2);
		expect(worker.ofType(id, "job.succeeded")).toHaveLength(0);
		expect(worker.ofType(id, "job.running")).toHaveLength(1);
		expect(gw.store.listArtifacts(id).every((a) => a.uploaded_at === null)).toBe(true);

		worker.refuseUpload = undefined;
		await until(() => worker.ofType(id, "job.succeeded").length === 1);
		expectArtifactsBeforeSucceeded(worker, id);
		await until(() => gw.store.listEvents(id).every((e) => e.delivered_at !== null));
	});

	it("resumes after a restart: uploads already accepted are not sent again, nothing is lost", async () => {
		const dataDir = tempDataDir();
		const worker = await startWorker();
		// The Worker takes the first two portraits and refuses the third until the gateway is restarted.
		worker.refuseUpload = (_job, name) => (name === "portrait-3-poster.png" ? 503 : undefined);
		const first = await startTestGateway(dataDir);
		const id = await submitPortrait(first, worker);
		await waitForStatus(first, id, ["succeeded"]);
		await until(() => worker.refusedUploads >= 1);
		expect(first.store.listArtifacts(id).map((a) => [a.name, a.uploaded_at !== null])).toEqual([
			["measurements.json", true],
			["portrait-1-mono.png", true],
			["portrait-2-warm.png", true],
			["portrait-3-poster.png", false],
		]);
		await first.stop();
		expect(worker.ofType(id, "job.succeeded")).toHaveLength(0);

		worker.refuseUpload = undefined;
		await startGw(dataDir);
		await until(() => worker.ofType(id, "job.succeeded").length === 1);
		// Each artifact arrived exactly once across both processes, all before the terminal event.
		expectArtifactsBeforeSucceeded(worker, id);
		await new Promise((r) => setTimeout(r, 200));
		expect(worker.ofType(id, "job.succeeded")).toHaveLength(1);
	});

	it("sends no uploads for a job without a callback URL", async () => {
		const worker = await startWorker();
		const gw = await startGw();
		const res = await postJob(gw, await portraitJob());
		const { id } = (await res.json()) as { id: string };
		const job = await waitForStatus(gw, id, ["succeeded"]);
		expect(job.artifacts.map((a) => a.name)).toEqual(PORTRAITS);
		await new Promise((r) => setTimeout(r, 150));
		expect(worker.arrivals).toEqual([]);
		expect(gw.store.listArtifacts(id).every((a) => a.uploaded_at === null)).toBe(true);
	});
});
