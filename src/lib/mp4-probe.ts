/**
 * Reads what an MP4 holds from its boxes (ISO/IEC 14496-12), for the Worker where there is no
 * ffprobe: the brand, the movie's duration and each track's kind, codec and size. Every offset
 * is checked against its parent box, every box is at least its header and only the known path
 * (moov/trak/mdia/minf/stbl/stsd) is walked, never recursively, so a truncated or hostile file ends in an {@link Mp4ProbeError}, never in a hang or
 * a read past the end.
 */

/** A track as its boxes declare it. */
export type Mp4Track = {
	/** From the handler (`hdlr`): `vide` → video, `soun` → audio, anything else → other. */
	kind: "video" | "audio" | "other";
	/** The handler type as written (`vide`, `soun`, `text`, …). */
	handler: string;
	/** The first sample entry's format in `stsd` (`avc1`, `hvc1`, `mp4a`, …); null when there is none. */
	codec: string | null;
	/** The presentation size of `tkhd` (16.16 fixed point, rounded); 0 for audio. */
	width: number;
	height: number;
	/** The track's own duration from `mdhd`, when its timescale is set. */
	durationMs: number | null;
};

/** What {@link probeMp4} found. */
export type Mp4Info = {
	/** `ftyp`'s major brand (`isom`, `mp42`, …). */
	brand: string;
	/** The movie's duration from `mvhd`. */
	durationMs: number;
	tracks: Mp4Track[];
};

/** The file is not an MP4 this reader understands; the message says where it broke. */
export class Mp4ProbeError extends Error {
	override name = "Mp4ProbeError";
}

type Box = { type: string; start: number; contentStart: number; end: number };

/** More boxes than any real movie header has: a guard against a file of millions of empty boxes. */
const MAX_BOXES = 100_000;

class Reader {
	readonly view: DataView;
	boxes = 0;
	constructor(readonly bytes: Uint8Array) {
		this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	}

	need(offset: number, length: number, end: number, what: string): void {
		if (offset < 0 || length < 0 || offset + length > end || offset + length > this.bytes.byteLength) {
			throw new Mp4ProbeError(`${what}: truncated at byte ${offset}`);
		}
	}

	u8(offset: number, end: number, what: string): number {
		this.need(offset, 1, end, what);
		return this.view.getUint8(offset);
	}

	u16(offset: number, end: number, what: string): number {
		this.need(offset, 2, end, what);
		return this.view.getUint16(offset);
	}

	u32(offset: number, end: number, what: string): number {
		this.need(offset, 4, end, what);
		return this.view.getUint32(offset);
	}

	/** A 64-bit field as a number; beyond 2^53 it is not a real size or duration. */
	u64(offset: number, end: number, what: string): number {
		const high = this.u32(offset, end, what);
		const low = this.u32(offset + 4, end, what);
		const value = high * 2 ** 32 + low;
		if (!Number.isSafeInteger(value)) throw new Mp4ProbeError(`${what}: 64-bit value out of range`);
		return value;
	}

	fourcc(offset: number, end: number, what: string): string {
		this.need(offset, 4, end, what);
		let text = "";
		for (let i = 0; i < 4; i++) text += String.fromCharCode(this.bytes[offset + i] ?? 0);
		return text;
	}

	/** The boxes directly inside [start, end). */
	children(start: number, end: number, parent: string): Box[] {
		const boxes: Box[] = [];
		let offset = start;
		while (offset < end) {
			if (++this.boxes > MAX_BOXES) throw new Mp4ProbeError("too many boxes");
			if (end - offset < 8) throw new Mp4ProbeError(`${parent}: ${end - offset} stray bytes at byte ${offset}`);
			let size = this.u32(offset, end, parent);
			const type = this.fourcc(offset + 4, end, parent);
			let contentStart = offset + 8;
			if (size === 1) {
				size = this.u64(offset + 8, end, `${type} box`);
				contentStart = offset + 16;
			} else if (size === 0) {
				// "Extends to the end of the file": allowed only at the top level.
				size = end - offset;
			}
			if (size < contentStart - offset) throw new Mp4ProbeError(`${type} box at byte ${offset}: size ${size} is smaller than its header`);
			if (offset + size > end) throw new Mp4ProbeError(`${type} box at byte ${offset}: size ${size} runs past its ${parent} (truncated file?)`);
			boxes.push({ type, start: offset, contentStart, end: offset + size });
			offset += size;
		}
		return boxes;
	}
}

function only(boxes: Box[], type: string): Box | undefined {
	return boxes.find((box) => box.type === type);
}

function required(reader: Reader, parent: Box, type: string): Box {
	const box = only(reader.children(parent.contentStart, parent.end, parent.type), type);
	if (!box) throw new Mp4ProbeError(`${parent.type} has no ${type} box`);
	return box;
}

