import { describe, expect, it } from "vitest";
import { AppError } from "../../src/lib/errors";
import { checkImage, displayFileName, SIGNATURE_IMAGE_LIMITS, sniffImage, TRAINING_IMAGE_LIMITS } from "../../src/styles/image-check";
import { bombPng, jpegHeader, solidPng } from "../support/image-fixtures";

function failure(run: () => unknown): AppError {
	try {
		run();
	} catch (err) {
		if (err instanceof AppError) return err;
		throw err;
	}
	throw new Error("expected an AppError");
}

describe("sniffImage", () => {
	it("reads type and size of a PNG from its IHDR", async () => {
		expect(sniffImage(await solidPng(640, 520))).toEqual({ type: "png", contentType: "image/png", width: 640, height: 520 });
	});

	it("reads type and size of a JPEG from its start-of-frame, walking past other segments (DHT included)", () => {
		expect(sniffImage(jpegHeader(1024, 768))).toEqual({ type: "jpeg", contentType: "image/jpeg", width: 1024, height: 768 });
	});

	it("reads progressive (SOF2) frames and skips fill bytes before a marker", () => {
		const bytes = jpegHeader(800, 600);
		const sof = bytes.indexOf(0xc0);
		bytes[sof] = 0xc2;
		const withFill = new Uint8Array([0xff, 0xd8, 0xff, ...bytes.slice(2)]);
		expect(sniffImage(withFill)).toMatchObject({ type: "jpeg", width: 800, height: 600 });
	});

	it("refuses text, truncated headers, a scan before any frame, and zero sizes", async () => {
		expect(sniffImage(new TextEncoder().encode("just some text, named .png"))).toBeNull();
		expect(sniffImage((await solidPng(600, 600)).slice(0, 20))).toBeNull();
		expect(sniffImage(new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0x00, 0x02, 0xff, 0xd9]))).toBeNull();
		expect(sniffImage(jpegHeader(0, 600))).toBeNull();
		expect(sniffImage(new Uint8Array())).toBeNull();
	});
});

describe("checkImage", () => {
	it("takes the type from the bytes, not the name: a PNG named .jpg is a PNG", async () => {
		const checked = checkImage("sunset.jpg", await solidPng(512, 512), TRAINING_IMAGE_LIMITS);
		expect(checked).toMatchObject({ type: "png", contentType: "image/png", fileName: "sunset.jpg", width: 512, height: 512 });
	});

	it("names the file when it is not an image", () => {
		const err = failure(() => checkImage("notes.png", new TextEncoder().encode("hello"), TRAINING_IMAGE_LIMITS));
		expect(err).toMatchObject({ status: 422, code: "INVALID_IMAGE_FORMAT" });
		expect(err.message).toBe("notes.png is not a JPEG or PNG image.");
	});

	it("refuses 511×511 and 512×511 with IMAGE_SIZE_EXCEEDED naming file and size; 512×512 passes", async () => {
		const small = failure(() => checkImage("tiny.png", jpegHeader(511, 511), TRAINING_IMAGE_LIMITS));
		expect(small).toMatchObject({ status: 422, code: "IMAGE_SIZE_EXCEEDED" });
		expect(small.message).toContain("tiny.png is 511×511 pixels");
		expect(failure(() => checkImage("wide.jpg", jpegHeader(2000, 511), TRAINING_IMAGE_LIMITS)).code).toBe("IMAGE_SIZE_EXCEEDED");
		expect(checkImage("ok.jpg", jpegHeader(512, 512), TRAINING_IMAGE_LIMITS).type).toBe("jpeg");
	});

	it("refuses more than 40 megapixels, or a side over 8192, with IMAGE_SIZE_EXCEEDED naming file and size; the edges pass", () => {
		const tooMany = failure(() => checkImage("poster.jpg", jpegHeader(8000, 5001), TRAINING_IMAGE_LIMITS));
		expect(tooMany).toMatchObject({ status: 422, code: "IMAGE_SIZE_EXCEEDED" });
		expect(tooMany.message).toBe("poster.jpg is 8000×5001 pixels (40.01 megapixels); training images may have at most 40 megapixels and 8192 pixels a side.");
		const tooWide = failure(() => checkImage("panorama.jpg", jpegHeader(8193, 600), TRAINING_IMAGE_LIMITS));
		expect(tooWide).toMatchObject({ status: 422, code: "IMAGE_SIZE_EXCEEDED" });
		expect(tooWide.message).toContain("panorama.jpg is 8193×600 pixels");
		expect(failure(() => checkImage("tall.jpg", jpegHeader(600, 8193), TRAINING_IMAGE_LIMITS)).code).toBe("IMAGE_SIZE_EXCEEDED");
		expect(checkImage("exact.jpg", jpegHeader(8000, 5000), TRAINING_IMAGE_LIMITS).width).toBe(8000);
		expect(checkImage("side.jpg", jpegHeader(8192, 4882), TRAINING_IMAGE_LIMITS).width).toBe(8192);
	});

	it("refuses a 16384×16383 PNG of a few KB (a decompression bomb) by its header", async () => {
		const bomb = await bombPng(16384, 16383);
		expect(bomb.length).toBeLessThan(300 * 1024);
		const err = failure(() => checkImage("bomb.png", bomb, TRAINING_IMAGE_LIMITS));
		expect(err).toMatchObject({ status: 422, code: "IMAGE_SIZE_EXCEEDED" });
		expect(err.message).toContain("bomb.png is 16384×16383 pixels");
	});

	it("allows exactly 10 MB and refuses 10 MB + 1 byte", async () => {
		const limit = 10 * 1024 * 1024;
		expect(checkImage("big.png", await solidPng(512, 512, { padTo: limit }), TRAINING_IMAGE_LIMITS).size).toBe(limit);
		const err = failure(() => checkImage("huge.png", new Uint8Array(limit + 1), TRAINING_IMAGE_LIMITS));
		expect(err).toMatchObject({ status: 422, code: "IMAGE_SIZE_EXCEEDED" });
		expect(err.message).toContain("huge.png");
		expect(err.message).toContain(`${limit + 1} bytes`);
	});

	it("checks signatures against their own limits (2 MB, 32×32, 25 megapixels as the gateway decodes them)", async () => {
		expect(checkImage("sig.png", await solidPng(32, 32), SIGNATURE_IMAGE_LIMITS).width).toBe(32);
		expect(failure(() => checkImage("sig.png", jpegHeader(31, 200), SIGNATURE_IMAGE_LIMITS)).code).toBe("IMAGE_SIZE_EXCEEDED");
		expect(failure(() => checkImage("sig.png", new Uint8Array(2 * 1024 * 1024 + 1), SIGNATURE_IMAGE_LIMITS)).code).toBe("IMAGE_SIZE_EXCEEDED");
		expect(checkImage("sig.jpg", jpegHeader(5000, 5000), SIGNATURE_IMAGE_LIMITS).width).toBe(5000);
		const big = failure(() => checkImage("sig.jpg", jpegHeader(5000, 5001), SIGNATURE_IMAGE_LIMITS));
		expect(big).toMatchObject({ status: 422, code: "IMAGE_SIZE_EXCEEDED" });
		expect(big.message).toContain("a signature image may have at most 25 megapixels");
	});

	it("makes client file names safe to repeat", () => {
		expect(displayFileName("C:\\photos\\cat.png")).toBe("cat.png");
		expect(displayFileName("a\u0000b\nc.png")).toBe("abc.png");
		expect(displayFileName("")).toBe("unnamed file");
		expect(displayFileName("x".repeat(300))).toHaveLength(120);
	});
});
