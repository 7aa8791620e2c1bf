import type sharp from "sharp";
import { openImage } from "../image-budget.ts";

/** Three looks a portrait order offers; each is a real sharp pipeline over the photo. */
const LOOKS = [
	{ name: "portrait-1-mono.png", apply: (img: sharp.Sharp) => img.greyscale().linear(1.2, -20) },
	{ name: "portrait-2-warm.png", apply: (img: sharp.Sharp) => img.tint({ r: 255, g: 200, b: 150 }).modulate({ saturation: 1.3 }) },
	{ name: "portrait-3-poster.png", apply: (img: sharp.Sharp) => img.median(5).modulate({ saturation: 1.8 }).sharpen() },
] as const;

/**
 * A seed's small, deterministic turn of a look (brightness ±6 %, hue ±12°), so three seeds give
 * three reproducible variants and another seed another picture. Hue turns leave grey grey.
 */
function seeded(img: sharp.Sharp, seed: number): sharp.Sharp {
	const brightness = 0.94 + (seed % 13) / 100;
	const hue = ((Math.floor(seed / 13) % 25) - 12) | 0;
	return img.modulate({ brightness, hue });
}

/** Renders the three portrait variants as 768px squares, metadata stripped; `seeds` vary each deterministically. */
export async function renderPortraits(photo: Uint8Array, seeds?: readonly number[]): Promise<{ name: string; bytes: Uint8Array }[]> {
	const out: { name: string; bytes: Uint8Array }[] = [];
	for (const [i, look] of LOOKS.entries()) {
		const shaped = look.apply(openImage(photo).rotate().resize(768, 768, { fit: "cover" }));
		const seed = seeds?.[i];
		const bytes = await (seed === undefined ? shaped : seeded(shaped, seed)).png().toBuffer();
		out.push({ name: look.name, bytes: new Uint8Array(bytes) });
	}
	return out;
}