/** The time fields of a full box, version 0 (32-bit) or 1 (64-bit). */
function times(reader: Reader, box: Box, kind: "mvhd" | "mdhd"): { timescale: number; duration: number } {
	const version = reader.u8(box.contentStart, box.end, kind);
	const base = box.contentStart + 4;
	if (version === 1) return { timescale: reader.u32(base + 16, box.end, kind), duration: reader.u64(base + 20, box.end, kind) };
	if (version === 0) return { timescale: reader.u32(base + 8, box.end, kind), duration: reader.u32(base + 12, box.end, kind) };
	throw new Mp4ProbeError(`${kind}: unknown version ${version}`);
}

function toMs(duration: number, timescale: number): number | null {
	// All ones is "unknown"; a zero timescale has no meaning.
	if (timescale === 0 || duration === 0xffffffff) return null;
	return Math.round((duration * 1000) / timescale);
}

function readTrack(reader: Reader, trak: Box): Mp4Track {
	const children = reader.children(trak.contentStart, trak.end, "trak");
	const tkhd = only(children, "tkhd");
	if (!tkhd) throw new Mp4ProbeError("trak has no tkhd box");
	const tkhdVersion = reader.u8(tkhd.contentStart, tkhd.end, "tkhd");
	if (tkhdVersion > 1) throw new Mp4ProbeError(`tkhd: unknown version ${tkhdVersion}`);
	// After version/flags: times and ids (20 or 32 bytes), 8 reserved, layer, group, volume, 2 reserved, a 36-byte matrix.
	const sizeAt = tkhd.contentStart + 4 + (tkhdVersion === 1 ? 32 : 20) + 8 + 8 + 36;
	const width = Math.round(reader.u32(sizeAt, tkhd.end, "tkhd width") / 65536);
	const height = Math.round(reader.u32(sizeAt + 4, tkhd.end, "tkhd height") / 65536);

	const mdia = only(children, "mdia");
	if (!mdia) throw new Mp4ProbeError("trak has no mdia box");
	const mdiaChildren = reader.children(mdia.contentStart, mdia.end, "mdia");
	const hdlr = only(mdiaChildren, "hdlr");
	if (!hdlr) throw new Mp4ProbeError("mdia has no hdlr box");
	const handler = reader.fourcc(hdlr.contentStart + 8, hdlr.end, "hdlr");
	const mdhd = only(mdiaChildren, "mdhd");
	const trackTimes = mdhd ? times(reader, mdhd, "mdhd") : null;

	let codec: string | null = null;
	const minf = only(mdiaChildren, "minf");
	const stbl = minf ? only(reader.children(minf.contentStart, minf.end, "minf"), "stbl") : undefined;
	const stsd = stbl ? only(reader.children(stbl.contentStart, stbl.end, "stbl"), "stsd") : undefined;
	if (stsd) {
		const count = reader.u32(stsd.contentStart + 4, stsd.end, "stsd");
		// Sample entries are boxes whose type is the codec's fourcc.
		if (count > 0) codec = reader.children(stsd.contentStart + 8, stsd.end, "stsd")[0]?.type ?? null;
	}
	return {
		kind: handler === "vide" ? "video" : handler === "soun" ? "audio" : "other",
		handler,
		codec,
		width,
		height,
		durationMs: trackTimes ? toMs(trackTimes.duration, trackTimes.timescale) : null,
	};
}

/**
 * The brand, duration and tracks of an MP4. Throws {@link Mp4ProbeError} for anything that is
 * not a well-formed MP4 with a movie header (`ftyp` first, one `moov` with `mvhd`).
 */
export function probeMp4(bytes: Uint8Array): Mp4Info {
	const reader = new Reader(bytes);
	if (bytes.byteLength < 8) throw new Mp4ProbeError("not an MP4: too short");
	const top = reader.children(0, bytes.byteLength, "file");
	if (top[0]?.type !== "ftyp") throw new Mp4ProbeError(`not an MP4: starts with "${top[0]?.type ?? ""}", not ftyp`);
	const brand = reader.fourcc(top[0].contentStart, top[0].end, "ftyp");
	const moovs = top.filter((box) => box.type === "moov");
	if (moovs.length !== 1) throw new Mp4ProbeError(moovs.length === 0 ? "no moov box (no movie header)" : "more than one moov box");
	const moov = moovs[0] as Box;
	const mvhd = required(reader, moov, "mvhd");
	const movie = times(reader, mvhd, "mvhd");
	const durationMs = toMs(movie.duration, movie.timescale);
	if (durationMs === null) throw new Mp4ProbeError("mvhd: no timescale or unknown duration");
	const tracks = reader
		.children(moov.contentStart, moov.end, "moov")
		.filter((box) => box.type === "trak")
		.map((trak) => readTrack(reader, trak));
	return { brand, durationMs, tracks };
}
