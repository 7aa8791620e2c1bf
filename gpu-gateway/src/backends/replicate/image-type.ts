/** An image's type as its magic bytes say: trainers filter files by extension, uploads want a MIME type. */
export type ImageType = { ext: string; mime: string };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Sniffs PNG, JPEG, WebP and GIF; anything else is an opaque `.bin`. */
export function sniffImageType(bytes: Uint8Array): ImageType {
	const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(12, bytes.byteLength));
	if (head.subarray(0, 8).equals(PNG_SIGNATURE)) return { ext: "png", mime: "image/png" };
	if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return { ext: "jpg", mime: "image/jpeg" };
	if (head.toString("latin1", 0, 4) === "RIFF" && head.toString("latin1", 8, 12) === "WEBP") return { ext: "webp", mime: "image/webp" };
	if (head.toString("latin1", 0, 4) === "GIF8") return { ext: "gif", mime: "image/gif" };
	return { ext: "bin", mime: "application/octet-stream" };
}
