import { createHash } from "node:crypto";

/**
 * A 32-bit seed from any string, so prompts and style ids can steer the shared PRNG
 * (src/shared/prng.ts). SHA-256 rather than the shared FNV-1a hash32 because the local
 * backend's images have always been seeded this way; switching would change every image.
 */
export function seedFromString(text: string): number {
	return createHash("sha256").update(text).digest().readUInt32LE(0);
}
