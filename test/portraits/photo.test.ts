import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { concatBytes } from "../../src/lib/bytes";
import type { PortraitMessage } from "../../src/portraits/messages";
import { checkPortraitPhoto } from "../../src/portraits/photo-check";
import { submitPhoto } from "../../src/portraits/steps";
import { api, type ErrorBody, testAppDeps } from "../support/helpers";
import { jpegHeader, solidPng } from "../support/image-fixtures";
import { containsBytes, GPS_MARKERS, photoJpeg, withPngMetadata } from "../support/photo-fixtures";
import { createPaidPortraitJob, portraitPath, portraitRow, postPhoto, type TestPortraitJob, uploadPhoto, withPhone } from "../support/portrait-helpers";

/** Every object stored under the job's prefix. */
async function storedObjects(jobId: string) {
	return (await env.FILES.list({ prefix: `portraits/${jobId}/` })).objects;
}

async function readyForPhoto(): Promise<TestPortraitJob> {
	return withPhone(await createPaidPortraitJob());
}

/** Posts `bytes` and expects the refusal `status`/`code`, with nothing stored and no column changed. */
async function expectRefused(bytes: Uint8Array, status: number, code: string) {
	const job = await readyForPhoto();
	const before = await portraitRow(job.id);
	const res = await postPhoto(job, bytes);
	expect(res.status).toBe(status);
	const { error } = (await res.json()) as ErrorBody;
	expect(error.code).toBe(code);
	expect(await storedObjects(job.id)).toHaveLength(0);
	expect(await portraitRow(job.id)).toEqual(before);
	return error;
}

/** Posts `bytes`, expects `202 processing`, and returns the stored photo's bytes and the row. */
async function expectAccepted(bytes: Uint8Array, name = "photo.jpg") {
	const job = await readyForPhoto();
	const res = await postPhoto(job, bytes, name);
	expect(res.status).toBe(202);
	const body = (await res.json()) as { job: { id: string; status: string } };
	expect(body.job).toMatchObject({ id: job.id, status: "processing" });
	const row = await portraitRow(job.id);
	expect(row?.photoKey).toMatch(new RegExp(`^portraits/${job.id}/photo-[0-9a-f]{32}\\.(jpg|png)$`));
	expect(row?.uploadedAt).not.toBeNull();
	const object = await env.FILES.get(row?.photoKey ?? "");
	if (!object) throw new Error("photo not stored");
	return { job, row, stored: new Uint8Array(await object.arrayBuffer()), contentType: object.httpMetadata?.contentType };
}

