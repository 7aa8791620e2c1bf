import { concatBytes, crc32 } from "../../src/lib/bytes.ts";

/**
 * Hand-built images for upload tests, made in the test itself (no binary fixtures): real PNGs
 * (zlib via CompressionStream, CRC-32 per chunk), which sharp decodes too, and JPEG headers
 * that carry a size but no image data (enough for checks that read headers only).
 */

function u32be(value: number): Uint8Array {
	return new Uint8Array([(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]);
}

/** One PNG chunk: length, type, data, CRC over type and data. */
function pngChunk(type: string, data: Uint8Array): Uint8Array {
	const typeBytes = new TextEncoder().encode(type);
	return concatBytes([u32be(data.length), typeBytes, data, u32be(crc32(concatBytes([typeBytes, data])))]);
}

async function zlib(bytes: Uint8Array): Promise<Uint8Array> {
	// "deflate" in the Compression Streams standard is the zlib format PNG's IDAT wants.
	const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate"));
	return new Uint8Array(await new Response(stream).arrayBuffer());
}

const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A real RGB PNG of one colour, with a diagonal stripe so images with different `seed`s differ.
 * `padTo` adds a private ancillary chunk so the file is exactly that many bytes (for size limits).
 */
export async function solidPng(width: number, height: number, options: { seed?: number; padTo?: number } = {}): Promise<Uint8Array> {
	const seed = options.seed ?? 0;
	const rowLength = 1 + width * 3;
	const raw = new Uint8Array(rowLength * height);
	const colour = [(seed * 67) & 0xff, (seed * 131 + 80) & 0xff, (seed * 29 + 160) & 0xff];
	for (let y = 0; y < height; y++) {
		const row = y * rowLength;
		for (let x = 0; x < width; x++) {
			const stripe = Math.abs(x - y - seed) < 8;
			for (let c = 0; c < 3; c++) raw[row + 1 + x * 3 + c] = stripe ? 255 - (colour[c] ?? 0) : (colour[c] ?? 0);
		}
	}
	const ihdr = concatBytes([u32be(width), u32be(height), new Uint8Array([8, 2, 0, 0, 0])]);
	const head = concatBytes([PNG_SIGNATURE, pngChunk("IHDR", ihdr), pngChunk("IDAT", await zlib(raw))]);
	const end = pngChunk("IEND", new Uint8Array());
	if (options.padTo === undefined) return concatBytes([head, end]);
	const padding = options.padTo - head.length - end.length - 12;
	if (padding < 0) throw new Error(`a ${width}×${height} PNG is already more than ${options.padTo} bytes`);
	// paDd: ancillary, private, safe to ignore; decoders skip it.
	return concatBytes([head, pngChunk("paDd", new Uint8Array(padding)), end]);
}

/**
 * A decompression bomb: a real 1-bit greyscale PNG of `width`×`height` black pixels. Its IDAT is
 * a few KB (zero rows deflate to almost nothing) while a decoder would allocate width×height
 * pixels. Rows are streamed into the compressor, so the test never holds the raw image either.
 */
export async function bombPng(width: number, height: number): Promise<Uint8Array> {
	const stream = new CompressionStream("deflate");
	const compressed = new Response(stream.readable).arrayBuffer();
	const writer = stream.writable.getWriter();
	// Filter byte 0 and ceil(width / 8) bytes of zero bits per row.
	const rowLength = 1 + Math.ceil(width / 8);
	const rowsPerWrite = 256;
	const block = new Uint8Array(rowLength * rowsPerWrite);
	for (let y = 0; y < height; y += rowsPerWrite) {
		const rows = Math.min(rowsPerWrite, height - y);
		await writer.write(rows === rowsPerWrite ? block : block.subarray(0, rows * rowLength));
	}
	await writer.close();
	const ihdr = concatBytes([u32be(width), u32be(height), new Uint8Array([1, 0, 0, 0, 0])]);
	return concatBytes([PNG_SIGNATURE, pngChunk("IHDR", ihdr), pngChunk("IDAT", new Uint8Array(await compressed)), pngChunk("IEND", new Uint8Array())]);
}

/**
 * The header of a baseline JPEG (SOI, JFIF APP0, a DHT segment that must be walked past, SOF0
 * with the size, then EOI): a checker that walks markers reads its size; it holds no pixels.
 */
export function jpegHeader(width: number, height: number): Uint8Array {
	const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
	const dht = [0xff, 0xc4, 0x00, 0x05, 0x00, 0x00, 0x00];
	const sof0 = [
		0xff,
		0xc0,
		0x00,
		0x11,
		0x08,
		(height >> 8) & 0xff,
		height & 0xff,
		(width >> 8) & 0xff,
		width & 0xff,
		0x03,
		0x01,
		0x22,
		0x00,
		0x02,
		0x11,
		0x01,
		0x03,
		0x11,
		0x01,
	];
	return new Uint8Array([0xff, 0xd8, ...app0, ...dht, ...sof0, 0xff, 0xd9]);
}

/** A file as a form part. */
export type FormFile = { name: string; bytes: Uint8Array; type?: string };

/** A multipart form with `files` under `field` (the declared type is whatever the test claims). */
export function filesForm(field: string, files: FormFile[], extra: Record<string, string> = {}): FormData {
	const form = new FormData();
	for (const file of files) form.append(field, new File([file.bytes], file.name, { type: file.type ?? "application/octet-stream" }));
	for (const [key, value] of Object.entries(extra)) form.append(key, value);
	return form;
}

/** `count` different valid 512×512 training PNGs named `img-<n>.png`. */
export async function trainingPngs(count: number, offset = 0): Promise<FormFile[]> {
	return Promise.all(
		Array.from({ length: count }, async (_, i) => ({
			name: `img-${offset + i + 1}.png`,
			bytes: await solidPng(512, 512, { seed: offset + i + 1 }),
			type: "image/png",
		})),
	);
}
