import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Gateway } from "../src/gateway.ts";
import { FakeWorker } from "./fake-worker.ts";
import { postJob, startTestGateway, tempDataDir, trainingImages, until, waitForStatus } from "./helpers.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startGw(dataDir = tempDataDir()): Promise<Gateway> {
	const gw = await startTestGateway(dataDir);
	cleanups.push(() => gw.stop());
	return gw;
}

/** Ten training images as R2 objects under `gpu-inputs/artist/<id>/<sha256>`: the keys and the bytes. */
async function trainingObjects(artistId: string): Promise<{ key: string; sha256: string; bytes: Buffer }[]> {
	return (await trainingImages([40, 160, 90])).map((image) => ({
		key: `gpu-inputs/artist/${artistId}/${image.sha256}`,
		sha256: image.sha256,
		bytes: Buffer.from(image.url.slice(image.url.indexOf(",") + 1), "base64"),
	}));
}

function trainJob(artistId: string, images: { r2Key: string; sha256: string }[], extra: Record<string, unknown> = {}) {
	return { kind: "lora.train", owner: { type: "artist", id: artistId }, input: { artistId, styleId: "style-green", images }, ...extra };
}

describe("r2Key inputs", () => {
	it("reads them from the Worker's /internal/gpu/inputs route when the job has a callback URL", async () => {
		const worker = new FakeWorker();
		await worker.start();
		cleanups.push(() => worker.stop());
		const objects = await trainingObjects("artist-w");
		for (const o of objects) worker.inputs.set(o.key, o.bytes);
		const gw = await startGw();

		const res = await postJob(
			gw,
			trainJob(
				"artist-w",
				objects.map((o) => ({ r2Key: o.key, sha256: o.sha256 })),
				{ callback_url: worker.url },
			),
		);
		const { id } = (await res.json()) as { id: string };
		const job = await waitForStatus(gw, id, ["succeeded", "failed"]);
		expect(job.error).toBeNull();
		expect(job.status).toBe("succeeded");
		// Every key was read once, with a valid edge token (the fake refuses anything else).
		expect(worker.inputReads).toEqual(objects.map((o) => o.key));
		expect(worker.refusals).toEqual([]);
		// The model it learned went back up before the terminal event.
		await until(() => worker.ofType(id, "job.succeeded").length === 1);
		expect(worker.timeline(id).slice(-2)).toEqual(["artifact:style-profile.json", "event:job.succeeded"]);
		const profile = JSON.parse(new TextDecoder().decode(worker.artifacts.get(`${id}/style-profile.json`)?.bytes)) as { imageCount: number };
		expect(profile.imageCount).toBe(10);
	});

	it("fails for good when the Worker has no such object (404), after one attempt", async () => {
		const worker = new FakeWorker();
		await worker.start();
		cleanups.push(() => worker.stop());
		const objects = await trainingObjects("artist-m");
		// All but the last are there.
		for (const o of objects.slice(0, -1)) worker.inputs.set(o.key, o.bytes);
		const gw = await startGw();
		const res = await postJob(
			gw,
			trainJob(
				"artist-m",
				objects.map((o) => ({ r2Key: o.key, sha256: o.sha256 })),
				{ callback_url: worker.url },
			),
		);
		const { id } = (await res.json()) as { id: string };
		const job = await waitForStatus(gw, id, ["succeeded", "failed"]);
		expect(job.status).toBe("failed");
		expect(job.attempt).toBe(1);
		expect(job.error).toMatchObject({ code: "INPUT_FETCH_FAILED", retryable: false });
		expect(job.error?.message).toContain("404");
		expect(worker.refusals).toEqual([`no input ${objects.at(-1)?.key}`]);
	});

	it("refuses a key with dot segments before asking the Worker", async () => {
		const worker = new FakeWorker();
		await worker.start();
		cleanups.push(() => worker.stop());
		const gw = await startGw();
		const objects = await trainingObjects("artist-x");
		const images = objects.map((o) => ({ r2Key: o.key, sha256: o.sha256 }));
		images[0] = { r2Key: "gpu-inputs/../../artifacts/x", sha256: objects[0]?.sha256 ?? "" };
		const res = await postJob(gw, trainJob("artist-x", images, { callback_url: worker.url }));
		const { id } = (await res.json()) as { id: string };
		const job = await waitForStatus(gw, id, ["succeeded", "failed"]);
		expect(job.error).toMatchObject({ code: "INPUT_INVALID", retryable: false });
		expect(worker.inputReads).toEqual([]);
		expect(worker.refusals).toEqual([]);
	});

	it("reads them from the local mirror <data>/r2 when the job has no callback URL", async () => {
		const dataDir = tempDataDir();
		const objects = await trainingObjects("artist-l");
		for (const o of objects) {
			const path = join(dataDir, "r2", o.key);
			mkdirSync(dirname(path), { recursive: true });
			writeFileSync(path, o.bytes);
		}
		const gw = await startGw(dataDir);
		const res = await postJob(
			gw,
			trainJob(
				"artist-l",
				objects.map((o) => ({ r2Key: o.key, sha256: o.sha256 })),
			),
		);
		const { id } = (await res.json()) as { id: string };
		const job = await waitForStatus(gw, id, ["succeeded", "failed"]);
		expect(job.status).toBe("succeeded");
		expect(job.artifacts.map((a) => a.name)).toEqual(["style-profile.json"]);

		const missing = await postJob(
			gw,
			trainJob(
				"artist-l",
				objects.map((o) => ({ r2Key: `${o.key}-absent`, sha256: o.sha256 })),
			),
		);
		const failed = await waitForStatus(gw, ((await missing.json()) as { id: string }).id, ["succeeded", "failed"]);
		expect(failed.error).toMatchObject({ code: "INPUT_MISSING", retryable: false });
	});
});
