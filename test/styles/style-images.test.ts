import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/lib/hash";
import { bombPng, filesForm, jpegHeader, solidPng, trainingPngs } from "../support/image-fixtures";
import { containsBytes, GPS_MARKERS, photoJpeg, withPngMetadata } from "../support/photo-fixtures";
import {
	createArtist,
	createStyleVia,
	errorOf,
	type StyleJson,
	styleImageRows,
	styleObjectKeys,
	styleRow,
	uploadSignature,
	uploadTrainingImages,
} from "../support/style-helpers";
import { createTestUser, userApi } from "../support/user-helpers";

type ImageJson = { id: string; file_name: string; content_type: string; width: number; height: number; sha256: string; size: number };
type UploadBody = { images: ImageJson[]; image_count: number };

async function upload(artist: Awaited<ReturnType<typeof createArtist>>, styleId: string, files: { name: string; bytes: Uint8Array; type?: string }[]) {
	return userApi(artist, `/api/styles/${styleId}/images`, { method: "POST", body: filesForm("images", files) });
}

/** Asserts a refused upload stored nothing: no object under the style's prefix, no row, the count unchanged. */
async function expectNothingStored(styleId: string, before: { keys: string[]; rows: number }) {
	expect(await styleObjectKeys(styleId)).toEqual(before.keys);
	expect(await styleImageRows(styleId)).toBe(before.rows);
	expect((await styleRow(styleId))?.image_count).toBe(before.rows);
}

