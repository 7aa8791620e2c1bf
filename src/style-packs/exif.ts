/**
 * Reads the text tags of an EXIF block's first IFD (a TIFF structure, as a PNG eXIf chunk
 * holds it). The gateway writes provenance there through sharp/libvips: ImageDescription (JSON),
 * Artist (the artist id, written only when the signature is stamped) and Software. No imports,
 * so Node tests use it as is.
 */

/** IFD0 tags we read, by number. */
const TEXT_TAGS: Record<number, string> = {
	270: "ImageDescription",
	305: "Software",
	315: "Artist",
	33432: "Copyright",
};
/** TIFF field types that hold text: ASCII, UNDEFINED (bytes) and EXIF 3.0's UTF-8. */
const TEXT_TYPES = new Set([2, 7, 129]);
const MAX_ENTRIES = 1000;
const decoder = new TextDecoder();

/**
 * The text tags of IFD0 by name (`ImageDescription`, `Artist`, ...), or null when the block is
 * not a readable TIFF structure. Offsets pointing outside the block make the reader give up.
 */
export function readExifText(block: Uint8Array): Record<string, string> | null {
	// Some writers keep the JPEG APP1 prefix in eXIf; the PNG spec says not to, readers cope.
	const exifPrefix = [0x45, 0x78, 0x69, 0x66, 0, 0];
	const tiff = exifPrefix.every((byte, i) => block[i] === byte) ? block.subarray(6) : block;
	if (tiff.length < 8) return null;
	const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
	const order = String.fromCharCode(tiff[0] ?? 0, tiff[1] ?? 0);
	if (order !== "II" && order !== "MM") return null;
	const little = order === "II";
	if (view.getUint16(2, little) !== 42) return null;
	const ifd = view.getUint32(4, little);
	if (ifd + 2 > tiff.length) return null;
	const count = view.getUint16(ifd, little);
	if (count > MAX_ENTRIES || ifd + 2 + count * 12 > tiff.length) return null;

	const tags: Record<string, string> = {};
	for (let i = 0; i < count; i++) {
		const entry = ifd + 2 + i * 12;
		const name = TEXT_TAGS[view.getUint16(entry, little)];
		const type = view.getUint16(entry + 2, little);
		const length = view.getUint32(entry + 4, little);
		if (!name || !TEXT_TYPES.has(type)) continue;
		// Values of four bytes or fewer sit in the entry itself; longer ones at an offset.
		const start = length <= 4 ? entry + 8 : view.getUint32(entry + 8, little);
		if (start + length > tiff.length) return null;
		const raw = tiff.subarray(start, start + length);
		const nul = raw.indexOf(0);
		tags[name] = decoder.decode(nul < 0 ? raw : raw.subarray(0, nul));
	}
	return tags;
}
