import { crc32 } from "node:zlib";

/** One file to put in an archive. */
export type ZipEntry = { name: string; bytes: Uint8Array };

/** MS-DOS date of 1980-01-01, the format's epoch: a fixed time keeps equal inputs byte-equal. */
const DOS_DATE_1980 = 0x0021;
/** General-purpose flag bit 11: names are UTF-8. */
const UTF8_NAMES = 0x0800;

/**
 * A ZIP archive of stored (uncompressed) entries: LoRA trainers on Replicate take their images as
 * one zip, and images are already compressed, so deflating them again would only cost CPU.
 * No zip64, so the whole archive must stay under 4 GiB and 65,535 entries.
 */
export function zipStored(entries: readonly ZipEntry[]): Uint8Array {
	if (entries.length > 0xffff) throw new Error("too many zip entries");
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const entry of entries) {
		const name = Buffer.from(entry.name, "utf8");
		const crc = crc32(entry.bytes);
		const size = entry.bytes.byteLength;
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(UTF8_NAMES, 6);
		local.writeUInt16LE(0, 8);
		local.writeUInt16LE(0, 10);
		local.writeUInt16LE(DOS_DATE_1980, 12);
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(size, 18);
		local.writeUInt32LE(size, 22);
		local.writeUInt16LE(name.length, 26);
		local.writeUInt16LE(0, 28);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(UTF8_NAMES, 8);
		central.writeUInt16LE(0, 10);
		central.writeUInt16LE(0, 12);
		central.writeUInt16LE(DOS_DATE_1980, 14);
		central.writeUInt32LE(crc, 16);
		central.writeUInt32LE(size, 20);
		central.writeUInt32LE(size, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, name, Buffer.from(entry.bytes.buffer, entry.bytes.byteOffset, size));
		centrals.push(central, name);
		offset += local.length + name.length + size;
		if (offset > 0xffffffff) throw new Error("zip archive exceeds 4 GiB");
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}
