import { crc32 } from "node:zlib";

/** One entry of a stored (uncompressed) ZIP archive. */
export type ZipFileEntry = { name: string; bytes: Uint8Array };

/**
 * Reads a ZIP archive the way an unzip tool would: end record → central directory → each local
 * header, checking signatures, sizes and CRC-32. Only stored entries (method 0) are accepted,
 * which is what the gateway writes; anything malformed throws.
 */
export function readStoredZip(archive: Uint8Array): ZipFileEntry[] {
	const buf = Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength);
	const endAt = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	if (endAt < 0 || endAt + 22 > buf.length) throw new Error("no end of central directory record");
	const count = buf.readUInt16LE(endAt + 10);
	let at = buf.readUInt32LE(endAt + 16);
	const entries: ZipFileEntry[] = [];
	for (let i = 0; i < count; i++) {
		if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central header ${i}`);
		const method = buf.readUInt16LE(at + 10);
		const crc = buf.readUInt32LE(at + 16);
		const size = buf.readUInt32LE(at + 20);
		const nameLength = buf.readUInt16LE(at + 28);
		const extraLength = buf.readUInt16LE(at + 30);
		const commentLength = buf.readUInt16LE(at + 32);
		const localAt = buf.readUInt32LE(at + 42);
		const name = buf.toString("utf8", at + 46, at + 46 + nameLength);
		if (method !== 0) throw new Error(`entry ${name} is not stored`);
		if (buf.readUInt32LE(localAt) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
		const dataAt = localAt + 30 + buf.readUInt16LE(localAt + 26) + buf.readUInt16LE(localAt + 28);
		const bytes = new Uint8Array(buf.subarray(dataAt, dataAt + size));
		if (crc32(bytes) !== crc) throw new Error(`CRC mismatch in ${name}`);
		entries.push({ name, bytes });
		at += 46 + nameLength + extraLength + commentLength;
	}
	return entries;
}
