import { concatBytes, crc32 } from "./bytes.ts";
/**
 * Strips metadata from user photos without re-encoding them (the Worker has no image library, and
 * a re-encode would cost quality and CPU): the pixels stay byte for byte, only the segments and
 * chunks around them go. What goes is everything a photo says about its maker: EXIF (GPS position,
 * camera serial, time, the embedded thumbnail of the uncropped original), XMP, IPTC/Photoshop,
 * comments, PNG text and time chunks, and any bytes appended after the image's end (Apple's and
 * Samsung's multi-picture files carry a second picture there, with its own EXIF).
 *
 * What stays is what rendering needs:
 * - JPEG: JFIF APP0 (density and aspect; its optional thumbnail is cut), the ICC profile (APP2
 *   `ICC_PROFILE`: without it a phone's Display P3 photo decodes with the wrong colours, and a
 *   profile describes a colour space, not a person or a place), Adobe APP14 (its transform flag
 *   decides how CMYK/YCCK data decode), and every non-APP segment (tables, frame, scans).
 *   The EXIF orientation is kept as a new EXIF block holding that one tag and nothing else: phones
 *   store portrait photos sideways and rely on it, and the gateway rotates by it.
 * - PNG: every critical chunk (IHDR, PLTE, IDAT, IEND) and the colour chunks (tRNS, gAMA, cHRM,
 *   sRGB, iCCP, sBIT, cICP, mDCV, cLLI) and pHYs; every other ancillary chunk goes (tEXt, zTXt,
 *   iTXt, eXIf, tIME, private chunks such as C2PA `caBX`, APNG frames past the default image).
 *   An eXIf orientation is kept the same way as a JPEG's (decoders and the gateway honour it).
 *
 * Pure and without imports, so the gateway and Node tests can use it as is.
 */

/** The stripped image, and what was removed (segment or chunk names, for logs and tests). */
export type StrippedImage = { ok: true; bytes: Uint8Array; removed: string[] } | { ok: false; error: string };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const latin1 = new TextDecoder("latin1");

/** Ancillary PNG chunks that change how the pixels look; all others are metadata. */
const PNG_KEPT_ANCILLARY = new Set(["tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "pHYs", "cICP", "mDCV", "cLLI", "mDCv", "cLLi"]);

function u16(bytes: Uint8Array, at: number): number {
	return ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
}

function u32(bytes: Uint8Array, at: number): number {
	return (((bytes[at] ?? 0) << 24) | ((bytes[at + 1] ?? 0) << 16) | ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0)) >>> 0;
}

function startsWith(bytes: Uint8Array, at: number, text: string): boolean {
	for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
	return true;
}

/** Markers that stand alone, with no length: TEM and RST0–RST7. */
function isStandalone(marker: number): boolean {
	return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
}

/**
 * The EXIF Orientation (tag 0x0112 in IFD0) of an APP1 Exif payload starting at `at` (after
 * "Exif\0\0"), or undefined when absent, malformed or 1 (already upright).
 */
function exifOrientation(bytes: Uint8Array, at: number, end: number): number | undefined {
	const little = startsWith(bytes, at, "II");
	if (!little && !startsWith(bytes, at, "MM")) return undefined;
	const read16 = (offset: number) => (little ? (bytes[offset] ?? 0) | ((bytes[offset + 1] ?? 0) << 8) : u16(bytes, offset));
	const read32 = (offset: number) => (little ? (read16(offset) | (read16(offset + 2) << 16)) >>> 0 : u32(bytes, offset));
	if (read16(at + 2) !== 42) return undefined;
	const ifd = at + read32(at + 4);
	if (ifd + 2 > end) return undefined;
	const count = read16(ifd);
	for (let i = 0; i < count; i++) {
		const entry = ifd + 2 + i * 12;
		if (entry + 12 > end) return undefined;
		// SHORT, count 1: the value sits in the first two bytes of the value field.
		if (read16(entry) === 0x0112 && read16(entry + 2) === 3 && read32(entry + 4) === 1) {
			const value = read16(entry + 8);
			return value >= 2 && value <= 8 ? value : undefined;
		}
	}
	return undefined;
}

/** An EXIF TIFF that holds the orientation and nothing else: big-endian, IFD0 with one SHORT entry, no next IFD. */
function orientationTiff(orientation: number): number[] {
	return [
		0x4d,
		0x4d,
		0x00,
		0x2a,
		0x00,
		0x00,
		0x00,
		0x08,
		0x00,
		0x01,
		0x01,
		0x12,
		0x00,
		0x03,
		0x00,
		0x00,
		0x00,
		0x01,
		0x00,
		orientation,
		0x00,
		0x00,
		0,
		0,
		0,
		0,
	];
}

/** The JPEG APP1 segment of `orientationTiff`. */
function orientationSegment(orientation: number): Uint8Array {
	const payload = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00, ...orientationTiff(orientation)];
	const length = payload.length + 2;
	return new Uint8Array([0xff, 0xe1, length >> 8, length & 0xff, ...payload]);
}

