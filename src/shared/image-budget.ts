/**
 * How many pixels a user image may have: the Worker refuses larger uploads by their header, and
 * the gpu-gateway refuses to decode larger inputs (sharp's `limitInputPixels`), so the two never
 * disagree. A compressed file's size says nothing about its pixels (a 16384×16383 PNG of black
 * fits in a few KB and decodes to 268 million pixels), so the budget is in pixels.
 */

/** No side longer than this: 8192 covers a 40-megapixel camera and any sane scan. */
export const MAX_IMAGE_SIDE = 8192;

/** Training images and photos: 40 megapixels (about 160 MB once decoded as RGBA). */
export const MAX_IMAGE_PIXELS = 40_000_000;

/** The artist's signature, stamped small into every image: what the gateway decodes for it. */
export const MAX_SIGNATURE_PIXELS = 25_000_000;
