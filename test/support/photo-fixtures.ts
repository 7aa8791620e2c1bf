import { concatBytes, crc32 } from "../../src/lib/bytes.ts";

/**
 * Photos as a phone or an editor leaves them, built in the test (no binary fixtures): a JPEG
 * that really decodes (a baseline greyscale frame whose Huffman tables have one code each, so
 * every 8×8 block is two bits) wrapped in the metadata segments cameras and editors write (EXIF
 * with a GPS IFD and an embedded thumbnail, XMP, IPTC, a comment, an ICC profile, Adobe APP14,
 * appended bytes), and PNG chunks of the same kinds. test/node/image-metadata-sharp.test.ts decodes
 * them with sharp, so they cannot drift from what real decoders accept.
 */

const encoder = new TextEncoder();

/** Where the fixtures say they were taken: 37°33'12.34" N, 126°58'40.5" E. */
export const FIXTURE_GPS = { latitude: [37, 33, 12.34], longitude: [126, 58, 40.5] } as const;

/** Text only a GPS record contains: the tests look for every one of these after stripping. */
export const GPS_MARKERS = ["GPS", "WGS-84", "exif:GPSLatitude", "221B Baker Street"];

function be16(value: number): number[] {
	return [(value >> 8) & 0xff, value & 0xff];
}

function be32(value: number): number[] {
	return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

/** One TIFF tag: type 1 BYTE, 2 ASCII, 3 SHORT, 4 LONG, 5 RATIONAL, 7 UNDEFINED. */
type Tag = { tag: number; type: 1 | 2 | 3 | 4 | 5 | 7; value: string | number[] | Uint8Array };

const TYPE_SIZE = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1 } as const;

function tagBytes(entry: Tag): { count: number; bytes: number[] } {
	if (entry.type === 1) return { count: (entry.value as number[]).length, bytes: [...(entry.value as number[])] };
	if (entry.type === 2) return { count: String(entry.value).length + 1, bytes: [...encoder.encode(`${String(entry.value)}\0`)] };
	if (entry.type === 7) return { count: (entry.value as Uint8Array).length, bytes: [...(entry.value as Uint8Array)] };
	const values = entry.value as number[];
	if (entry.type === 3) return { count: values.length, bytes: values.flatMap(be16) };
	if (entry.type === 4) return { count: values.length, bytes: values.flatMap(be32) };
	// RATIONAL: numerator/denominator pairs, given here as [n1, d1, n2, d2, …].
	return { count: values.length / 2, bytes: values.flatMap(be32) };
}

/** An IFD at absolute TIFF offset `start`, its out-of-line values right after it, and the next IFD's offset. */
function ifd(tags: Tag[], start: number, next: number): number[] {
	const sorted = [...tags].sort((a, b) => a.tag - b.tag);
	let valueAt = start + 2 + sorted.length * 12 + 4;
	const entries: number[] = [];
	const values: number[] = [];
	for (const entry of sorted) {
		const { count, bytes } = tagBytes(entry);
		entries.push(...be16(entry.tag), ...be16(entry.type), ...be32(count));
		if (count * TYPE_SIZE[entry.type] <= 4) entries.push(...bytes, ...new Array(4 - bytes.length).fill(0));
		else {
			entries.push(...be32(valueAt));
			values.push(...bytes);
			valueAt += bytes.length;
		}
	}
	return [...be16(sorted.length), ...entries, ...be32(next), ...values];
}

function rational(degrees: readonly number[]): number[] {
	return degrees.flatMap((value) => [Math.round(value * 100), 100]);
}

/** A tiny JPEG as EXIF thumbnails are: it has its own SOI and EOI (FF D9) inside the APP1 segment. */
const THUMBNAIL = new Uint8Array([0xff, 0xd8, 0xff, 0xfe, 0x00, 0x0b, ...encoder.encode("thumbnail"), 0xff, 0xd9]);

/**
 * A big-endian TIFF as phones write into EXIF: IFD0 (Make, Model, Orientation, DateTime, GPS
 * pointer), the GPS IFD (position, altitude, processing method, datum) and IFD1 with a thumbnail.
 */
