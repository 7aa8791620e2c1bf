/**
 * What an image says about its making, as the gpu-gateway writes it (DESIGN.md section 5):
 * EXIF ImageDescription holds JSON `{generator, style, artist, ...}`, and EXIF Artist holds the
 * artist id when the signature was stamped into the pixels. A `provenance` tEXt/iTXt chunk with
 * the same JSON is read too, for writers that prefer PNG text chunks. No imports, so Node tests
 * use it as is.
 */

/** Provenance as read from one image; null fields were not there. */
export type ImageProvenance = {
	/** Where it was found, or null when the image carries none. */
	source: "exif" | "text" | null;
	artistId: string | null;
	styleId: string | null;
	/**
	 * How the stamped signature is proven: `recorded` when provenance says `signature: "stamped"`
	 * (or names the signature image's SHA-256), `exif-artist` when only the EXIF Artist tag the
	 * gateway writes for signed images does; null when neither is there.
	 */
	signature: "recorded" | "exif-artist" | null;
	/** The EXIF Artist tag, or null. */
	exifArtist: string | null;
};

function parseObject(json: string | undefined): Record<string, unknown> | null {
	if (!json) return null;
	try {
		const value: unknown = JSON.parse(json);
		return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
	} catch {
		return null;
	}
}

function text(value: unknown): string | null {
	return typeof value === "string" && value.trim() !== "" ? value : null;
}

/** Reads provenance from an image's EXIF text tags (or null) and its PNG text chunks. */
export function readProvenance(exifTags: Record<string, string> | null, textChunks: Record<string, string>): ImageProvenance {
	const fromExif = parseObject(exifTags?.ImageDescription);
	const fromText = fromExif ? null : parseObject(textChunks.provenance);
	const fields = fromExif ?? fromText;
	const exifArtist = text(exifTags?.Artist);
	const recorded = text(fields?.signature);
	const signature = recorded === "stamped" || (recorded && /^[0-9a-f]{64}$/.test(recorded)) ? "recorded" : exifArtist ? "exif-artist" : null;
	return {
		source: fromExif ? "exif" : fromText ? "text" : null,
		artistId: text(fields?.artist) ?? text(fields?.artist_id),
		styleId: text(fields?.style) ?? text(fields?.style_id),
		signature,
		exifArtist,
	};
}
