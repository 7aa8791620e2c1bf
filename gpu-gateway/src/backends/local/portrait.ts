import type sharp from "sharp";
import { openImage } from "../image-budget.ts";

/** Three looks a portrait order offers; each is a real sharp pipeline over the photo. */
const LOOKS = [
	{ name: "portrait-1-mono.png", apply: (img: sharp.Sharp) => img.greyscale().linear(1.2, -20) },
	{ name: "portrait-2-warm.png", apply: (img: sharp.Sharp) => img.tint({ r: 255, g: 200, b: 150 }).modulate({ saturation: 1.3 }) },
	{ name: "portrait-3-poster.png", apply: (img: sharp.Sharp) => img.median(5).modulate({ saturation: 1.8 }).sharpen() },
] as const;

/** Renders the three portrait variants as 768px squares, metadata stripped. */
export async function renderPortraits(photo: Uint8Array): Promise<{ name: string; bytes: Uint8Array }[]> {
	const out: { name: string; bytes: Uint8Array }[] = [];
	for (const look of LOOKS) {
		const bytes = await look
			.apply(openImage(photo).rotate().resize(768, 768, { fit: "cover" }))
			.png()
			.toBuffer();
		out.push({ name: look.name, bytes: new Uint8Array(bytes) });
	}
	return out;
}
