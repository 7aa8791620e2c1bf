import { mulberry32 } from "../../../../src/shared/prng.ts";
import { openImage } from "../image-budget.ts";
import { seedFromString } from "./seed.ts";

/** What the local "LoRA" learns: a palette and a few texture statistics. */
export type StyleProfile = {
	version: 1;
	artistId: string;
	styleId: string;
	/** Up to six `#rrggbb` colours, most frequent first. */
	palette: string[];
	/** Mean luminance standard deviation, 0..1. */
	contrast: number;
	/** Mean edge energy (sharp `sharpness`), normalised 0..1. */
	texture: number;
	/** Mean luminance, 0..1. */
	brightness: number;
	imageCount: number;
	sourceSha256: string[];
};

function hex(r: number, g: number, b: number): string {
	return `#${[r, g, b]
		.map((v) =>
			Math.max(0, Math.min(255, Math.round(v)))
				.toString(16)
				.padStart(2, "0"),
		)
		.join("")}`;
}

/** Counts colours on a coarse 3-bit-per-channel grid over a thumbnail; buckets keep near shades together. */
async function colourBuckets(image: Uint8Array, counts: Map<number, { n: number; r: number; g: number; b: number }>): Promise<void> {
	const { data, info } = await openImage(image).removeAlpha().resize(32, 32, { fit: "fill" }).raw().toBuffer({ resolveWithObject: true });
	for (let i = 0; i + 2 < data.length; i += info.channels) {
		const r = data[i] ?? 0;
		const g = data[i + 1] ?? 0;
		const b = data[i + 2] ?? 0;
		const key = ((r >> 5) << 6) | ((g >> 5) << 3) | (b >> 5);
		const bucket = counts.get(key) ?? { n: 0, r: 0, g: 0, b: 0 };
		bucket.n += 1;
		bucket.r += r;
		bucket.g += g;
		bucket.b += b;
		counts.set(key, bucket);
	}
}

/** Learns a style profile from training images: real image statistics, computed with sharp. */
export async function learnStyleProfile(artistId: string, styleId: string, images: readonly Uint8Array[], sha256s: readonly string[]): Promise<StyleProfile> {
	const counts = new Map<number, { n: number; r: number; g: number; b: number }>();
	let contrast = 0;
	let texture = 0;
	let brightness = 0;
	for (const image of images) {
		await colourBuckets(image, counts);
		const stats = await openImage(image).greyscale().stats();
		const grey = stats.channels[0];
		contrast += (grey?.stdev ?? 0) / 128;
		brightness += (grey?.mean ?? 0) / 255;
		texture += Math.min(1, stats.sharpness / 10);
	}
	const palette = [...counts.entries()]
		.sort(([ka, a], [kb, b]) => b.n - a.n || ka - kb)
		.slice(0, 6)
		.map(([, c]) => hex(c.r / c.n, c.g / c.n, c.b / c.n));
	const n = Math.max(1, images.length);
	const round = (v: number) => Math.round(Math.min(1, v / n) * 1000) / 1000;
	return {
		version: 1,
		artistId,
		styleId,
		palette,
		contrast: round(contrast),
		texture: round(texture),
		brightness: round(brightness),
		imageCount: images.length,
		sourceSha256: [...sha256s],
	};
}

/** A stand-in profile when no trained model is given, derived from the style id alone. */
export function defaultStyleProfile(styleId: string): StyleProfile {
	const rand = mulberry32(seedFromString(`style:${styleId}`));
	const palette = Array.from({ length: 5 }, () => hex(rand() * 255, rand() * 255, rand() * 255));
	return { version: 1, artistId: "", styleId, palette, contrast: 0.5, texture: 0.3, brightness: 0.5, imageCount: 0, sourceSha256: [] };
}