/** The PNG eXIf chunk of `orientationTiff` (length, type, data, CRC-32 over type and data). */
function orientationChunk(orientation: number): Uint8Array {
	const body = [0x65, 0x58, 0x49, 0x66, ...orientationTiff(orientation)];
	const crc = crc32(new Uint8Array(body));
	const length = body.length - 4;
	return new Uint8Array([0, 0, 0, length, ...body, crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff]);
}

/** Where the entropy-coded data after a SOS header ends: the next marker that is not stuffing or a restart. */
function scanEnd(bytes: Uint8Array, from: number): number {
	let at = from;
	while (at < bytes.length) {
		// indexOf is native: a 10 MB scan is walked at memory speed, not a byte per loop turn.
		at = bytes.indexOf(0xff, at);
		if (at === -1) return bytes.length;
		const next = bytes[at + 1];
		if (next === undefined) return bytes.length;
		// FF 00 is a stuffed data byte, FF D0–D7 a restart marker, FF FF fill before a marker.
		if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) {
			at += next === 0xff ? 1 : 2;
			continue;
		}
		return at;
	}
	return at;
}

/** Decides one APPn/COM segment: the bytes to keep (maybe rewritten), or a name for `removed`. */
function appSegment(bytes: Uint8Array, at: number, marker: number, length: number): { keep: Uint8Array } | { drop: string } {
	const payload = at + 4;
	const end = at + 2 + length;
	if (marker === 0xfe) return { drop: "COM" };
	if (marker === 0xe0 && startsWith(bytes, payload, "JFIF\0") && length >= 16) {
		if (length === 16) return { keep: bytes.subarray(at, end) };
		// A JFIF thumbnail is a picture too (maybe of the uncropped original): keep the header only.
		const header = bytes.slice(at, at + 18);
		header[2] = 0;
		header[3] = 16;
		header[16] = 0;
		header[17] = 0;
		return { keep: header };
	}
	if (marker === 0xe2 && startsWith(bytes, payload, "ICC_PROFILE\0")) return { keep: bytes.subarray(at, end) };
	if (marker === 0xee && startsWith(bytes, payload, "Adobe")) return { keep: bytes.subarray(at, end) };
	const id = latin1.decode(bytes.subarray(payload, Math.min(end, payload + 32))).split("\0")[0] ?? "";
	return { drop: `APP${marker - 0xe0}${/^[\x20-\x7e]{1,32}$/.test(id) ? ` ${id}` : ""}` };
}

/** Strips a JPEG (see the module comment); `bytes` must start with SOI. */
export function stripJpegMetadata(bytes: Uint8Array): StrippedImage {
	if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return { ok: false, error: "not a JPEG" };
	const kept: Uint8Array[] = [];
	const removed: string[] = [];
	let jfif: Uint8Array | undefined;
	let orientation: number | undefined;
	let changed = false;
	let at = 2;
	while (at < bytes.length) {
		if (bytes[at] !== 0xff) return { ok: false, error: `expected a marker at byte ${at}` };
		if (bytes[at + 1] === 0xff) {
			// Fill bytes before a marker carry nothing; they are not copied.
			at += 1;
			changed = true;
			continue;
		}
		const marker = bytes[at + 1];
		if (marker === undefined) return { ok: false, error: "truncated marker" };
		if (marker === 0xd9) {
			kept.push(bytes.subarray(at, at + 2));
			if (at + 2 < bytes.length) {
				removed.push(`${bytes.length - at - 2} bytes after the end of image`);
			}
			break;
		}
		if (isStandalone(marker)) {
			kept.push(bytes.subarray(at, at + 2));
			at += 2;
			continue;
		}
		if (marker === 0x00 || marker === 0xd8)
			return { ok: false, error: `unexpected marker FF${marker.toString(16).toUpperCase().padStart(2, "0")} at byte ${at}` };
		const length = u16(bytes, at + 2);
		const end = at + 2 + length;
		if (length < 2 || end > bytes.length) return { ok: false, error: `segment FF${marker.toString(16).toUpperCase()} at byte ${at} runs past the end` };
		if ((marker >= 0xe0 && marker <= 0xef) || marker === 0xfe) {
			if (marker === 0xe1 && startsWith(bytes, at + 4, "Exif\0\0") && orientation === undefined) orientation = exifOrientation(bytes, at + 10, end);
			const decision = appSegment(bytes, at, marker, length);
			if ("drop" in decision) removed.push(decision.drop);
			else if (marker === 0xe0 && jfif === undefined) {
				jfif = decision.keep;
				// JFIF must come first; anything else already kept means the file moves it.
				if (kept.length > 0 || decision.keep.length !== length + 2) changed = true;
			} else kept.push(decision.keep);
			at = end;
			continue;
		}
		kept.push(bytes.subarray(at, end));
		at = end;
		if (marker === 0xda) {
			const stop = scanEnd(bytes, at);
			kept.push(bytes.subarray(at, stop));
			at = stop;
		}
	}
	if (removed.length === 0 && !changed) return { ok: true, bytes, removed };
	const exif = orientation === undefined ? [] : [orientationSegment(orientation)];
	return { ok: true, bytes: concatBytes([bytes.subarray(0, 2), ...(jfif ? [jfif] : []), ...exif, ...kept]), removed };
}