export function exifTiff(orientation?: number): Uint8Array {
	const gpsTags: Tag[] = [
		{ tag: 0x0000, type: 1, value: [2, 2, 0, 0] },
		{ tag: 0x0001, type: 2, value: "N" },
		{ tag: 0x0002, type: 5, value: rational(FIXTURE_GPS.latitude) },
		{ tag: 0x0003, type: 2, value: "E" },
		{ tag: 0x0004, type: 5, value: rational(FIXTURE_GPS.longitude) },
		{ tag: 0x0006, type: 5, value: [3800, 100] },
		{ tag: 0x0012, type: 2, value: "WGS-84" },
		// Android writes how the fix was made, prefixed by the character code.
		{ tag: 0x001b, type: 7, value: encoder.encode("ASCII\0\0\0GPS") },
	];
	const ifd0Tags = (gpsOffset: number): Tag[] => [
		{ tag: 0x010f, type: 2, value: "EdgeCam" },
		{ tag: 0x0110, type: 2, value: "EdgeCam Pro 12 (serial 4C3A-77)" },
		...(orientation === undefined ? [] : [{ tag: 0x0112, type: 3 as const, value: [orientation] }]),
		{ tag: 0x0132, type: 2, value: "2026:11:30 18:42:07" },
		{ tag: 0x8825, type: 4, value: [gpsOffset] },
	];
	const ifd0Size = ifd(ifd0Tags(0), 8, 0).length;
	const gpsStart = 8 + ifd0Size;
	const gpsSize = ifd(gpsTags, gpsStart, 0).length;
	const ifd1Start = gpsStart + gpsSize;
	const ifd1Tags = (thumbAt: number): Tag[] => [
		{ tag: 0x0201, type: 4, value: [thumbAt] },
		{ tag: 0x0202, type: 4, value: [THUMBNAIL.length] },
	];
	const ifd1Size = ifd(ifd1Tags(0), ifd1Start, 0).length;
	const thumbAt = ifd1Start + ifd1Size;
	return new Uint8Array([
		0x4d,
		0x4d,
		0x00,
		0x2a,
		...be32(8),
		...ifd(ifd0Tags(gpsStart), 8, ifd1Start),
		...ifd(gpsTags, gpsStart, 0),
		...ifd(ifd1Tags(thumbAt), ifd1Start, 0),
		...THUMBNAIL,
	]);
}

function segment(marker: number, payload: Uint8Array): Uint8Array {
	return concatBytes([new Uint8Array([0xff, marker, ...be16(payload.length + 2)]), payload]);
}

const XMP = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="37,33.2057N" exif:GPSLongitude="126,58.675E"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

/** A minimal ICC profile header (128 bytes, `acsp` signature) with no tags: enough for the segment's shape. */
function iccProfile(): Uint8Array {
	const profile = new Uint8Array(132);
	profile.set(be32(132), 0);
	profile.set(encoder.encode("mntr"), 12);
	profile.set(encoder.encode("RGB XYZ "), 16);
	profile.set(encoder.encode("acsp"), 36);
	return profile;
}

/** The segments of a photo's header that carry who, where and when. */
function metadataSegments(orientation: number | undefined): Uint8Array[] {
	// IPTC in a Photoshop resource block (8BIM 0x0404): a city and a caption.
	const iptc = concatBytes([encoder.encode("\x1c\x02\x5a\x00\x06London"), encoder.encode("\x1c\x02\x78\x00\x11221B Baker Street")]);
	const photoshop = concatBytes([encoder.encode("Photoshop 3.0\0"), encoder.encode("8BIM"), new Uint8Array([0x04, 0x04, 0, 0, ...be32(iptc.length)]), iptc]);
	return [
		segment(0xe1, concatBytes([encoder.encode("Exif\0\0"), exifTiff(orientation)])),
		segment(0xe1, concatBytes([encoder.encode("http://ns.adobe.com/xap/1.0/\0"), encoder.encode(XMP)])),
		segment(0xed, photoshop),
		segment(0xfe, encoder.encode("Shot at 221B Baker Street, GPS fix 37.5534 126.9779")),
		// Multi-Picture Format index (the second picture follows the first one's EOI).
		segment(0xe2, concatBytes([encoder.encode("MPF\0"), new Uint8Array([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8])])),
	];
}

