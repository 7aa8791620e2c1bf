import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MAX_IMAGE_PIXELS } from "../../src/shared/image-budget.ts";
import { checkInputImage, openImage } from "../src/backends/image-budget.ts";
import { BackendError } from "../src/backends/types.ts";
import type { Gateway } from "../src/gateway.ts";
import { pngInput, portraitJob, postJob, startTestGateway, tempDataDir, trainingImages, waitForStatus } from "./helpers.ts";
import { bombPng } from "./image-fixtures.ts";

let gw: Gateway;
beforeEach(async () => {
	gw = await startTestGateway(tempDataDir());
});
afterEach(async () => {
	await gw.stop();
});

async function runToEnd(body: unknown) {
	const res = await postJob(gw, body);
	expect(res.status).toBe(201);
	const { id } = (await res.json()) as { id: string };
	return waitForStatus(gw, id, ["succeeded", "failed", "expired"], 30_000);
}

describe("the pixel budget on the gateway", () => {
	it("fails lora.train at once when a training image is over 40 megapixels, without decoding it or retrying", async () => {
		const images = [...(await trainingImages([90, 120, 200])).slice(0, 9), pngInput(bombPng(7000, 7000))];
		const job = await runToEnd({
			kind: "lora.train",
			owner: { type: "artist", id: "artist-1" },
			input: { artistId: "artist-1", styleId: "style-big", images },
		});
		expect(job.status).toBe("failed");
		expect(job.attempt).toBe(1);
		expect(job.error?.code).toBe("INPUT_IMAGE_TOO_LARGE");
		expect(job.error?.message).toContain("training image 10 is 7000×7000 pixels");
		expect(job.artifacts).toEqual([]);
	});

	it("refuses the 16384×16383 bomb the same way: one attempt, not three", async () => {
		const images = [...(await trainingImages([40, 160, 90])).slice(0, 9), pngInput(bombPng(16384, 16383))];
		const job = await runToEnd({
			kind: "lora.train",
			owner: { type: "artist", id: "artist-1" },
			input: { artistId: "artist-1", styleId: "style-bomb", images },
		});
		expect(job.status).toBe("failed");
		expect(job.attempt).toBe(1);
		expect(job.error?.code).toBe("INPUT_IMAGE_TOO_LARGE");
	});

	it("fails portrait.generate on a photo with a side over 8192", async () => {
		const job = await runToEnd(await portraitJob({ input: { photo: pngInput(bombPng(8200, 64)), variants: 3 } }));
		expect(job.status).toBe("failed");
		expect(job.attempt).toBe(1);
		expect(job.error?.code).toBe("INPUT_IMAGE_TOO_LARGE");
		expect(job.error?.message).toContain("photo is 8200×64 pixels");
	});
});

describe("checkInputImage and openImage", () => {
	it("reads only the header: at the budget passes, one row more or a side over 8192 is refused for good", async () => {
		await expect(checkInputImage(bombPng(8000, 5000), "image")).resolves.toBeUndefined();
		for (const [width, height] of [
			[8000, 5001],
			[8193, 8],
			[8, 8193],
		] as const) {
			const err = await checkInputImage(bombPng(width, height), "image").catch((e: unknown) => e);
			expect(err).toBeInstanceOf(BackendError);
			expect(err).toMatchObject({ code: "INPUT_IMAGE_TOO_LARGE", retryable: false });
		}
		const notAnImage = await checkInputImage(new TextEncoder().encode("not an image"), "photo").catch((e: unknown) => e);
		expect(notAnImage).toMatchObject({ code: "INPUT_INVALID", retryable: false });
	});

	it("makes sharp refuse to decode more than the budget (defence in depth behind the check)", async () => {
		await expect(openImage(bombPng(8000, 5001)).resize(8, 8).raw().toBuffer()).rejects.toThrow(/pixel limit/);
		const small = await openImage(bombPng(64, 64)).resize(8, 8).raw().toBuffer({ resolveWithObject: true });
		expect(small.info.width).toBe(8);
		expect(MAX_IMAGE_PIXELS).toBe(40_000_000);
	});
});
