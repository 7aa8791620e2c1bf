import sharp from "sharp";
import { MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE } from "../../../src/shared/image-budget.ts";
import { BackendError } from "./types.ts";

/**
 * The pixel budget for images the gateway did not make (training images, photos, provider
 * outputs): the same numbers the Worker refuses uploads by (src/shared/image-budget.ts). A few KB
 * of PNG can declare hundreds of millions of pixels, so the header decides, before any decoding.
 */

/**
 * Reads an input image's header and refuses it for good (not retried: the same bytes fail the
 * same way) when it declares more than `maxPixels` or a side over 8192, or cannot be read at all.
 * `what` names the input in the error ("training image 3", "photo").
 */
export async function checkInputImage(bytes: Uint8Array, what: string, maxPixels = MAX_IMAGE_PIXELS): Promise<void> {
	let width: number | undefined;
	let height: number | undefined;
	try {
		// The header only: sharp's own limit would refuse a bomb here with a message that names no size.
		({ width, height } = await sharp(bytes, { limitInputPixels: false }).metadata());
	} catch (err) {
		throw new BackendError("INPUT_INVALID", `${what} is not a readable image: ${err instanceof Error ? err.message : String(err)}`, false);
	}
	if (!width || !height) throw new BackendError("INPUT_INVALID", `${what} declares no pixel size`, false);
	if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > maxPixels) {
		throw new BackendError(
			"INPUT_IMAGE_TOO_LARGE",
			`${what} is ${width}×${height} pixels; at most ${maxPixels} pixels and ${MAX_IMAGE_SIDE} a side are decoded`,
			false,
		);
	}
}

/**
 * Opens image bytes someone else made for decoding, with sharp's `limitInputPixels` set to the
 * budget: defence in depth behind `checkInputImage`, so a path that forgot the check still cannot
 * decode a bomb (sharp throws before allocating the pixels).
 */
export function openImage(bytes: Uint8Array, maxPixels = MAX_IMAGE_PIXELS): sharp.Sharp {
	return sharp(bytes, { limitInputPixels: maxPixels });
}
