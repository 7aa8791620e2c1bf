import type sharp from "sharp";
import type { GenerateAspect, GpuJobInput, ImageSignature } from "../../../src/shared/gpu-jobs.ts";
import { sha256Hex } from "../hash.ts";
import { openImage } from "./image-budget.ts";
import { signatureOverlay } from "./signature.ts";

/**
 * Post-processing every backend's images share (DESIGN.md section 5): the artist's signature
 * composited in (signature.ts), provenance written as EXIF, every other metadata stripped.
 */

/** Pixel sizes of the aspect presets; a provider's image is fitted to these too. */
export const ASPECT_SIZES: Record<GenerateAspect, { width: number; height: number }> = {
	"1:1": { width: 512, height: 512 },
	"2:2": { width: 1024, height: 1024 },
	"1:2": { width: 512, height: 1024 },
	// Scene images of short videos: the video's shape at roughly half its size (compose scales them up).
	"9:16": { width: 576, height: 1024 },
	"16:9": { width: 1024, height: 576 },
};

/** What an image says about its making; written into EXIF ImageDescription as JSON. */
export type Provenance = Record<string, string | number>;

/**
 * The provenance of an `image.generate` result, alike on every backend so the edge reads them
 * alike. An unsigned image's holds only what determines the pixels, so equal requests give equal
 * bytes on the local backend. A signed (licensed) image also names its job and time, and that the
 * signature was stamped: the proof a style pack's QA and a buyer can read back.
 */
export function generatedImageProvenance(generator: string, input: GpuJobInput<"image.generate">, jobId: string, extra: Provenance = {}): Provenance {
	const signature = input.signature;
	return {
		generator,
		style: input.styleId,
		artist: signature?.artistId ?? "",
		...extra,
		model_sha256: input.modelArtifact?.sha256 ?? "",
		prompt_sha256: sha256Hex(input.prompt),
		seed: input.seed,
		...(signature ? { job: jobId, created_at: new Date().toISOString(), signature: "stamped" } : {}),
		...(signature?.name ? { artist_name: signature.name } : {}),
		...(signature?.image ? { signature_sha256: signature.image.sha256 } : {}),
	};
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
	const png = await openImage(bytes).rotate().resize(width, height, { fit: "cover" }).png({ compressionLevel: 9 }).toBuffer();
	return new Uint8Array(png);
}

/**
 * Finishes a provider's generated image the way the local renderer finishes its own: fitted to
 * the preset size, signed when a signature is given, provenance as the only metadata.
 */
export async function finishGeneratedImage(
	bytes: Uint8Array,
	options: { aspect: GenerateAspect; signature?: ImageSignature; signatureImage?: Uint8Array; provenance: Provenance; software: string },
): Promise<Uint8Array> {
	const { width, height } = ASPECT_SIZES[options.aspect];
	// rotate() applies the provider's EXIF orientation before that EXIF is dropped; sharp
	// composites over the resized image.
	let image = openImage(bytes).rotate().resize(width, height, { fit: "cover" });
	if (options.signature) image = image.composite(await signatureOverlay(options.signature, options.signatureImage, width, height));
	return encodePngWithProvenance(image, options.provenance, options.software, options.signature?.artistId);
}