describe("training image uploads", () => {
	it("takes the type from the bytes: a PNG renamed .jpg is stored as image/png, privately, content-addressed", async () => {
		const artist = await createArtist();
		const style = await createStyleVia(artist);
		const bytes = await solidPng(512, 512, { seed: 3 });
		const res = await upload(artist, style.id, [{ name: "sunset.jpg", bytes, type: "image/jpeg" }]);
		expect(res.status).toBe(201);
		const body = (await res.json()) as UploadBody;
		expect(body.image_count).toBe(1);
		expect(body.images[0]).toMatchObject({ file_name: "sunset.jpg", content_type: "image/png", width: 512, height: 512, size: bytes.length });
		const keys = await styleObjectKeys(style.id);
		expect(keys).toEqual([`gpu-inputs/styles/${style.id}/training/${body.images[0]?.sha256}.png`]);
		expect(await styleImageRows(style.id)).toBe(1);

		// Served back to the artist only, with the sniffed type.
		const mine = await userApi(artist, `/api/styles/${style.id}/images/${body.images[0]?.id}`);
		expect(mine.status).toBe(200);
		expect(mine.headers.get("Content-Type")).toBe("image/png");
		expect(new Uint8Array(await mine.arrayBuffer())).toEqual(bytes);
		const stranger = await userApi(await createTestUser(), `/api/styles/${style.id}/images/${body.images[0]?.id}`);
		expect(stranger.status).toBe(404);
		const otherArtist = await userApi(await createArtist(), `/api/styles/${style.id}/images/${body.images[0]?.id}`);
		expect(otherArtist.status).toBe(404);
		const anonymous = await userApi({ ...artist, cookie: "" }, `/api/styles/${style.id}/images/${body.images[0]?.id}`);
		expect(anonymous.status).toBe(404);
	});

	it("accepts a JPEG by its bytes whatever its name", async () => {
		const artist = await createArtist();
		const style = await createStyleVia(artist);
		const res = await upload(artist, style.id, [{ name: "photo.png", bytes: jpegHeader(800, 600) }]);
		expect(res.status).toBe(201);
		expect(((await res.json()) as UploadBody).images[0]).toMatchObject({ content_type: "image/jpeg", width: 800, height: 600 });
	});

	it("refuses a text file named .png with INVALID_IMAGE_FORMAT naming it, storing none of the batch", async () => {
		const artist = await createArtist();
		const style = await createStyleVia(artist);
		const good = await trainingPngs(3);
		const res = await upload(artist, style.id, [...good, { name: "notes.png", bytes: new TextEncoder().encode("not an image"), type: "image/png" }]);
		expect(res.status).toBe(422);
		const error = await errorOf(res);
		expect(error.code).toBe("INVALID_IMAGE_FORMAT");
		expect(error.message).toContain("notes.png");
		await expectNothingStored(style.id, { keys: [], rows: 0 });
	});

	it("refuses 511×511 with IMAGE_SIZE_EXCEEDED naming the file", async () => {
		const artist = await createArtist();
		const style = await createStyleVia(artist);
		const res = await upload(artist, style.id, [...(await trainingPngs(2)), { name: "small.png", bytes: await solidPng(511, 511) }]);
		expect(res.status).toBe(422);
		const error = await errorOf(res);
		expect(error.code).toBe("IMAGE_SIZE_EXCEEDED");
		expect(error.message).toContain("small.png is 511×511");
		await expectNothingStored(style.id, { keys: [], rows: 0 });
	});

	it("refuses a 16384×16383 PNG bomb of a few KB and a 8193-pixel-wide JPEG with IMAGE_SIZE_EXCEEDED naming the file, storing none of the batch", async () => {
		const artist = await createArtist();
		const style = await createStyleVia(artist);
		expect((await uploadTrainingImages(artist, style.id, 1)).status).toBe(201);
		const before = { keys: await styleObjectKeys(style.id), rows: 1 };
		const bomb = await upload(artist, style.id, [...(await trainingPngs(2, 10)), { name: "bomb.png", bytes: await bombPng(16384, 16383), type: "image/png" }]);
		expect(bomb.status).toBe(422);
		const error = await errorOf(bomb);
		expect(error.code).toBe("IMAGE_SIZE_EXCEEDED");
		expect(error.message).toContain("bomb.png is 16384×16383 pixels");
		await expectNothingStored(style.id, before);
		const wide = await upload(artist, style.id, [{ name: "wide.jpg", bytes: jpegHeader(8193, 600) }]);
		expect(wide.status).toBe(422);
		expect(await errorOf(wide)).toMatchObject({ code: "IMAGE_SIZE_EXCEEDED" });
		await expectNothingStored(style.id, before);
	});

	it("refuses 10 MB + 1 byte with IMAGE_SIZE_EXCEEDED, keeping what was stored before", async () => {
		const artist = await createArtist();
		const style = await createStyleVia(artist);
		expect((await uploadTrainingImages(artist, style.id, 2)).status).toBe(201);
		const before = { keys: await styleObjectKeys(style.id), rows: 2 };
		const big = await solidPng(512, 512, { seed: 40, padTo: 10 * 1024 * 1024 + 1 });
		const res = await upload(artist, style.id, [{ name: "big.png", bytes: big }]);
		expect(res.status).toBe(422);
		const error = await errorOf(res);
		expect(error.code).toBe("IMAGE_SIZE_EXCEEDED");
		expect(error.message).toContain("big.png");
		await expectNothingStored(style.id, before);
	});

	it("refuses 101 images in one upload with VALIDATION_FAILED, storing nothing", async () => {
		const artist = await createArtist();
		const style = await createStyleVia(artist);
		const res = await uploadTrainingImages(artist, style.id, 101);
		expect(res.status).toBe(422);
		const error = await errorOf(res);
		expect(error.code).toBe("VALIDATION_FAILED");
		expect(error.message).toContain("at most 100 training images");
		await expectNothingStored(style.id, { keys: [], rows: 0 });
	});

	it("refuses the 101st image when 100 are stored", async () => {
		const artist = await createArtist();
		const style = await createStyleVia(artist);
		expect((await uploadTrainingImages(artist, style.id, 100)).status).toBe(201);
		const before = { keys: await styleObjectKeys(style.id), rows: 100 };
		expect(before.keys).toHaveLength(100);
		const res = await uploadTrainingImages(artist, style.id, 1, 100);
		expect(res.status).toBe(422);
		expect((await errorOf(res)).message).toContain("at most 100 training images");
		await expectNothingStored(style.id, before);
	});

	it("lets only as many of two concurrent uploads through as fit under 100", async () => {
		const artist = await createArtist();
		const style = await createStyleVia(artist);
		expect((await uploadTrainingImages(artist, style.id, 90)).status).toBe(201);
		const [a, b] = await Promise.all([uploadTrainingImages(artist, style.id, 6, 200), uploadTrainingImages(artist, style.id, 6, 300)]);
		expect([a.status, b.status].sort()).toEqual([201, 422]);
		expect(await styleImageRows(style.id)).toBe(96);
		expect(await styleObjectKeys(style.id)).toHaveLength(96);
		expect((await styleRow(style.id))?.image_count).toBe(96);
	});

	it("refuses the same picture twice", async () => {
		const artist = await createArtist();
		const style = await createStyleVia(artist);
		expect((await uploadTrainingImages(artist, style.id, 1)).status).toBe(201);
		const res = await uploadTrainingImages(artist, style.id, 1);
		expect(res.status).toBe(422);
		expect((await errorOf(res)).message).toContain("same image as img-1.png");
		expect(await styleImageRows(style.id)).toBe(1);
	});

	it("deletes a training image: row, count and object", async () => {
		const artist = await createArtist();
		const style = await createStyleVia(artist);
		const body = (await (await uploadTrainingImages(artist, style.id, 2)).json()) as UploadBody;
		// Listed in upload order.
		expect(body.images.map((image) => image.file_name)).toEqual(["img-1.png", "img-2.png"]);
		const [first] = body.images;
		const res = await userApi(artist, `/api/styles/${style.id}/images/${first?.id}`, { method: "DELETE" });
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ deleted: true, image_count: 1 });
		expect(await styleImageRows(style.id)).toBe(1);
		expect(await styleObjectKeys(style.id)).not.toContain(`gpu-inputs/styles/${style.id}/training/${first?.sha256}.png`);
		expect(await styleObjectKeys(style.id)).toHaveLength(1);
		const list = (await (await userApi(artist, `/api/styles/${style.id}/images`)).json()) as UploadBody;
		expect(list.images.map((image) => image.id)).toEqual([body.images[1]?.id]);
	});

	it("keeps the training set fixed while training and once trained", async () => {
		const artist = await createArtist();
		const style = await createStyleVia(artist);
		await env.DB.prepare("UPDATE styles SET status = 'training' WHERE id = ?").bind(style.id).run();
		const res = await uploadTrainingImages(artist, style.id, 1);
		expect(res.status).toBe(409);
		expect(await styleObjectKeys(style.id)).toEqual([]);
	});

	it("refuses a form with no file chosen, and a body that is not a form, as VALIDATION_FAILED", async () => {
		const artist = await createArtist();
		const style = await createStyleVia(artist);
		const form = new FormData();
		form.append("images", new File([], ""));
		const res = await userApi(artist, `/api/styles/${style.id}/images`, { method: "POST", body: form });
		expect(res.status).toBe(422);
		expect((await errorOf(res)).code).toBe("VALIDATION_FAILED");
		const json = await userApi(artist, `/api/styles/${style.id}/images`, { method: "POST", json: { images: ["a.png"] } });
		expect(json.status).toBe(422);
		expect((await errorOf(json)).code).toBe("VALIDATION_FAILED");
	});
});

