import sharp from "sharp";
import type { ImageSignature } from "../../../src/shared/gpu-jobs.ts";
import { MAX_SIGNATURE_PIXELS } from "../../../src/shared/image-budget.ts";
import { BackendError } from "./types.ts";

/**
 * The artist's signature, stamped visibly into every licensed image whichever backend made it
 * (DESIGN.md section 5): their signature image when they uploaded one, else a text mark.
 */

/** Share of the image's width the signature takes: legible, never the subject. */
export const SIGNATURE_WIDTH_SHARE = 0.12;

/** Where the stamped signature sits: its backing box, bottom-right, in image pixels. */
export type SignaturePlacement = { left: number; top: number; width: number; height: number };

function escapeXml(text: string): string {
	return text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** The text mark, as an SVG fragment placed in the bottom-right corner of a width×height image. */
export function signatureMarkSvg(signature: ImageSignature, width: number, height: number): string {
	const label = escapeXml(`© ${signature.name ?? signature.artistId} · ${signature.styleId}`.slice(0, 80));
	const boxW = Math.min(width - 16, 24 + label.length * 9);
	return `<g transform="translate(${width - boxW - 8} ${height - 40})"><rect width="${boxW}" height="32" rx="4" fill="#ffffff" fill-opacity="0.85" stroke="#000000" stroke-width="2"/><text x="12" y="22" font-family="sans-serif" font-size="16" fill="#000000">${label}</text></g>`;
}

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
		scaled = await sharp(signature, { limitInputPixels: MAX_SIGNATURE_PIXELS })
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

/** The layers that sign a width×height image: the signature image when given, else the text mark. */
export async function signatureOverlay(
	signature: ImageSignature,
	signatureImage: Uint8Array | undefined,
	width: number,
	height: number,
): Promise<sharp.OverlayOptions[]> {
	if (signatureImage) return (await signatureLayers(signatureImage, width, height)).layers;
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${signatureMarkSvg(signature, width, height)}</svg>`;
	return [{ input: Buffer.from(svg), top: 0, left: 0 }];
}
