import { createHash } from "node:crypto";

/** A 32-bit seed from any string, so prompts and style ids can steer the PRNG. */
export function seedFromString(text: string): number {
	return createHash("sha256").update(text).digest().readUInt32LE(0);
}

/** mulberry32: tiny, fast and fully deterministic across platforms, unlike Math.random. */
export function createPrng(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