describe("POST /api/portraits/:id/photo: refusals store nothing", () => {
	it("refuses what is not a JPEG or PNG by its bytes (422 INVALID_IMAGE_FORMAT), whatever its name", async () => {
		await expectRefused(new TextEncoder().encode("GIF89a not a photo at all"), 422, "INVALID_IMAGE_FORMAT");
		await expectRefused(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"), 422, "INVALID_IMAGE_FORMAT");
	});

	it("refuses more than 10 MB (422 IMAGE_SIZE_EXCEEDED)", async () => {
		const big = concatBytes([photoJpeg({ width: 768, height: 1024 }), new Uint8Array(10 * 1024 * 1024)]);
		await expectRefused(big, 422, "IMAGE_SIZE_EXCEEDED");
	});

	it("refuses a body past 10 MB and the form's room with 413 PAYLOAD_TOO_LARGE", async () => {
		await expectRefused(new Uint8Array(11 * 1024 * 1024), 413, "PAYLOAD_TOO_LARGE");
	});

	it("refuses more than 40 megapixels by the header alone (422 IMAGE_SIZE_EXCEEDED)", async () => {
		await expectRefused(jpegHeader(6000, 8000), 422, "IMAGE_SIZE_EXCEEDED");
	});

	it("refuses less than 512×512 as displayed (422 IMAGE_TOO_SMALL)", async () => {
		await expectRefused(photoJpeg({ width: 400, height: 533 }), 422, "IMAGE_TOO_SMALL");
		await expectRefused(await solidPng(384, 512), 422, "IMAGE_TOO_SMALL");
	});

	it("refuses what is not 3:4 within 2 % as displayed (422 INVALID_ASPECT_RATIO)", async () => {
		await expectRefused(photoJpeg({ width: 513, height: 513 }), 422, "INVALID_ASPECT_RATIO");
		// A landscape photo with no orientation is shown landscape.
		const error = await expectRefused(photoJpeg({ width: 4000, height: 3000 }), 422, "INVALID_ASPECT_RATIO");
		expect(error.message).toContain("4000×3000");
		// 3:4 stored but tagged "rotate 90": shown 4:3.
		await expectRefused(photoJpeg({ width: 3000, height: 4000, orientation: 6 }), 422, "INVALID_ASPECT_RATIO");
		// Just outside 2 % (0.75 × 1.02 = 0.765).
		await expectRefused(photoJpeg({ width: 784, height: 1024 }), 422, "INVALID_ASPECT_RATIO");
	});

	it("is 409 INVALID_STATE before the phone step and after the upload, naming the status", async () => {
		const paid = await createPaidPortraitJob();
		const early = await postPhoto(paid, photoJpeg({ width: 768, height: 1024 }));
		expect(early.status).toBe(409);
		expect(((await early.json()) as ErrorBody).error.message).toContain("pending_phone");
		expect(await storedObjects(paid.id)).toHaveLength(0);
		expect((await portraitRow(paid.id))?.photoKey).toBeNull();

		const job = await uploadPhoto(await readyForPhoto());
		const first = await portraitRow(job.id);
		const again = await postPhoto(job, photoJpeg({ width: 768, height: 1024 }));
		expect(again.status).toBe(409);
		// Only the first photo is stored (processing may have added portraits beside it by now).
		expect((await storedObjects(job.id)).filter((object) => object.key.includes("/photo-")).map((object) => object.key)).toEqual([first?.photoKey]);
		expect((await portraitRow(job.id))?.photoKey).toBe(first?.photoKey);
	});

	it("needs the multipart field `file` and the job key", async () => {
		const job = await readyForPhoto();
		const form = new FormData();
		form.append("photo", new File([photoJpeg({ width: 768, height: 1024 })], "photo.jpg"));
		const wrongField = await api(portraitPath(job, "photo"), { method: "POST", auth: null, body: form });
		expect(wrongField.status).toBe(400);
		const keyless = await api(`/api/portraits/${job.id}/photo`, { method: "POST", auth: null, body: form });
		expect(keyless.status).toBe(404);
		expect(await storedObjects(job.id)).toHaveLength(0);
		expect((await portraitRow(job.id))?.status).toBe("pending_upload");
	});
});

describe("POST /api/portraits/:id/photo: accepted photos", () => {
	it("takes a 3000×4000 JPEG and stores it without EXIF, GPS, XMP or appended pictures", async () => {
		const photo = photoJpeg({ width: 3000, height: 4000 });
		for (const marker of GPS_MARKERS) expect(containsBytes(photo, marker)).toBe(true);
		const { stored, contentType } = await expectAccepted(photo);
		expect(contentType).toBe("image/jpeg");
		for (const marker of GPS_MARKERS) expect(containsBytes(stored, marker)).toBe(false);
		expect(stored.length).toBeLessThan(photo.length);
		expect(checkPortraitPhoto(stored)).toMatchObject({ width: 3000, height: 4000 });
	});

	it("takes a 4000×3000 JPEG tagged 'rotate 90' (shown 3000×4000), keeping only its orientation", async () => {
		const { stored } = await expectAccepted(photoJpeg({ width: 4000, height: 3000, orientation: 6 }));
		for (const marker of GPS_MARKERS) expect(containsBytes(stored, marker)).toBe(false);
		expect(checkPortraitPhoto(stored)).toMatchObject({ width: 4000, height: 3000, displayWidth: 3000, displayHeight: 4000 });
	});

	it("takes a 3:4 PNG within 2 % and strips its metadata chunks", async () => {
		const png = withPngMetadata(await solidPng(760, 1024));
		const { stored, contentType } = await expectAccepted(png, "photo.png");
		expect(contentType).toBe("image/png");
		for (const marker of GPS_MARKERS) expect(containsBytes(stored, marker)).toBe(false);
	});

	it("hands the job to processing with one `process` message", async () => {
		const deps = await testAppDeps();
		const sent: PortraitMessage[] = [];
		const queue = { send: async (message: PortraitMessage) => void sent.push(message) } as unknown as Queue<PortraitMessage>;
		const job = await readyForPhoto();
		const row = await portraitRow(job.id);
		if (!row) throw new Error("no job");
		const moved = await submitPhoto({ ...deps.portraits, queue }, row, photoJpeg({ width: 768, height: 1024 }));
		expect(moved.status).toBe("processing");
		expect(sent).toEqual([{ kind: "process", jobId: job.id }]);
	});
});
