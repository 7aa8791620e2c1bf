import sharp from "sharp";
import type { ImageAspect, ImageSignature } from "../../../../src/shared/gpu-jobs.ts";
import { ASPECT_SIZES, encodePngWithProvenance, signatureMarkSvg } from "../post-process.ts";
import { BackendError } from "../types.ts";
import { createPrng, seedFromString } from "./prng.ts";
import type { StyleProfile } from "./style-profile.ts";

/** Everything that determines the output bytes; nothing else (no clock, no job id) may. */
export type RenderRequest = {
	profile: StyleProfile;
	prompt: string;
	seed: number;
	aspect: ImageAspect;
	signature?: ImageSignature;
	/** The artist's signature image (the bytes of `signature.image`); stamped instead of the text mark. */
	signatureImage?: Uint8Array;
	/** Written into EXIF ImageDescription as JSON. */
	provenance: Record<string, string | number>;
};

function pick<T>(items: readonly T[], rand: () => number, fallback: T): T {
	return items[Math.floor(rand() * items.length)] ?? fallback;
}

/** Layered gradient, shapes and grain in the profile's palette, placed by a seeded PRNG. */
function composeSvg(req: RenderRequest, width: number, height: number): string {
	const rand = createPrng((req.seed ^ seedFromString(req.prompt)) >>> 0);
	const palette = req.profile.palette.length > 0 ? req.profile.palette : ["#808080"];
	const first = palette[0] ?? "#808080";
	const last = palette[palette.length - 1] ?? first;
	const opacity = (0.35 + req.profile.contrast * 0.55).toFixed(3);
	const words = req.prompt.split(/\s+/).filter(Boolean).length;
	const parts: string[] = [
		`<defs><linearGradient id="bg" x1="0" y1="0" x2="${rand().toFixed(3)}" y2="1"><stop offset="0" stop-color="${first}"/><stop offset="1" stop-color="${last}"/></linearGradient></defs>`,
		`<rect width="${width}" height="${height}" fill="url(#bg)"/>`,
	];
	const shapes = 10 + Math.min(words, 30);
	for (let i = 0; i < shapes; i++) {
		const fill = pick(palette, rand, first);
		const x = (rand() * width).toFixed(1);
		const y = (rand() * height).toFixed(1);
		const size = (20 + rand() * width * 0.35).toFixed(1);
		const kind = rand();
		if (kind < 0.4) parts.push(`<circle cx="${x}" cy="${y}" r="${size}" fill="${fill}" fill-opacity="${opacity}"/>`);
		else if (kind < 0.75)
			parts.push(
				`<rect x="${x}" y="${y}" width="${size}" height="${(rand() * 200 + 10).toFixed(1)}" transform="rotate(${Math.floor(rand() * 90)} ${x} ${y})" fill="${fill}" fill-opacity="${opacity}"/>`,
			);
		else
			parts.push(
				`<polygon points="${x},${y} ${(rand() * width).toFixed(1)},${(rand() * height).toFixed(1)} ${(rand() * width).toFixed(1)},${(rand() * height).toFixed(1)}" fill="${fill}" fill-opacity="${opacity}"/>`,
			);
	}
	// Grain density follows the learned texture, so busy styles render busier.
	const grains = Math.round(req.profile.texture * 400);
	for (let i = 0; i < grains; i++) {
		parts.push(`<rect x="${(rand() * width).toFixed(0)}" y="${(rand() * height).toFixed(0)}" width="2" height="2" fill="${pick(palette, rand, first)}"/>`);
	}
	if (req.signature && !req.signatureImage) parts.push(signatureMarkSvg(req.signature, width, height));
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join("")}</svg>`;
}

/** Share of the image's width the signature takes: legible, never the subject. */
export const SIGNATURE_WIDTH_SHARE = 0.12;
/** A signature image larger than this is refused before decoding (the Worker allows 2 MB files). */
const SIGNATURE_MAX_PIXELS = 25_000_000;

/** Where the stamped signature sits: its backing box, bottom-right, in image pixels. */
export type SignaturePlacement = { left: number; top: number; width: number; height: number };

/**
 * The signature image scaled to ~12% of the width (and at most 12% of the height), on a subtle
 * light backing with rounded corners, placed in the bottom-right corner. Returns the two layers
 * to composite and where the box is.
 */
export async function signatureLayers(
	signature: Uint8Array,
	width: number,
	height: number,
): Promise<{ layers: sharp.OverlayOptions[]; placement: SignaturePlacement }> {
	let scaled: { data: Buffer; info: sharp.OutputInfo };
	try {
		scaled = await sharp(signature, { limitInputPixels: SIGNATURE_MAX_PIXELS })
			.rotate()
			.resize({ width: Math.round(width * SIGNATURE_WIDTH_SHARE), height: Math.round(height * SIGNATURE_WIDTH_SHARE), fit: "inside" })
			.png()
			.toBuffer({ resolveWithObject: true });
	} catch (err) {
		throw new BackendError("SIGNATURE_INVALID", `the signature image cannot be decoded: ${err instanceof Error ? err.message : String(err)}`, false);
	}
	const pad = Math.max(4, Math.round(width * 0.012));
	const margin = Math.max(6, Math.round(width * 0.02));
	const box = { width: scaled.info.width + 2 * pad, height: scaled.info.height + 2 * pad };
	const placement = { left: width - margin - box.width, top: height - margin - box.height, ...box };
	const backing = `<svg xmlns="http://www.w3.org/2000/svg" width="${box.width}" height="${box.height}"><rect width="${box.width}" height="${box.height}" rx="${pad}" fill="#ffffff" fill-opacity="0.72"/></svg>`;
	return {
		layers: [
			{ input: Buffer.from(backing), left: placement.left, top: placement.top },
			{ input: scaled.data, left: placement.left + pad, top: placement.top + pad },
		],
		placement,
	};
}

/**
 * Renders a PNG deterministically. A signature image, when given, is composited into the
 * bottom-right corner; without one a signed image gets the text mark. Only our EXIF
 * (provenance) is written: sharp drops every other input metadata unless asked to keep it,
 * which is the stripping we want.
 */
export async function renderImage(req: RenderRequest): Promise<Uint8Array> {
	const { width, height } = ASPECT_SIZES[req.aspect];
	const svg = composeSvg(req, width, height);
	let image = sharp(Buffer.from(svg));
	if (req.signature && req.signatureImage) image = image.composite((await signatureLayers(req.signatureImage, width, height)).layers);
	return encodePngWithProvenance(image, req.provenance, "edge-factory gpu-gateway local", req.signature?.artistId);
}
