import { Unzip, UnzipInflate } from "fflate";
import { concatBytes } from "./bytes";
import { toHex } from "./hash";

export { type ZipSource, zipStream } from "./zip-stream";

/** An entry found while reading a ZIP back: its name and the SHA-256 and size of its contents. */
export type ZipEntryDigest = { path: string; size: number; sha256: string; body?: Uint8Array };

/**
 * Reads a ZIP stream entry by entry, hashing each entry's contents as it inflates, so an
 * archive of any size is checked without holding it in memory. Entries named in `keep` are
 * also returned whole (for example `manifest.json`). Throws on a corrupt archive.
 */
export async function readZipDigests(stream: ReadableStream<Uint8Array>, keep: (path: string) => boolean = () => false): Promise<ZipEntryDigest[]> {
	const pending: Promise<ZipEntryDigest>[] = [];
	let failure: unknown = null;
	const unzip = new Unzip((file) => {
		const digest = new crypto.DigestStream("SHA-256");
		const writer = digest.getWriter();
		const kept: Uint8Array[] = [];
		let size = 0;
		let writes: Promise<void> = Promise.resolve();
		pending.push(
			new Promise<ZipEntryDigest>((resolve, reject) => {
				file.ondata = (err, chunk, final) => {
					if (err) {
						failure = err;
						reject(err);
						return;
					}
					size += chunk.byteLength;
					if (keep(file.name)) kept.push(chunk);
					// DigestStream may keep a reference to the chunk; the inflater reuses none of them.
					writes = writes.then(() => writer.write(chunk));
					if (final) {
						writes
							.then(() => writer.close())
							.then(() => digest.digest)
							.then((buffer) => resolve({ path: file.name, size, sha256: toHex(buffer), body: keep(file.name) ? concatBytes(kept) : undefined }), reject);
					}
				};
			}),
		);
		file.start();
	});
	unzip.register(UnzipInflate);
	const reader = stream.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (failure) throw failure;
		if (done) {
			unzip.push(new Uint8Array(0), true);
			break;
		}
		unzip.push(value, false);
	}
	if (pending.length === 0) throw new Error("not a ZIP archive: no entries found");
	return Promise.all(pending);
}

/** Reads the entry count from a ZIP's end-of-central-directory record (in the archive's tail). */
export function centralDirectoryEntryCount(tail: Uint8Array): number | null {
	const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
	for (let i = tail.byteLength - 22; i >= 0; i--) {
		if (view.getUint32(i, true) === 0x06054b50) return view.getUint16(i + 10, true);
	}
	return null;
}
