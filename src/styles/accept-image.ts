import { AppError } from "../lib/errors";
import { sha256Hex } from "../lib/hash";
import { stripImageMetadata } from "../lib/image-metadata";
import { type CheckedImage, checkImage, type ImageLimits } from "./image-check";

/** An upload as it will be stored: checked, its metadata stripped, and `size` and `sha256` those of the stripped bytes. */
export type AcceptedImage = CheckedImage & { bytes: Uint8Array; sha256: string };

/**
 * Every user image goes through here before it is stored or leaves the Worker: checked against
 * `limits` (bytes as uploaded, type, pixel size; see `checkImage`), then stripped of its metadata
 * (EXIF with the GPS position, XMP, IPTC, comments, PNG text; src/lib/image-metadata.ts), so the
 * R2 object, its content-addressed key, the stored hash and whatever the gpu-gateway or a GPU
 * provider later reads are all the stripped bytes. A file whose structure cannot be walked
 * cannot be stripped with certainty, so it is refused: `422 INVALID_IMAGE_FORMAT` naming it.
 */
export async function acceptImage(fileName: string | undefined, bytes: Uint8Array, limits: ImageLimits): Promise<AcceptedImage> {
	const checked = checkImage(fileName, bytes, limits);
	const stripped = stripImageMetadata(bytes);
	if (!stripped.ok) {
		throw new AppError(422, "INVALID_IMAGE_FORMAT", `${checked.fileName} is not a well-formed ${checked.type === "png" ? "PNG" : "JPEG"} (${stripped.error}).`);
	}
	return { ...checked, size: stripped.bytes.length, bytes: stripped.bytes, sha256: await sha256Hex(stripped.bytes) };
}
