import { openImage } from "./image-budget.ts";
import type { BackendArtifact } from "./types.ts";

/** Name of the measurements artifact `portrait.generate` adds to its three portraits. */
export const PHOTO_MEASUREMENTS_ARTIFACT = "measurements.json";

/**
 * What was measured in the customer's photo, so the report (an LLM's or the Worker's template)
 * rests on the photo itself: exposure, contrast, colour and focus on 0–100 scales.
 */
export type PhotoMeasurements = {
	version: 1;
	width: number;
	height: number;
	/** Mean luminance, 0 (black) to 100 (white). */
	brightness: number;
	/** Standard deviation of luminance, scaled so 100 is the largest possible. */
	contrast: number;
	/** Mean chroma spread between channels, 0 (grey) to 100. */
	saturation: number;
	/** Mean edge strength (sharp's Laplacian estimate), capped at 100. */
	sharpness: number;
};

const round1 = (value: number) => Math.round(value * 10) / 10;
const clamp100 = (value: number) => Math.max(0, Math.min(100, value));

/** Measures the photo on a 256 px copy (the numbers do not depend on the upload's resolution). */
export async function measurePhoto(photo: Uint8Array): Promise<PhotoMeasurements> {
	const image = openImage(photo).rotate();
	const meta = await image.metadata();
	const small = image.clone().resize(256, 256, { fit: "inside" }).removeAlpha().toColourspace("srgb");
	const { data, info } = await small.clone().raw().toBuffer({ resolveWithObject: true });
	const pixels = info.width * info.height;
	let sum = 0;
	let sumSquares = 0;
	let chroma = 0;
	for (let i = 0; i < data.length; i += info.channels) {
		const r = data[i] ?? 0;
		const g = data[i + 1] ?? r;
		const b = data[i + 2] ?? r;
		const luma = 0.2126 * r + 0.7152 * g + 0.0722 * b;
		sum += luma;
		sumSquares += luma * luma;
		chroma += Math.max(r, g, b) - Math.min(r, g, b);
	}
	const mean = sum / pixels;
	const deviation = Math.sqrt(Math.max(0, sumSquares / pixels - mean * mean));
	const stats = await small.clone().greyscale().stats();
	return {
		version: 1,
		// EXIF orientation 5-8 swaps the sides the upright photo has.
		width: (meta.orientation ?? 1) >= 5 ? (meta.height ?? 0) : (meta.width ?? 0),
		height: (meta.orientation ?? 1) >= 5 ? (meta.width ?? 0) : (meta.height ?? 0),
		brightness: round1(clamp100((mean / 255) * 100)),
		contrast: round1(clamp100((deviation / 127.5) * 100)),
		saturation: round1(clamp100((chroma / pixels / 255) * 100)),
		sharpness: round1(clamp100(stats.sharpness * 10)),
	};
}

/** The measurements as the JSON artifact both backends return with the portraits. */
export async function measurementsArtifact(photo: Uint8Array): Promise<BackendArtifact> {
	const measured = await measurePhoto(photo);
	return { name: PHOTO_MEASUREMENTS_ARTIFACT, contentType: "application/json", bytes: new TextEncoder().encode(`${JSON.stringify(measured)}\n`) };
}