/** What the caller wants in a fixture JPEG. */
export type PhotoJpegOptions = {
	width: number;
	height: number;
	/** EXIF Orientation; omitted writes none. */
	orientation?: number;
	/** Leave out every metadata segment (a clean JPEG, for "nothing to strip"). */
	clean?: boolean;
	/** A restart interval in MCUs, so the scan holds RSTn markers. */
	restartInterval?: number;
};

/** The entropy-coded scan of an all-grey frame: two 0 bits per block, byte-aligned (1-padded) at each restart. */
function greyScan(blocks: number, restartInterval: number | undefined): Uint8Array {
	const out: number[] = [];
	let bits = 0;
	let used = 0;
	const flush = () => {
		if (used > 0) out.push(bits | ((1 << (8 - used)) - 1));
		bits = 0;
		used = 0;
	};
	for (let block = 0; block < blocks; block++) {
		if (restartInterval && block > 0 && block % restartInterval === 0) {
			flush();
			out.push(0xff, 0xd0 + ((((block / restartInterval) | 0) - 1) % 8));
		}
		// DC difference category 0 ("0") and end-of-block ("0"): both codes are a single 0 bit.
		used += 2;
		if (used === 8) {
			out.push(bits);
			bits = 0;
			used = 0;
		}
	}
	flush();
	return new Uint8Array(out);
}

/**
 * A JPEG that decodes to a flat grey `width`×`height` image, with a JFIF APP0 carrying a 1×1
 * thumbnail, an Adobe APP14 and an ICC profile (which must survive), the metadata segments above
 * (which must not), and 64 bytes after its EOI, as multi-picture files have.
 */
export function photoJpeg(options: PhotoJpegOptions): Uint8Array {
	const { width, height } = options;
	// JFIF 1.01, 72 dpi; the photo's version carries a 1×1 RGB thumbnail.
	const jfifHeader = [...encoder.encode("JFIF\0"), 1, 1, 1, 0, 72, 0, 72];
	const jfif = segment(0xe0, new Uint8Array(options.clean ? [...jfifHeader, 0, 0] : [...jfifHeader, 1, 1, 0x80, 0x80, 0x80]));
	const adobe = segment(0xee, new Uint8Array([...encoder.encode("Adobe"), 0, 100, 0, 0, 0, 0, 0]));
	const icc = segment(0xe2, concatBytes([encoder.encode("ICC_PROFILE\0"), new Uint8Array([1, 1]), iccProfile()]));
	const dqt = segment(0xdb, new Uint8Array([0x00, ...new Array(64).fill(1)]));
	const sof0 = segment(0xc0, new Uint8Array([8, ...be16(height), ...be16(width), 1, 1, 0x11, 0]));
	// One code of length 1 per table: DC category 0, AC end-of-block.
	const dhtDc = segment(0xc4, new Uint8Array([0x00, 1, ...new Array(15).fill(0), 0x00]));
	const dhtAc = segment(0xc4, new Uint8Array([0x10, 1, ...new Array(15).fill(0), 0x00]));
	const dri = options.restartInterval ? [segment(0xdd, new Uint8Array(be16(options.restartInterval)))] : [];
	const sos = segment(0xda, new Uint8Array([1, 1, 0x00, 0, 63, 0]));
	const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
	const scan = greyScan(blocks, options.restartInterval);
	const eoi = new Uint8Array([0xff, 0xd9]);
	if (options.clean) return concatBytes([new Uint8Array([0xff, 0xd8]), jfif, dqt, sof0, dhtDc, dhtAc, ...dri, sos, scan, eoi]);
	const trailer = concatBytes([new Uint8Array([0xff, 0xd8]), segment(0xe1, concatBytes([encoder.encode("Exif\0\0"), exifTiff()])), new Uint8Array(32), eoi]);
	return concatBytes([
		new Uint8Array([0xff, 0xd8]),
		jfif,
		...metadataSegments(options.orientation),
		icc,
		adobe,
		dqt,
		sof0,
		dhtDc,
		dhtAc,
		...dri,
		sos,
		scan,
		eoi,
		trailer,
	]);
}

