import { Unzip, UnzipInflate, Zip, ZipDeflate, ZipPassThrough } from "fflate";
import { concatBytes } from "./bytes";
import { toHex } from "./hash";

/** One file to put in a ZIP; `open` is called only when the entry is written. */
export type ZipSource = {
	path: string;
	open: () => Promise<ReadableStream<Uint8Array> | Uint8Array>;
};

/** Formats that are compressed already: deflating them again costs time and saves nothing. */
const ALREADY_COMPRESSED = /\.(png|jpe?g|gif|webp|avif|zip|gz|bz2|xz|7z|mp4|m4a|mp3|ogg|webm|woff2?|pdf)$/i;

/**
 * Streams a ZIP of `entries` (in order) without holding the archive in memory: each entry's
 * bytes are pulled only as the output is read, so R2 reads and the consumer set the pace.
 * Text is deflated at level 6; already-compressed formats are stored.
 */
export function zipStream(entries: ZipSource[], mtime: Date): ReadableStream<Uint8Array> {
	let zip: Zip;
	let produced = 0;
	let finished = false;
	let next = 0;
	let current: { file: ZipDeflate | ZipPassThrough; reader: ReadableStreamDefaultReader<Uint8Array> } | null = null;

	return new ReadableStream<Uint8Array>({
		start(controller) {
			zip = new Zip((err, chunk, final) => {
				if (err) {
					controller.error(err);
					return;
				}
				if (chunk.byteLength > 0) controller.enqueue(chunk);
				produced++;
				if (final) {
					finished = true;
					controller.close();
				}
			});
		},
		async pull() {
			// A pull must produce output or the stream stalls, and the deflater may buffer small
			// inputs, so keep feeding until something came out.
			const before = produced;
			while (produced === before && !finished) {
				if (!current) {
					const entry = entries[next++];
					if (!entry) {
						zip.end();
						break;
					}
					const file = ALREADY_COMPRESSED.test(entry.path) ? new ZipPassThrough(entry.path) : new ZipDeflate(entry.path, { level: 6 });
					file.mtime = mtime;
					// "Made by" Unix: with the MS-DOS default, Info-ZIP unzip reads names as a DOS code page
					// and garbles UTF-8 ones (Korean file names) even with the UTF-8 flag (bit 11) set.
					file.os = 3;
					// rw-r--r-- regular file, in the high 16 bits of the external attributes as Unix expects.
					file.attrs = 0o100644 * 0x10000;
					zip.add(file);
					const source = await entry.open();
					if (source instanceof Uint8Array) {
						file.push(source, true);
						continue;
					}
					current = { file, reader: source.getReader() };
				}
				const { done, value } = await current.reader.read();
				if (done) {
					current.file.push(new Uint8Array(0), true);
					current = null;
				} else {
					current.file.push(value, false);
				}
			}
		},
		async cancel(reason) {
			await current?.reader.cancel(reason);
		},
	});
}

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
