/**
 * PNG bytes for tests, made inside workerd (sharp does not run there): IHDR, IDAT, IEND plus the
 * eXIf chunk the gpu-gateway writes through sharp (a little-endian TIFF whose IFD0 holds
 * ImageDescription = provenance JSON, Software, and Artist = the artist id on signed images).
 * test/node/style-pack-png.test.ts proves the reader accepts the gateway's real output too.
 */

const encoder = new TextEncoder();

/** What to put in a fixture. */
export type PngFixture = {
	width: number;
	height: number;
	/** Varies the pixels, so two fixtures have different bytes. */
	seed?: number;
	/** JSON for EXIF ImageDescription; null writes no eXIf chunk at all. */
	provenance?: Record<string, string | number> | null;
	/** EXIF Artist; the gateway writes it only when it stamped the signature. */
	exifArtist?: string;
	/** Encode only this many rows while IHDR declares `height`: a short IDAT. */
	rowsEncoded?: number;
};

/** The metadata the gateway's local backend writes for a signed image of this artist and style. */
export function gatewayProvenance(artistId: string, styleId: string, seed: number): Pick<PngFixture, "provenance" | "exifArtist"> {
	return {
		provenance: {
			generator: "edge-factory/gpu-gateway/local",
			style: styleId,
			artist: artistId,
			model_sha256: "0".repeat(64),
			prompt_sha256: "1".repeat(64),
			seed,
		},
		exifArtist: artistId,
	};
}

/** An independent CRC-32, so fixtures do not lean on the reader under test. */
function crc(bytes: Uint8Array): number {
	let c = ~0;
	for (const byte of bytes) {
		c ^= byte;
		for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
	}
	return ~c >>> 0;
}

function concat(parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
	let at = 0;
	for (const part of parts) {
		out.set(part, at);
		at += part.length;
	}
	return out;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
	const out = new Uint8Array(12 + data.length);
	const view = new DataView(out.buffer);
	view.setUint32(0, data.length);
	out.set(encoder.encode(type), 4);
	out.set(data, 8);
	view.setUint32(8 + data.length, crc(out.subarray(4, 8 + data.length)));
	return out;
}

/** A little-endian TIFF with one IFD of ASCII tags, as libvips writes into eXIf. */
function exifBlock(tags: [number, string][]): Uint8Array {
	const sorted = [...tags].sort((a, b) => a[0] - b[0]).map(([tag, value]) => [tag, encoder.encode(`${value}\0`)] as const);
	const ifdSize = 2 + sorted.length * 12 + 4;
	const valuesSize = sorted.reduce((sum, [, bytes]) => sum + (bytes.length > 4 ? bytes.length : 0), 0);
	const out = new Uint8Array(8 + ifdSize + valuesSize);
	const view = new DataView(out.buffer);
	out.set([0x49, 0x49, 42, 0, 8, 0, 0, 0]);
	view.setUint16(8, sorted.length, true);
	let valueAt = 8 + ifdSize;
	sorted.forEach(([tag, bytes], i) => {
		const entry = 10 + i * 12;
		view.setUint16(entry, tag, true);
		view.setUint16(entry + 2, 2, true);
		view.setUint32(entry + 4, bytes.length, true);
		if (bytes.length <= 4) out.set(bytes, entry + 8);
		else {
			view.setUint32(entry + 8, valueAt, true);
			out.set(bytes, valueAt);
			valueAt += bytes.length;
		}
	});
	return out;
}

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
	const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate"));
	return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** An RGBA PNG with a seeded gradient, and the gateway's metadata when asked. */
export async function makePng(fixture: PngFixture): Promise<Uint8Array> {
	const { width, height } = fixture;
	const seed = fixture.seed ?? 1;
	const rows = fixture.rowsEncoded ?? height;
	const rowBytes = 1 + width * 4;
	const raw = new Uint8Array(rows * rowBytes);
	for (let y = 0; y < rows; y++) {
		// Filter type 0 (None): the row's bytes are the pixels.
		for (let x = 0; x < width; x++) raw.set([(x + seed * 37) & 0xff, (y + seed * 11) & 0xff, (x ^ y ^ seed) & 0xff, 0xff], y * rowBytes + 1 + x * 4);
	}
	const ihdr = new Uint8Array(13);
	const view = new DataView(ihdr.buffer);
	view.setUint32(0, width);
	view.setUint32(4, height);
	ihdr.set([8, 6, 0, 0, 0], 8);
	const exifTags: [number, string][] = [];
	if (fixture.provenance) exifTags.push([0x010e, JSON.stringify(fixture.provenance)], [0x0131, "edge-factory gpu-gateway local"]);
	if (fixture.exifArtist) exifTags.push([0x013b, fixture.exifArtist]);
	return concat([
		new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk("IHDR", ihdr),
		...(exifTags.length > 0 ? [chunk("eXIf", exifBlock(exifTags))] : []),
		chunk("IDAT", await deflate(raw)),
		chunk("IEND", new Uint8Array()),
	]);
}

/** The same PNG with one byte of its IDAT data changed and the CRC left as it was. */
export function withBadIdatCrc(png: Uint8Array): Uint8Array {
	const copy = png.slice();
	const at = findChunk(copy, "IDAT");
	copy[at + 8 + 2] = (copy[at + 8 + 2] ?? 0) ^ 0xff;
	return copy;
}

/** Where a chunk of that type starts (its length field). */
export function findChunk(png: Uint8Array, type: string): number {
	const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
	for (let at = 8; at + 8 <= png.length; at += 12 + view.getUint32(at)) {
		if (new TextDecoder().decode(png.subarray(at + 4, at + 8)) === type) return at;
	}
	throw new Error(`no ${type} chunk`);
}
