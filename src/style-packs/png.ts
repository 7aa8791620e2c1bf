import { crc32 } from "../lib/bytes.ts";
/**
 * A PNG reader that proves an image decodes, written for the Worker (no image library there):
 * signature, every chunk's CRC, IHDR, the IDAT stream inflated and measured against what IHDR
 * declares, every scanline's filter byte, and IEND. It also hands back the metadata chunks
 * (eXIf, tEXt, iTXt) that carry an image's provenance. No imports, so Node tests use it as is.
 */

/** What a PNG that decodes says about itself. */
export type PngInfo = {
	width: number;
	height: number;
	bitDepth: number;
	colorType: number;
	interlaced: boolean;
	/** The eXIf chunk's TIFF bytes, or null when there is none. */
	exif: Uint8Array | null;
	/** tEXt and uncompressed iTXt entries by keyword. */
	text: Record<string, string>;
};

/** The verdict on one file: decoded, or the first reason it does not. */
export type PngResult = { ok: true; info: PngInfo } | { ok: false; error: string };

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Channels per colour type; bit depths each allows (PNG spec, table 11.1). */
const COLOR_TYPES: Record<number, { channels: number; depths: number[] }> = {
	0: { channels: 1, depths: [1, 2, 4, 8, 16] },
	2: { channels: 3, depths: [8, 16] },
	3: { channels: 1, depths: [1, 2, 4, 8] },
	4: { channels: 2, depths: [8, 16] },
	6: { channels: 4, depths: [8, 16] },
};
/** Adam7 passes: x start, y start, x step, y step. */
const ADAM7 = [
	[0, 0, 8, 8],
	[4, 0, 8, 8],
	[0, 4, 4, 8],
	[2, 0, 4, 4],
	[0, 2, 2, 4],
	[1, 0, 2, 2],
	[0, 1, 1, 2],
] as const;
/** Beyond this much raw pixel data an image is no product image; refusing it bounds memory. */
const MAX_RAW_BYTES = 64 * 1024 * 1024;
const MAX_DIMENSION = 2 ** 31 - 1;

function u32(bytes: Uint8Array, at: number): number {
	return (((bytes[at] ?? 0) << 24) | ((bytes[at + 1] ?? 0) << 16) | ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0)) >>> 0;
}

const latin1 = new TextDecoder("latin1");
const utf8 = new TextDecoder();

/** The rows of the scanline layout IHDR implies: [bytes per row including the filter byte, rows] per pass. */
function scanlineLayout(width: number, height: number, bitsPerPixel: number, interlaced: boolean): [number, number][] {
	const rowBytes = (pixels: number) => 1 + Math.ceil((pixels * bitsPerPixel) / 8);
	if (!interlaced) return [[rowBytes(width), height]];
	const passes: [number, number][] = [];
	for (const [x0, y0, dx, dy] of ADAM7) {
		const w = width > x0 ? Math.ceil((width - x0) / dx) : 0;
		const h = height > y0 ? Math.ceil((height - y0) / dy) : 0;
		// An empty pass has no scanlines at all, not even filter bytes.
		if (w > 0 && h > 0) passes.push([rowBytes(w), h]);
	}
	return passes;
}

/**
 * Inflates the zlib stream into a buffer of exactly `expected` bytes; more is an error at once
 * (a decompression bomb never gets to allocate), fewer is reported with the count.
 */
async function inflateExactly(data: Uint8Array<ArrayBuffer>, expected: number): Promise<{ bytes: Uint8Array } | { error: string }> {
	const out = new Uint8Array(expected);
	let filled = 0;
	const reader = new Blob([data]).stream().pipeThrough(new DecompressionStream("deflate")).getReader();
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			if (filled + value.byteLength > expected) {
				await reader.cancel().catch(() => undefined);
				return { error: `IDAT inflates to more than the ${expected} bytes IHDR implies` };
			}
			out.set(value, filled);
			filled += value.byteLength;
		}
	} catch (err) {
		return { error: `IDAT does not inflate (${err instanceof Error ? err.message : String(err)}) after ${filled} of ${expected} bytes` };
	}
	if (filled !== expected) return { error: `IDAT inflates to ${filled} bytes, IHDR implies ${expected}` };
	return { bytes: out };
}

/** Reads the keyword/text pair of a tEXt chunk, or of an uncompressed iTXt chunk. */
function textEntry(type: string, data: Uint8Array): [string, string] | null {
	const nul = data.indexOf(0);
	if (nul < 1) return null;
	const keyword = latin1.decode(data.subarray(0, nul));
	if (type === "tEXt") return [keyword, latin1.decode(data.subarray(nul + 1))];
	// iTXt: keyword\0 flag method language\0 translated keyword\0 text (UTF-8).
	if (data[nul + 1] !== 0) return null;
	const language = data.indexOf(0, nul + 3);
	const translated = language < 0 ? -1 : data.indexOf(0, language + 1);
	if (translated < 0) return null;
	return [keyword, utf8.decode(data.subarray(translated + 1))];
}

