/**
 * What an asset's bytes are, read from their signature, never from the file's name or the
 * browser's type: the library keeps images (PNG, JPEG, WebP), audio (WAV, MP3) and video (MP4).
 */
export type AssetKind = "image" | "audio" | "video";
export type SniffedMedia = { kind: AssetKind; contentType: string; ext: string };

function ascii(bytes: Uint8Array, at: number, text: string): boolean {
	if (bytes.length < at + text.length) return false;
	for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
	return true;
}

/** The media type of `bytes`, or null when it is none the library keeps. */
export function sniffMedia(bytes: Uint8Array): SniffedMedia | null {
	if (bytes.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b)) {
		return { kind: "image", contentType: "image/png", ext: "png" };
	}
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { kind: "image", contentType: "image/jpeg", ext: "jpg" };
	if (ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WEBP")) return { kind: "image", contentType: "image/webp", ext: "webp" };
	if (ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WAVE")) return { kind: "audio", contentType: "audio/wav", ext: "wav" };
	// MP3: an ID3v2 tag first, or straight into an MPEG audio frame (11 sync bits, layer III).
	if (ascii(bytes, 0, "ID3") || (bytes.length >= 4 && bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe6) === 0xe2)) {
		return { kind: "audio", contentType: "audio/mpeg", ext: "mp3" };
	}
	// ISO BMFF: the first box is `ftyp`; its brand says MP4 (isom, mp41, mp42, avc1, M4V …), not HEIC or QuickTime.
	if (ascii(bytes, 4, "ftyp") && bytes.length >= 12) {
		const brand = String.fromCharCode(...bytes.slice(8, 12));
		if (/^(isom|iso[2-9]|mp4[12]|avc1|M4V |mmp4|dash|MSNV)$/.test(brand)) return { kind: "video", contentType: "video/mp4", ext: "mp4" };
	}
	return null;
}