/** Every segment of a JPEG's header up to the first scan, in order; APPn and COM with the identifier their payload starts with. */
export function jpegSegments(jpeg: Uint8Array): { marker: number; id: string; length: number }[] {
	const out: { marker: number; id: string; length: number }[] = [];
	let at = 2;
	while (at + 4 <= jpeg.length && jpeg[at] === 0xff) {
		const marker = jpeg[at + 1] ?? 0;
		if (marker === 0xd9 || marker === 0xda) break;
		const length = ((jpeg[at + 2] ?? 0) << 8) | (jpeg[at + 3] ?? 0);
		const app = (marker >= 0xe0 && marker <= 0xef) || marker === 0xfe;
		const id = app ? (new TextDecoder("latin1").decode(jpeg.subarray(at + 4, at + 4 + Math.min(12, length - 2))).split("\0")[0] ?? "") : "";
		out.push({ marker, id, length });
		at += 2 + length;
	}
	return out;
}

/** Whether `needle` occurs anywhere in `bytes` (as Latin-1 text or raw bytes). */
export function containsBytes(bytes: Uint8Array, needle: string | Uint8Array): boolean {
	const pattern = typeof needle === "string" ? encoder.encode(needle) : needle;
	outer: for (let i = 0; i + pattern.length <= bytes.length; i++) {
		for (let j = 0; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
		return true;
	}
	return false;
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
	const body = concatBytes([encoder.encode(type), data]);
	return concatBytes([new Uint8Array(be32(data.length)), body, new Uint8Array(be32(crc32(body)))]);
}

/** PNG chunk types in file order. */
export function pngChunkTypes(png: Uint8Array): string[] {
	const types: string[] = [];
	const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
	for (let at = 8; at + 8 <= png.length; at += 12 + view.getUint32(at)) types.push(new TextDecoder("latin1").decode(png.subarray(at + 4, at + 8)));
	return types;
}

/**
 * `png` (signature, IHDR, …, IEND) with the chunks an editor or a phone adds: colour chunks that
 * must survive (sRGB, gAMA, cHRM, pHYs), and metadata that must not (eXIf with GPS, tEXt,
 * zTXt, iTXt XMP, tIME, a C2PA `caBX` manifest), plus bytes after IEND. The eXIf holds
 * `orientation` when given.
 */
export function withPngMetadata(png: Uint8Array, options: { orientation?: number } = {}): Uint8Array {
	const ihdrEnd = 8 + 12 + 13;
	const iend = png.length - 12;
	const chrm = new Uint8Array([31270, 32900, 64000, 33000, 30000, 60000, 15000, 6000].flatMap(be32));
	const before = [
		pngChunk("sRGB", new Uint8Array([0])),
		pngChunk("gAMA", new Uint8Array(be32(45455))),
		pngChunk("cHRM", chrm),
		pngChunk("eXIf", exifTiff(options.orientation)),
		pngChunk("iTXt", concatBytes([encoder.encode("XML:com.adobe.xmp\0\0\0\0\0"), encoder.encode(XMP)])),
		pngChunk("pHYs", new Uint8Array([...be32(2835), ...be32(2835), 1])),
	];
	const after = [
		pngChunk("tEXt", encoder.encode("Comment\0Shot at 221B Baker Street")),
		pngChunk("zTXt", concatBytes([encoder.encode("Raw profile type exif\0\0"), new Uint8Array([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])])),
		pngChunk("tIME", new Uint8Array([0x07, 0xea, 11, 30, 18, 42, 7])),
		pngChunk("caBX", encoder.encode("c2pa manifest: WGS-84 GPS position, creator Jane Roe")),
	];
	return concatBytes([
		png.subarray(0, ihdrEnd),
		...before,
		png.subarray(ihdrEnd, iend),
		...after,
		png.subarray(iend),
		encoder.encode("appended: GPS 37.5534 126.9779"),
	]);
}
