import { toHex } from "../lib/hash";

/** R2 multipart parts must all have the same size except the last; 5 MiB is the minimum. */
export const PART_SIZE = 5 * 1024 * 1024;

/** Size and SHA-256 of what was stored. */
export type StoredObject = { size: number; sha256: string };

/**
 * Stores a stream of unknown length in R2 while hashing it. Small bodies become one `put`;
 * larger ones a multipart upload of exact 5 MiB parts, so memory stays at one part.
 */
export async function uploadStream(bucket: R2Bucket, key: string, stream: ReadableStream<Uint8Array>, contentType: string): Promise<StoredObject> {
	const digest = new crypto.DigestStream("SHA-256");
	const hashWriter = digest.getWriter();
	let upload: R2MultipartUpload | null = null;
	const parts: R2UploadedPart[] = [];
	let buffer = new Uint8Array(PART_SIZE);
	let filled = 0;
	let size = 0;

	const flushPart = async () => {
		upload ??= await bucket.createMultipartUpload(key, { httpMetadata: { contentType } });
		parts.push(await upload.uploadPart(parts.length + 1, buffer.slice(0, filled)));
		buffer = new Uint8Array(PART_SIZE);
		filled = 0;
	};

	try {
		const reader = stream.getReader();
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			await hashWriter.write(value);
			size += value.byteLength;
			let offset = 0;
			while (offset < value.byteLength) {
				const take = Math.min(PART_SIZE - filled, value.byteLength - offset);
				buffer.set(value.subarray(offset, offset + take), filled);
				filled += take;
				offset += take;
				if (filled === PART_SIZE) await flushPart();
			}
		}
		await hashWriter.close();
		const sha256 = toHex(await digest.digest);
		if (upload === null) {
			await bucket.put(key, buffer.slice(0, filled), { httpMetadata: { contentType }, sha256 });
		} else {
			if (filled > 0) await flushPart();
			await (upload as R2MultipartUpload).complete(parts);
		}
		return { size, sha256 };
	} catch (err) {
		await (upload as R2MultipartUpload | null)?.abort().catch(() => undefined);
		throw err;
	}
}