/** Strips a PNG (see the module comment); `bytes` must start with the PNG signature. */
export function stripPngMetadata(bytes: Uint8Array): StrippedImage {
	if (bytes.length < 8 || !PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return { ok: false, error: "not a PNG" };
	const kept: Uint8Array[] = [bytes.subarray(0, 8)];
	const removed: string[] = [];
	let at = 8;
	let ended = false;
	let orientation: number | undefined;
	while (at < bytes.length) {
		if (at + 12 > bytes.length) return { ok: false, error: `truncated chunk at byte ${at}` };
		const length = u32(bytes, at);
		const type = latin1.decode(bytes.subarray(at + 4, at + 8));
		const end = at + 12 + length;
		if (!/^[A-Za-z]{4}$/.test(type)) return { ok: false, error: `bad chunk type at byte ${at}` };
		if (end > bytes.length) return { ok: false, error: `chunk ${type} at byte ${at} runs past the end` };
		if (at === 8 && type !== "IHDR") return { ok: false, error: "the first chunk is not IHDR" };
		// Bit 5 of the first letter: uppercase = critical, which a decoder cannot skip.
		const critical = ((bytes[at + 4] ?? 0) & 0x20) === 0;
		if (critical || PNG_KEPT_ANCILLARY.has(type)) kept.push(bytes.subarray(at, end));
		else removed.push(type);
		if (type === "eXIf" && orientation === undefined) orientation = exifOrientation(bytes, at + 8, end - 4);
		at = end;
		if (type === "IEND") {
			ended = true;
			break;
		}
	}
	if (ended && at < bytes.length) removed.push(`${bytes.length - at} bytes after IEND`);
	if (removed.length === 0) return { ok: true, bytes, removed };
	// The orientation goes right after IHDR: eXIf must come before the image data.
	if (orientation !== undefined) kept.splice(2, 0, orientationChunk(orientation));
	return { ok: true, bytes: concatBytes(kept), removed };
}

/**
 * Strips a JPEG or PNG by its signature (anything else is refused): the same image, decoded
 * the same, without metadata. Unchanged bytes come back as they are (same object).
 */
export function stripImageMetadata(bytes: Uint8Array): StrippedImage {
	if (bytes[0] === 0x89) return stripPngMetadata(bytes);
	if (bytes[0] === 0xff) return stripJpegMetadata(bytes);
	return { ok: false, error: "not a JPEG or PNG" };
}

/**
 * The EXIF orientation (2–8) of a JPEG or PNG, as a decoder applies it, or undefined when the
 * image has none (or 1: already upright). JPEG: the first APP1 `Exif` segment before the scan;
 * PNG: the eXIf chunk before the image data. Orientations 5–8 turn the picture a quarter, so
 * what is displayed is the stored height by the stored width.
 */
export function imageOrientation(bytes: Uint8Array): number | undefined {
	if (bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) {
		for (let at = 8; at + 12 <= bytes.length; ) {
			const length = u32(bytes, at);
			const end = at + 12 + length;
			if (end > bytes.length || startsWith(bytes, at + 4, "IDAT")) return undefined;
			if (startsWith(bytes, at + 4, "eXIf")) return exifOrientation(bytes, at + 8, end - 4);
			at = end;
		}
		return undefined;
	}
	if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
	for (let at = 2; at + 4 <= bytes.length; ) {
		if (bytes[at] !== 0xff) return undefined;
		const marker = bytes[at + 1] ?? 0;
		if (marker === 0xff) {
			at += 1;
			continue;
		}
		if (isStandalone(marker)) {
			at += 2;
			continue;
		}
		if (marker === 0xda || marker === 0xd9) return undefined;
		const end = at + 2 + u16(bytes, at + 2);
		if (end > bytes.length) return undefined;
		if (marker === 0xe1 && startsWith(bytes, at + 4, "Exif\0\0")) return exifOrientation(bytes, at + 10, end);
		at = end;
	}
	return undefined;
}
