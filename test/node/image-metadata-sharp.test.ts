import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { stripImageMetadata } from "../../src/lib/image-metadata.ts";
import { containsBytes, GPS_MARKERS, photoJpeg, withPngMetadata } from "../support/photo-fixtures.ts";

/**
 * The Worker strips photo metadata without an image library (src/lib/image-metadata.ts); here a
 * real decoder (sharp/libvips, the gpu-gateway's) shows that what it leaves decodes to the very
 * same pixels, on the hand-built fixtures the Worker tests use and on photos libvips itself wrote
 * with GPS EXIF, XMP and a Display P3 profile.
 */

function strip(bytes: Uint8Array): Uint8Array {
	const result = stripImageMetadata(bytes);
	if (!result.ok) throw new Error(result.error);
	return result.bytes;
}

async function pixels(bytes: Uint8Array): Promise<Buffer> {
	return sharp(bytes).raw().toBuffer();
}

/** A noisy image, so the JPEG's entropy-coded data holds stuffed FF 00 bytes like a real photo's. */
async function noise(width: number, height: number): Promise<ReturnType<typeof sharp>> {
	const raw = Buffer.alloc(width * height * 3);
	let x = 7;
	for (let i = 0; i < raw.length; i++) {
		x = (Math.imul(x, 1103515245) + 12345) >>> 0;
		raw[i] = x >>> 24;
	}
	return sharp(raw, { raw: { width, height, channels: 3 } });
}

/** EXIF as a phone writes it, through libvips: camera, time and a GPS IFD (the orientation goes through `withMetadata`). */
const PHONE_EXIF = {
	IFD0: { Make: "EdgeCam", Model: "EdgeCam Pro 12", DateTime: "2026:11:30 18:42:07" },
	IFD3: { GPSLatitudeRef: "N", GPSLatitude: "37/1 33/1 1234/100", GPSLongitudeRef: "E", GPSLongitude: "126/1 58/1 4050/100", GPSMapDatum: "WGS-84" },
};

const XMP = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="37,33.2057N"/></rdf:RDF></x:xmpmeta>`;

describe("stripped photos decode to the same pixels", () => {
	it("the Worker tests' hand-built JPEG: decodes before and after, orientation and ICC kept, the rest gone", async () => {
		const photo = photoJpeg({ width: 512, height: 384, orientation: 6, restartInterval: 5 });
		const before = await sharp(photo).metadata();
		expect([before.format, before.width, before.height, before.orientation]).toEqual(["jpeg", 512, 384, 6]);
		expect(before.xmp).toBeDefined();
		expect(before.iptc).toBeDefined();
		const stripped = strip(photo);
		const after = await sharp(stripped).metadata();
		expect([after.format, after.width, after.height, after.orientation]).toEqual(["jpeg", 512, 384, 6]);
		expect(after.exif?.length).toBe(6 + 26);
		expect(after.icc).toEqual(before.icc);
		expect([after.xmp, after.iptc, after.comments]).toEqual([undefined, undefined, undefined]);
		expect(await pixels(stripped)).toEqual(await pixels(photo));
		// The orientation still turns it upright.
		expect((await sharp(stripped).rotate().toBuffer({ resolveWithObject: true })).info).toMatchObject({ width: 384, height: 512 });
	});

	it("a progressive JPEG libvips wrote with GPS EXIF, XMP and a Display P3 profile", async () => {
		const image = await noise(320, 240);
		const photo = new Uint8Array(
			await image.withMetadata({ orientation: 6 }).withExif(PHONE_EXIF).withXmp(XMP).withIccProfile("p3").jpeg({ quality: 90, progressive: true }).toBuffer(),
		);
		for (const marker of ["WGS-84", "EdgeCam", "GPSLatitude"]) expect(containsBytes(photo, marker), marker).toBe(true);
		const stripped = strip(photo);
		for (const marker of ["WGS-84", "EdgeCam", "GPSLatitude", "xmpmeta"]) expect(containsBytes(stripped, marker), marker).toBe(false);
		const before = await sharp(photo).metadata();
		const after = await sharp(stripped).metadata();
		expect([after.width, after.height, after.isProgressive, after.orientation]).toEqual([320, 240, true, 6]);
		expect(after.icc).toEqual(before.icc);
		expect(after.xmp).toBeUndefined();
		expect(await pixels(stripped)).toEqual(await pixels(photo));
	});

	it("PNGs: libvips's own with eXIf, and the hand-built fixture chunks", async () => {
		const written = new Uint8Array(await (await noise(64, 48)).withMetadata({ orientation: 6 }).withExif(PHONE_EXIF).png().toBuffer());
		for (const png of [written, withPngMetadata(written, { orientation: 6 })]) {
			const stripped = strip(png);
			for (const marker of [...GPS_MARKERS.filter((m) => containsBytes(png, m)), "EdgeCam"]) expect(containsBytes(stripped, marker), marker).toBe(false);
			const after = await sharp(stripped).metadata();
			expect([after.format, after.width, after.height, after.orientation, after.comments]).toEqual(["png", 64, 48, 6, undefined]);
			expect(await pixels(stripped)).toEqual(await pixels(png));
		}
	});
});
