import sharp from "sharp";
import type { GenerateAspect, ImageSignature } from "../../../../src/shared/gpu-jobs.ts";
import { mulberry32 } from "../../../../src/shared/prng.ts";
import { ASPECT_SIZES, encodePngWithProvenance } from "../post-process.ts";
import { signatureOverlay } from "../signature.ts";
import { seedFromString } from "./seed.ts";
import type { StyleProfile } from "./style-profile.ts";

/** Everything that determines the output bytes; nothing else (no clock, no job id) may. */
export type RenderRequest = {
	profile: StyleProfile;
	prompt: string;
	seed: number;
	aspect: GenerateAspect;
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
	const rand = mulberry32((req.seed ^ seedFromString(req.prompt)) >>> 0);
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
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join("")}</svg>`;
}

/**
 * Renders a PNG deterministically, signed when a signature is given (signature.ts). Only our EXIF
 * (provenance) is written: sharp drops every other input metadata unless asked to keep it,
 * which is the stripping we want.
 */
export async function renderImage(req: RenderRequest): Promise<Uint8Array> {
	const { width, height } = ASPECT_SIZES[req.aspect];
	const svg = composeSvg(req, width, height);
	let image = sharp(Buffer.from(svg));
	if (req.signature) image = image.composite(await signatureOverlay(req.signature, req.signatureImage, width, height));
	return encodePngWithProvenance(image, req.provenance, "edge-factory gpu-gateway local", req.signature?.artistId);
}
