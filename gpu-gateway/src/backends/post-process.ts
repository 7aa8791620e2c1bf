import sharp from "sharp";
import type { ArtistStyleRef, ImageAspect } from "../../../src/shared/gpu-jobs.ts";

/**
 * Post-processing every backend's images share (DESIGN.md section 5): the artist's signature
 * composited in, provenance written as EXIF, every other metadata stripped.
 */

/** Pixel sizes of the aspect presets; a provider's image is fitted to these too. */
export const ASPECT_SIZES: Record<ImageAspect, { width: number; height: number }> = {
	"1:1": { width: 512, height: 512 },
	"2:2": { width: 1024, height: 1024 },
	"1:2": { width: 512, height: 1024 },
};

/** What an image says about its making; written into EXIF ImageDescription as JSON. */
export type Provenance = Record<string, string | number>;

function escapeXml(text: string): string {
	return text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** The signature box, as an SVG fragment placed in the bottom-right corner of a width×height image. */
export function signatureMarkSvg(signature: ArtistStyleRef, width: number, height: number): string {
	const label = escapeXml(`© ${signature.artistId} · ${signature.styleId}`.slice(0, 80));
	const boxW = Math.min(width - 16, 24 + label.length * 9);
	return `<g transform="translate(${width - boxW - 8} ${height - 40})"><rect width="${boxW}" height="32" rx="4" fill="#ffffff" fill-opacity="0.85" stroke="#000000" stroke-width="2"/><text x="12" y="22" font-family="sans-serif" font-size="16" fill="#000000">${label}</text></g>`;
}

/**
 * Encodes a PNG whose only metadata is our provenance: sharp drops every input metadata
 * (EXIF, XMP, ICC, PNG text chunks) unless asked to keep it, which is the stripping we want.
 */
export async function encodePngWithProvenance(image: sharp.Sharp, provenance: Provenance, software: string, artistId?: string): Promise<Uint8Array> {
	const ifd0: Record<string, string> = { ImageDescription: JSON.stringify(provenance), Software: software };
	// libvips rejects empty EXIF strings, so Artist is only written for signed images.
	if (artistId) ifd0.Artist = artistId;
	const png = await image.png({ compressionLevel: 9 }).withExif({ IFD0: ifd0 }).toBuffer();
	return new Uint8Array(png);
}

/** Re-encodes someone else's image as a metadata-free PNG of the given size (cropped to fill). */
export async function reencodePng(bytes: Uint8Array, width: number, height: number): Promise<Uint8Array> {
	const png = await sharp(bytes).rotate().resize(width, height, { fit: "cover" }).png({ compressionLevel: 9 }).toBuffer();
	return new Uint8Array(png);
}

/**
 * Finishes a provider's generated image the way the local renderer finishes its own: fitted to
 * the preset size, signed when a signature is given, provenance as the only metadata.
 */
export async function finishGeneratedImage(
	bytes: Uint8Array,
	options: { aspect: ImageAspect; signature?: ArtistStyleRef; provenance: Provenance; software: string },
): Promise<Uint8Array> {
	const { width, height } = ASPECT_SIZES[options.aspect];
	// rotate() applies the provider's EXIF orientation before that EXIF is dropped.
	let image = sharp(bytes).rotate().resize(width, height, { fit: "cover" });
	if (options.signature) {
		const overlay = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${signatureMarkSvg(options.signature, width, height)}</svg>`;
		image = image.composite([{ input: Buffer.from(overlay), top: 0, left: 0 }]);
	}
	return encodePngWithProvenance(image, options.provenance, options.software, options.signature?.artistId);
}
