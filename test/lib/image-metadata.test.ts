import { describe, expect, it } from "vitest";
import { stripImageMetadata, stripJpegMetadata, stripPngMetadata } from "../../src/lib/image-metadata";
import { readPng } from "../../src/style-packs/png";
import { sniffImage } from "../../src/styles/image-check";
import { solidPng } from "../support/image-fixtures";
import { containsBytes, GPS_MARKERS, jpegSegments, photoJpeg, pngChunkTypes, withPngMetadata } from "../support/photo-fixtures";

const encoder = new TextEncoder();

/** The EXIF a stripped image keeps for a rotated photo: big-endian TIFF, IFD0 with Orientation only. */
function orientationTiff(orientation: number): number[] {
	return [0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0];
}

function stripped(result: ReturnType<typeof stripImageMetadata>): { bytes: Uint8Array; removed: string[] } {
	if (!result.ok) throw new Error(result.error);
	return result;
}

/** The bytes from the first start-of-scan marker to the first end of image after it, inclusive. */
function scanOf(jpeg: Uint8Array): Uint8Array {
	for (let at = 2; at + 1 < jpeg.length; ) {
		if (jpeg[at + 1] === 0xda) {
			let end = at;
			while (end + 1 < jpeg.length && !(jpeg[end] === 0xff && jpeg[end + 1] === 0xd9)) end += 1;
			return jpeg.subarray(at, end + 2);
		}
		at += 2 + (((jpeg[at + 2] ?? 0) << 8) | (jpeg[at + 3] ?? 0));
	}
	throw new Error("no scan");
}

describe("stripJpegMetadata", () => {
	it("removes EXIF (GPS, thumbnail), XMP, IPTC, the comment, MPF and what follows the end of image", () => {
		const photo = photoJpeg({ width: 64, height: 48 });
		for (const marker of GPS_MARKERS) expect(containsBytes(photo, marker), marker).toBe(true);
		const { bytes, removed } = stripped(stripJpegMetadata(photo));
		expect(removed).toEqual([
			"APP1 Exif",
			"APP1 http://ns.adobe.com/xap/1.0/",
			"APP13 Photoshop 3.0",
			"COM",
			"APP2 MPF",
			expect.stringMatching(/^\d+ bytes after the end of image$/),
		]);
		for (const marker of [...GPS_MARKERS, "Exif\0\0", "EdgeCam", "xmpmeta", "Photoshop", "8BIM", "thumbnail", "MPF"]) {
			expect(containsBytes(bytes, marker), marker).toBe(false);
		}
		// What rendering needs stays: JFIF (its thumbnail cut), the ICC profile, Adobe, then tables, frame and scan.
		expect(jpegSegments(bytes).map((s) => `${s.marker.toString(16)} ${s.id}`.trim())).toEqual([
			"e0 JFIF",
			"e2 ICC_PROFILE",
			"ee Adobe",
			"db",
			"c0",
			"c4",
			"c4",
		]);
		expect(jpegSegments(bytes)[0]?.length).toBe(16);
		expect(scanOf(bytes)).toEqual(scanOf(photo));
		expect(bytes.subarray(-2)).toEqual(new Uint8Array([0xff, 0xd9]));
		expect(sniffImage(bytes)).toEqual(sniffImage(photo));
	});

	it("keeps a rotated photo's orientation as the only EXIF tag, right after JFIF", () => {
		const photo = photoJpeg({ width: 48, height: 64, orientation: 6 });
		const { bytes } = stripped(stripJpegMetadata(photo));
		const segments = jpegSegments(bytes);
		expect(segments.map((s) => s.id).slice(0, 3)).toEqual(["JFIF", "Exif", "ICC_PROFILE"]);
		const exifAt = 2 + 2 + 16;
		expect([...bytes.subarray(exifAt, exifAt + 4 + 6 + 26)]).toEqual([0xff, 0xe1, 0, 34, ...encoder.encode("Exif\0\0"), ...orientationTiff(6)]);
		for (const marker of GPS_MARKERS) expect(containsBytes(bytes, marker), marker).toBe(false);
		// Orientation 1 (upright) needs no EXIF at all.
		expect(containsBytes(stripped(stripJpegMetadata(photoJpeg({ width: 48, height: 64, orientation: 1 }))).bytes, "Exif")).toBe(false);
	});

	it("walks scans by their data: stuffed bytes and restart markers stay, metadata between progressive scans goes", () => {
		const withRestarts = photoJpeg({ width: 128, height: 64, restartInterval: 3 });
		expect(containsBytes(scanOf(withRestarts), new Uint8Array([0xff, 0xd0]))).toBe(true);
		expect(scanOf(stripped(stripJpegMetadata(withRestarts)).bytes)).toEqual(scanOf(withRestarts));

		const sof2 = [0xff, 0xc2, 0, 11, 8, 0, 16, 0, 16, 1, 1, 0x11, 0];
		const dht = [0xff, 0xc4, 0, 20, 0x00, 1, ...new Array(15).fill(0), 0];
		const sos = [0xff, 0xda, 0, 8, 1, 1, 0, 0, 0, 0];
		const data = [0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0xff, 0xff];
		const exif = [0xff, 0xe1, 0, 12, ...encoder.encode("Exif\0\0GPS\0")];
		const jpeg = new Uint8Array([0xff, 0xd8, ...sof2, ...dht, ...sos, ...data, ...exif, ...dht, ...sos, ...data, 0xff, 0xd9]);
		const { bytes, removed } = stripped(stripJpegMetadata(jpeg));
		expect(removed).toEqual(["APP1 Exif"]);
		expect([...bytes]).toEqual([0xff, 0xd8, ...sof2, ...dht, ...sos, ...data, ...dht, ...sos, ...data, 0xff, 0xd9]);
	});

	it("returns a JPEG with nothing to strip as it is, the same bytes", () => {
		const clean = photoJpeg({ width: 32, height: 32, clean: true });
		const result = stripped(stripJpegMetadata(clean));
		expect(result.removed).toEqual([]);
		expect(result.bytes).toBe(clean);
	});

	it("refuses a JPEG it cannot walk: a segment running past the end, bytes between segments", () => {
		const photo = photoJpeg({ width: 32, height: 32 });
		expect(stripJpegMetadata(photo.subarray(0, 30))).toMatchObject({ ok: false, error: expect.stringContaining("runs past the end") });
		const garbage = new Uint8Array([0xff, 0xd8, 0x00, 0x01, ...photo.subarray(2)]);
		expect(stripJpegMetadata(garbage)).toMatchObject({ ok: false, error: "expected a marker at byte 2" });
		expect(stripJpegMetadata(encoder.encode("not a jpeg"))).toMatchObject({ ok: false });
	});
});

