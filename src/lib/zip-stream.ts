import { Zip, ZipDeflate, ZipPassThrough } from "fflate";

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