/** Checks a PNG fully and returns its header and metadata, or the first reason it is broken. */
export async function readPng(bytes: Uint8Array): Promise<PngResult> {
	const fail = (error: string): PngResult => ({ ok: false, error });
	if (bytes.length < SIGNATURE.length || SIGNATURE.some((byte, i) => bytes[i] !== byte)) return fail("not a PNG (bad signature)");

	let header: Omit<PngInfo, "exif" | "text"> | null = null;
	let exif: Uint8Array | null = null;
	const text: Record<string, string> = {};
	const idat: Uint8Array[] = [];
	let idatEnded = false;
	let sawPalette = false;
	let ended = false;
	let at = SIGNATURE.length;
	while (at < bytes.length) {
		if (at + 12 > bytes.length) return fail(`truncated chunk header at byte ${at}`);
		const length = u32(bytes, at);
		const type = latin1.decode(bytes.subarray(at + 4, at + 8));
		if (!/^[A-Za-z]{4}$/.test(type)) return fail(`invalid chunk type at byte ${at}`);
		const dataStart = at + 8;
		const dataEnd = dataStart + length;
		if (length > 0x7fffffff || dataEnd + 4 > bytes.length) return fail(`chunk ${type} at byte ${at} runs past the end of the file`);
		if (crc32(bytes, at + 4, dataEnd) !== u32(bytes, dataEnd)) return fail(`chunk ${type} at byte ${at} fails its CRC`);
		const data = bytes.subarray(dataStart, dataEnd);
		at = dataEnd + 4;

		if (header === null && type !== "IHDR") return fail(`first chunk is ${type}, not IHDR`);
		if (type !== "IDAT" && idat.length > 0) idatEnded = true;
		switch (type) {
			case "IHDR": {
				if (header !== null) return fail("more than one IHDR");
				if (length !== 13) return fail(`IHDR is ${length} bytes, not 13`);
				const width = u32(data, 0);
				const height = u32(data, 4);
				const [bitDepth = 0, colorType = 0, compression, filter, interlace] = data.subarray(8);
				if (width === 0 || height === 0 || width > MAX_DIMENSION || height > MAX_DIMENSION) return fail(`invalid size ${width}×${height}`);
				if (!COLOR_TYPES[colorType]?.depths.includes(bitDepth)) return fail(`invalid bit depth ${bitDepth} for colour type ${colorType}`);
				if (compression !== 0 || filter !== 0 || (interlace !== 0 && interlace !== 1)) return fail("unknown compression, filter or interlace method");
				header = { width, height, bitDepth, colorType, interlaced: interlace === 1 };
				break;
			}
			case "PLTE":
				if (length === 0 || length % 3 !== 0 || length > 768) return fail(`PLTE of ${length} bytes`);
				sawPalette = true;
				break;
			case "IDAT":
				if (idatEnded) return fail("IDAT chunks are not consecutive");
				idat.push(data);
				break;
			case "eXIf":
				if (exif !== null) return fail("more than one eXIf");
				exif = data;
				break;
			case "tEXt":
			case "iTXt": {
				const entry = textEntry(type, data);
				if (entry) text[entry[0]] = entry[1];
				break;
			}
			case "IEND":
				if (length !== 0) return fail("IEND carries data");
				ended = true;
				break;
			default:
				// An unknown critical chunk (uppercase first letter) means we cannot decode the image.
				if (type.charCodeAt(0) < 0x61) return fail(`unknown critical chunk ${type}`);
		}
		if (ended) break;
	}
	if (!header) return fail("no IHDR");
	if (!ended) return fail("no IEND (file truncated)");
	if (at !== bytes.length) return fail(`${bytes.length - at} bytes after IEND`);
	if (idat.length === 0) return fail("no IDAT");
	if (header.colorType === 3 && !sawPalette) return fail("palette image without PLTE");

	const channels = COLOR_TYPES[header.colorType]?.channels ?? 0;
	const layout = scanlineLayout(header.width, header.height, channels * header.bitDepth, header.interlaced);
	const expected = layout.reduce((sum, [rowBytes, rows]) => sum + rowBytes * rows, 0);
	if (expected > MAX_RAW_BYTES) return fail(`${header.width}×${header.height} is too large to verify`);
	const compressed = new Uint8Array(idat.reduce((sum, chunk) => sum + chunk.length, 0));
	let offset = 0;
	for (const chunk of idat) {
		compressed.set(chunk, offset);
		offset += chunk.length;
	}
	const inflated = await inflateExactly(compressed, expected);
	if ("error" in inflated) return fail(inflated.error);

	let row = 0;
	for (const [rowBytes, rows] of layout) {
		for (let r = 0; r < rows; r++, row += rowBytes) {
			const filterType = inflated.bytes[row] ?? 0;
			if (filterType > 4) return fail(`scanline filter type ${filterType} is not 0-4`);
		}
	}
	return { ok: true, info: { ...header, exif, text } };
}