describe("signature image", () => {
	it("stores the signature under gpu-inputs by its digest and records it on the style", async () => {
		const artist = await createArtist();
		const style = await createStyleVia(artist);
		const res = await uploadSignature(artist, style.id);
		expect(res.status).toBe(200);
		const updated = ((await res.json()) as { style: StyleJson }).style;
		expect(updated.signature?.sha256).toMatch(/^[0-9a-f]{64}$/);
		const row = await styleRow(style.id);
		expect(row?.signature_r2_key).toBe(`gpu-inputs/styles/${style.id}/signature/${updated.signature?.sha256}.png`);
		expect(await styleObjectKeys(style.id)).toEqual([row?.signature_r2_key]);
	});

	it("refuses a signature that is not an image, too small or over its pixel budget, storing nothing", async () => {
		const artist = await createArtist();
		const style = await createStyleVia(artist);
		const text = await userApi(artist, `/api/styles/${style.id}/signature`, {
			method: "PUT",
			body: filesForm("signature", [{ name: "sig.png", bytes: new TextEncoder().encode("<svg/>") }]),
		});
		expect(text.status).toBe(422);
		expect(await errorOf(text)).toMatchObject({ code: "INVALID_IMAGE_FORMAT", message: "sig.png is not a JPEG or PNG image." });
		const tiny = await userApi(artist, `/api/styles/${style.id}/signature`, {
			method: "PUT",
			body: filesForm("signature", [{ name: "dot.png", bytes: await solidPng(16, 16) }]),
		});
		expect(tiny.status).toBe(422);
		expect((await errorOf(tiny)).code).toBe("IMAGE_SIZE_EXCEEDED");
		const bomb = await userApi(artist, `/api/styles/${style.id}/signature`, {
			method: "PUT",
			body: filesForm("signature", [{ name: "bomb.png", bytes: await bombPng(16384, 16383) }]),
		});
		expect(bomb.status).toBe(422);
		const bombError = await errorOf(bomb);
		expect(bombError.code).toBe("IMAGE_SIZE_EXCEEDED");
		expect(bombError.message).toContain("bomb.png is 16384×16383 pixels");
		expect(await styleObjectKeys(style.id)).toEqual([]);
		expect((await styleRow(style.id))?.signature_r2_key).toBeNull();
	});
});

/** A stored object's bytes and the SHA-256 R2 recorded for it. */
async function storedObject(key: string): Promise<{ bytes: Uint8Array; r2Sha256: string | undefined }> {
	const object = await env.FILES.get(key);
	if (!object) throw new Error(`no object ${key}`);
	return { bytes: new Uint8Array(await object.arrayBuffer()), r2Sha256: object.checksums.toJSON().sha256 };
}

