import { AppError } from "../lib/errors";
import { MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE, MAX_SIGNATURE_PIXELS } from "../shared/image-budget";

/**
 * Image checks for style uploads. The type is decided by the bytes (signature and header),
 * never by the file name or the declared Content-Type: a PNG named `.jpg` is a PNG, a text
 * file named `.png` is not an image. Pure functions, no I/O.
 */

/** The image types a style accepts. */
export type ImageType = "png" | "jpeg";

/** What the header of an image says. */
export type SniffedImage = { type: ImageType; contentType: "image/png" | "image/jpeg"; width: number; height: number };

/** An upload that passed its checks. */
export type CheckedImage = SniffedImage & { fileName: string; size: number };

/** Limits of one kind of upload: bytes, and pixels as its header declares them (what decoding would cost). */
export type ImageLimits = { maxBytes: number; minSide: number; maxSide: number; maxPixels: number; what: string };

/** Training images: at most 10 MB, at least 512×512, at most 40 megapixels and 8192 a side. */
export const TRAINING_IMAGE_LIMITS: ImageLimits = {
	maxBytes: 10 * 1024 * 1024,
	minSide: 512,
	maxSide: MAX_IMAGE_SIDE,
	maxPixels: MAX_IMAGE_PIXELS,
	what: "training images",
};
/** The artist's signature: small (it is stamped on every image), at least 32×32, at most what the gateway decodes. */
export const SIGNATURE_IMAGE_LIMITS: ImageLimits = {
	maxBytes: 2 * 1024 * 1024,
	minSide: 32,
	maxSide: MAX_IMAGE_SIDE,
	maxPixels: MAX_SIGNATURE_PIXELS,
	what: "a signature image",
};

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function u16(bytes: Uint8Array, at: number): number {
	return ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
}

function u32(bytes: Uint8Array, at: number): number {
	return (((bytes[at] ?? 0) << 24) | ((bytes[at + 1] ?? 0) << 16) | ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0)) >>> 0;
}

/** A PNG: the 8-byte signature, then the IHDR chunk (always first, 13 bytes) with width and height. */
function sniffPng(bytes: Uint8Array): SniffedImage | null {
	if (bytes.length < 24 || !PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return null;
	const ihdr = String.fromCharCode(bytes[12] ?? 0, bytes[13] ?? 0, bytes[14] ?? 0, bytes[15] ?? 0);
	if (ihdr !== "IHDR" || u32(bytes, 8) !== 13) return null;
	const width = u32(bytes, 16);
	const height = u32(bytes, 20);
	if (width === 0 || height === 0) return null;
	return { type: "png", contentType: "image/png", width, height };
}

/** Markers that stand alone, with no length field: TEM, RST0–RST7, SOI. */
function isStandaloneMarker(marker: number): boolean {
	return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8);
}

/** Start-of-frame markers (SOF0–SOF15) carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but are not frames. */
function isStartOfFrame(marker: number): boolean {
	return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** A JPEG: SOI `FF D8 FF`, then segments walked by their lengths up to the first start-of-frame. */
function sniffJpeg(bytes: Uint8Array): SniffedImage | null {
	if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) return null;
	let at = 2;
	while (at + 4 <= bytes.length) {
		if (bytes[at] !== 0xff) return null;
		const marker = bytes[at + 1] ?? 0;
		// Fill bytes: any number of 0xFF may precede a marker.
		if (marker === 0xff) {
			at += 1;
			continue;
		}
		if (isStandaloneMarker(marker)) {
			at += 2;
			continue;
		}
		// End of image or start of scan before any frame header: no size to read, so not an image we accept.
		if (marker === 0xd9 || marker === 0xda) return null;
		const length = u16(bytes, at + 2);
		if (length < 2) return null;
		if (isStartOfFrame(marker)) {
			if (length < 7 || at + 9 > bytes.length) return null;
			const height = u16(bytes, at + 5);
			const width = u16(bytes, at + 7);
			if (width === 0 || height === 0) return null;
			return { type: "jpeg", contentType: "image/jpeg", width, height };
		}
		at += 2 + length;
	}
	return null;
}

/** The type and pixel size of a JPEG or PNG, read from its bytes; null for anything else. */
export function sniffImage(bytes: Uint8Array): SniffedImage | null {
	return sniffPng(bytes) ?? sniffJpeg(bytes);
}

/**
 * A client's file name made safe to repeat in a message or store: the last path segment,
 * no control characters, at most 120 characters.
 */
export function displayFileName(name: string | undefined): string {
	const base = (name ?? "").split(/[\\/]/).pop() ?? "";
	// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
	const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim();
	return clean.length === 0 ? "unnamed file" : clean.slice(0, 120);
}

function formatBytes(bytes: number): string {
	return bytes >= 1024 * 1024 ? `${Number((bytes / (1024 * 1024)).toFixed(2))} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function megapixels(pixels: number): string {
	return `${Number((pixels / 1_000_000).toFixed(2))} megapixels`;
}

/**
 * Checks one upload against `limits`: size in bytes first (cheapest, and a huge file is refused
 * whatever it holds), then the type by its bytes, then the pixel size, both ways: too small to
 * learn from, or more pixels than anyone should decode (a few KB of PNG can declare 268 million;
 * refused by the header alone, nothing decoded). Throws `422 IMAGE_SIZE_EXCEEDED` or
 * `422 INVALID_IMAGE_FORMAT`, both naming the file.
 */
export function checkImage(fileName: string | undefined, bytes: Uint8Array, limits: ImageLimits): CheckedImage {
	const name = displayFileName(fileName);
	if (bytes.length > limits.maxBytes) {
		throw new AppError(
			422,
			"IMAGE_SIZE_EXCEEDED",
			`${name} is ${formatBytes(bytes.length)} (${bytes.length} bytes); ${limits.what} may be at most ${formatBytes(limits.maxBytes)}.`,
		);
	}
	const sniffed = sniffImage(bytes);
	if (!sniffed) throw new AppError(422, "INVALID_IMAGE_FORMAT", `${name} is not a JPEG or PNG image.`);
	if (sniffed.width < limits.minSide || sniffed.height < limits.minSide) {
		throw new AppError(
			422,
			"IMAGE_SIZE_EXCEEDED",
			`${name} is ${sniffed.width}×${sniffed.height} pixels; ${limits.what} must be at least ${limits.minSide}×${limits.minSide}.`,
		);
	}
	const pixels = sniffed.width * sniffed.height;
	if (sniffed.width > limits.maxSide || sniffed.height > limits.maxSide || pixels > limits.maxPixels) {
		throw new AppError(
			422,
			"IMAGE_SIZE_EXCEEDED",
			`${name} is ${sniffed.width}×${sniffed.height} pixels (${megapixels(pixels)}); ${limits.what} may have at most ${megapixels(limits.maxPixels)} and ${limits.maxSide} pixels a side.`,
		);
	}
	return { ...sniffed, fileName: name, size: bytes.length };
}

/** The file extension for a checked type, used in R2 keys. */
export function imageExtension(type: ImageType): "png" | "jpg" {
	return type === "png" ? "png" : "jpg";
}
