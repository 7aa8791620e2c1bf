import { AppError } from "../lib/errors";
import { imageOrientation, stripImageMetadata } from "../lib/image-metadata";
import { MAX_IMAGE_PIXELS } from "../shared/image-budget";
import { imageExtension, type SniffedImage, sniffImage } from "../styles/image-check";

/** A portrait photo: at most 10 MB and 40 megapixels, at least 512×512, 3:4 within 2 %, as displayed. */
export const PORTRAIT_PHOTO_LIMITS = { maxBytes: 10 * 1024 * 1024, maxPixels: MAX_IMAGE_PIXELS, minSide: 512, aspect: 3 / 4, aspectTolerance: 0.02 };

/** A photo that passed: its type and displayed size, and its bytes with the metadata stripped. */
export type CheckedPortraitPhoto = SniffedImage & {
	/** Width and height as displayed (after the EXIF orientation). */
	displayWidth: number;
	displayHeight: number;
	extension: "png" | "jpg";
	bytes: Uint8Array;
};

/**
 * Checks a portrait photo's bytes, in the order the costs grow: the size in bytes
 * (`IMAGE_SIZE_EXCEEDED`), the type by its signature and header (`INVALID_IMAGE_FORMAT`: JPEG or
 * PNG, whatever the name or declared type say), the pixel count as the header declares it
 * (`IMAGE_SIZE_EXCEEDED`, nothing decoded), then the picture as it is displayed, i.e. after the
 * EXIF orientation (a sideways-stored phone photo tagged "rotate 90" is the portrait it shows):
 * at least 512×512 (`IMAGE_TOO_SMALL`) and 3:4 within 2 % (`INVALID_ASPECT_RATIO`). All 422.
 * Then EXIF, GPS, XMP and the rest are stripped (the orientation alone stays, so the photo still
 * shows upright); a file that cannot be walked to its end is not an image we store.
 */
export function checkPortraitPhoto(bytes: Uint8Array): CheckedPortraitPhoto {
	const limits = PORTRAIT_PHOTO_LIMITS;
	if (bytes.length > limits.maxBytes) {
		throw new AppError(422, "IMAGE_SIZE_EXCEEDED", `The photo is ${bytes.length} bytes; it may be at most 10 MB (${limits.maxBytes} bytes).`);
	}
	const sniffed = sniffImage(bytes);
	if (!sniffed) throw new AppError(422, "INVALID_IMAGE_FORMAT", "The photo must be a JPEG or PNG image.");
	if (sniffed.width * sniffed.height > limits.maxPixels) {
		throw new AppError(422, "IMAGE_SIZE_EXCEEDED", `The photo is ${sniffed.width}×${sniffed.height} pixels; it may have at most 40 megapixels.`);
	}
	const orientation = imageOrientation(bytes);
	const quarterTurn = orientation !== undefined && orientation >= 5;
	const displayWidth = quarterTurn ? sniffed.height : sniffed.width;
	const displayHeight = quarterTurn ? sniffed.width : sniffed.height;
	if (displayWidth < limits.minSide || displayHeight < limits.minSide) {
		throw new AppError(422, "IMAGE_TOO_SMALL", `The photo is ${displayWidth}×${displayHeight} pixels; it must be at least 512×512.`);
	}
	const ratio = displayWidth / displayHeight;
	if (Math.abs(ratio - limits.aspect) > limits.aspect * limits.aspectTolerance) {
		throw new AppError(
			422,
			"INVALID_ASPECT_RATIO",
			`The photo is ${displayWidth}×${displayHeight} pixels as shown (width/height ${ratio.toFixed(3)}); crop it to 3:4 (0.75, within 2 %).`,
		);
	}
	const stripped = stripImageMetadata(bytes);
	if (!stripped.ok) throw new AppError(422, "INVALID_IMAGE_FORMAT", `The photo could not be read: ${stripped.error}.`);
	return { ...sniffed, displayWidth, displayHeight, extension: imageExtension(sniffed.type), bytes: stripped.bytes };
}
