import { unzlibSync } from "fflate";

/**
 * WOFF 1.0 to the plain TrueType/OpenType file it wraps (W3C WOFF, section 5): each table is
 * zlib-inflated when stored compressed and laid out again behind a fresh table directory.
 * fontkit reads WOFF itself, but inflates the whole `glyf` table again for every glyph it reads,
 * which made a Korean guide take most of a minute; the unwrapped file is read in milliseconds.
 * A file that is not WOFF is returned as it is.
 */
export function unwrapWoff(bytes: Uint8Array): Uint8Array {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (bytes.byteLength < 44 || view.getUint32(0) !== 0x774f4646) return bytes;
	const flavor = view.getUint32(4);
	const numTables = view.getUint16(12);
	const tables: { tag: number; checksum: number; data: Uint8Array }[] = [];
	for (let index = 0; index < numTables; index++) {
		const at = 44 + index * 20;
		const offset = view.getUint32(at + 4);
		const compLength = view.getUint32(at + 8);
		const origLength = view.getUint32(at + 12);
		const stored = bytes.subarray(offset, offset + compLength);
		const data = compLength < origLength ? unzlibSync(stored) : stored;
		if (data.byteLength !== origLength) throw new Error("WOFF table does not inflate to its recorded length");
		tables.push({ tag: view.getUint32(at), checksum: view.getUint32(at + 16), data });
	}
	const headerLength = 12 + numTables * 16;
	const total = tables.reduce((sum, table) => sum + align4(table.data.byteLength), headerLength);
	const out = new Uint8Array(total);
	const outView = new DataView(out.buffer);
	const entrySelector = Math.floor(Math.log2(numTables));
	const searchRange = 2 ** entrySelector * 16;
	outView.setUint32(0, flavor);
	outView.setUint16(4, numTables);
	outView.setUint16(6, searchRange);
	outView.setUint16(8, entrySelector);
	outView.setUint16(10, numTables * 16 - searchRange);
	let offset = headerLength;
	tables.forEach((table, index) => {
		const at = 12 + index * 16;
		outView.setUint32(at, table.tag);
		outView.setUint32(at + 4, table.checksum);
		outView.setUint32(at + 8, offset);
		outView.setUint32(at + 12, table.data.byteLength);
		out.set(table.data, offset);
		offset += align4(table.data.byteLength);
	});
	return out;
}

function align4(length: number): number {
	return (length + 3) & ~3;
}