describe("stripPngMetadata", () => {
	it("removes eXIf, tEXt, zTXt, iTXt, tIME, private chunks and bytes after IEND; the image still decodes", async () => {
		const plain = await solidPng(32, 24, { seed: 5 });
		const photo = withPngMetadata(plain);
		for (const marker of GPS_MARKERS) expect(containsBytes(photo, marker), marker).toBe(true);
		const { bytes, removed } = stripped(stripPngMetadata(photo));
		expect(removed).toEqual(["eXIf", "iTXt", "tEXt", "zTXt", "tIME", "caBX", expect.stringMatching(/^\d+ bytes after IEND$/)]);
		expect(pngChunkTypes(bytes)).toEqual(["IHDR", "sRGB", "gAMA", "cHRM", "pHYs", "IDAT", "IEND"]);
		for (const marker of [...GPS_MARKERS, "Exif", "EdgeCam", "xmpmeta", "c2pa"]) expect(containsBytes(bytes, marker), marker).toBe(false);
		const decoded = await readPng(bytes);
		expect(decoded).toMatchObject({ ok: true, info: { width: 32, height: 24, exif: null, text: {} } });
	});

	it("keeps a rotated PNG's orientation as a one-tag eXIf before the image data", async () => {
		const { bytes } = stripped(stripPngMetadata(withPngMetadata(await solidPng(24, 32), { orientation: 8 })));
		expect(pngChunkTypes(bytes)).toEqual(["IHDR", "eXIf", "sRGB", "gAMA", "cHRM", "pHYs", "IDAT", "IEND"]);
		const decoded = await readPng(bytes);
		if (!decoded.ok) throw new Error(decoded.error);
		expect([...(decoded.info.exif ?? [])]).toEqual(orientationTiff(8));
		for (const marker of GPS_MARKERS) expect(containsBytes(bytes, marker), marker).toBe(false);
	});

	it("returns a PNG with nothing to strip as it is, and refuses a truncated one", async () => {
		const plain = await solidPng(16, 16);
		expect(stripped(stripPngMetadata(plain)).bytes).toBe(plain);
		expect(stripPngMetadata(plain.subarray(0, plain.length - 5))).toMatchObject({ ok: false, error: expect.stringContaining("truncated chunk") });
	});
});

describe("stripImageMetadata", () => {
	it("picks the format by the signature and refuses anything else", async () => {
		expect(stripped(stripImageMetadata(photoJpeg({ width: 16, height: 16 }))).removed).toContain("APP1 Exif");
		expect(stripped(stripImageMetadata(withPngMetadata(await solidPng(16, 16)))).removed).toContain("eXIf");
		expect(stripImageMetadata(encoder.encode("GIF89a"))).toEqual({ ok: false, error: "not a JPEG or PNG" });
	});
});