describe("metadata of uploaded photos", () => {
	it("strips EXIF with GPS, XMP, IPTC, comments and appended bytes from a training JPEG before storing it, under the stored bytes' SHA-256", async () => {
		const artist = await createArtist();
		const style = await createStyleVia(artist);
		const photo = photoJpeg({ width: 640, height: 512, orientation: 6 });
		for (const marker of GPS_MARKERS) expect(containsBytes(photo, marker), marker).toBe(true);
		expect(await styleObjectKeys(style.id)).toEqual([]);
		const res = await upload(artist, style.id, [{ name: "holiday.jpg", bytes: photo, type: "image/jpeg" }]);
		expect(res.status).toBe(201);
		const image = ((await res.json()) as UploadBody).images[0];
		const key = `gpu-inputs/styles/${style.id}/training/${image?.sha256}.jpg`;
		expect(await styleObjectKeys(style.id)).toEqual([key]);
		const stored = await storedObject(key);
		for (const marker of [...GPS_MARKERS, "Exif\0\0MM\0*\0\0\0\x08\0\x05", "EdgeCam", "xmpmeta", "Photoshop"])
			expect(containsBytes(stored.bytes, marker), marker).toBe(false);
		expect(stored.bytes.length).toBeLessThan(photo.length);
		expect(await sha256Hex(stored.bytes)).toBe(image?.sha256);
		expect(stored.r2Sha256).toBe(image?.sha256);
		expect(image).toMatchObject({ file_name: "holiday.jpg", content_type: "image/jpeg", width: 640, height: 512, size: stored.bytes.length });
		const row = await env.DB.prepare("SELECT sha256, size, r2_key, width, height FROM style_images WHERE id = ?").bind(image?.id).first();
		expect(row).toEqual({ sha256: image?.sha256, size: stored.bytes.length, r2_key: key, width: 640, height: 512 });
		// The artist gets back what was stored, not what was sent.
		const mine = await userApi(artist, `/api/styles/${style.id}/images/${image?.id}`);
		expect(new Uint8Array(await mine.arrayBuffer())).toEqual(stored.bytes);
	});

	it("strips eXIf, text and time chunks from a training PNG, keeping its colour chunks", async () => {
		const artist = await createArtist();
		const style = await createStyleVia(artist);
		const photo = withPngMetadata(await solidPng(512, 512, { seed: 61 }));
		const res = await upload(artist, style.id, [{ name: "scan.png", bytes: photo, type: "image/png" }]);
		expect(res.status).toBe(201);
		const image = ((await res.json()) as UploadBody).images[0];
		const stored = await storedObject(`gpu-inputs/styles/${style.id}/training/${image?.sha256}.png`);
		for (const marker of [...GPS_MARKERS, "eXIf", "tEXt", "iTXt", "zTXt", "tIME", "caBX"]) expect(containsBytes(stored.bytes, marker), marker).toBe(false);
		expect(containsBytes(stored.bytes, "sRGB")).toBe(true);
		expect(await sha256Hex(stored.bytes)).toBe(image?.sha256);
		expect(image?.size).toBe(stored.bytes.length);
		expect(await styleImageRows(style.id)).toBe(1);
	});

	it("stores the signature image stripped, under the stripped bytes' SHA-256", async () => {
		const artist = await createArtist();
		const style = await createStyleVia(artist);
		const res = await userApi(artist, `/api/styles/${style.id}/signature`, {
			method: "PUT",
			body: filesForm("signature", [{ name: "sig.jpg", bytes: photoJpeg({ width: 200, height: 80 }) }]),
		});
		expect(res.status).toBe(200);
		const row = await styleRow(style.id);
		const sha256 = ((await res.json()) as { style: StyleJson }).style.signature?.sha256;
		expect(row?.signature_r2_key).toBe(`gpu-inputs/styles/${style.id}/signature/${sha256}.jpg`);
		const stored = await storedObject(String(row?.signature_r2_key));
		for (const marker of GPS_MARKERS) expect(containsBytes(stored.bytes, marker), marker).toBe(false);
		expect(await sha256Hex(stored.bytes)).toBe(sha256);
		expect(row?.signature_sha256).toBe(sha256);
	});

	it("refuses a JPEG whose segments cannot be walked with INVALID_IMAGE_FORMAT naming it, storing nothing", async () => {
		const artist = await createArtist();
		const style = await createStyleVia(artist);
		const header = jpegHeader(800, 600);
		// A frame the size check can read, then a segment that claims more bytes than the file has.
		const broken = new Uint8Array([...header.subarray(0, header.length - 2), 0xff, 0xe1, 0x7f, 0xff, 0x45, 0x78]);
		const res = await upload(artist, style.id, [{ name: "broken.jpg", bytes: broken }]);
		expect(res.status).toBe(422);
		expect(await errorOf(res)).toMatchObject({ code: "INVALID_IMAGE_FORMAT", message: expect.stringContaining("broken.jpg") });
		await expectNothingStored(style.id, { keys: [], rows: 0 });
	});
});
