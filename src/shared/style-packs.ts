import { z } from "zod";
import { Locale } from "./locale";

/**
 * Style packs (issue 6): an artist's chosen generations sold as a `style_pack` product.
 * No `cloudflare:*` or `node:*` imports here.
 */

/** What the buyer may do with the images; the pack's LICENSE.txt spells it out. */
export const StylePackLicense = z.enum(["personal", "commercial"]);
export type StylePackLicense = z.infer<typeof StylePackLicense>;

/** Fewest and most generations one pack may hold. */
export const STYLE_PACK_MIN_IMAGES = 3;
export const STYLE_PACK_MAX_IMAGES = 50;
/**
 * Most image bytes one pack may hold: the generate and QA1 stages hold a pack's files in a
 * Worker's memory (128 MB), so the sum of its images' sizes is bounded well below that.
 */
export const STYLE_PACK_MAX_BYTES = 40 * 1024 * 1024;

/** Body of `POST /api/styles/:id/packs`. */
export const CreateStylePackRequest = z.strictObject({
	title: z.string().trim().min(3).max(120),
	description: z.string().trim().max(2000).default(""),
	generation_ids: z
		.array(z.string().trim().min(1).max(64))
		.min(STYLE_PACK_MIN_IMAGES)
		.max(STYLE_PACK_MAX_IMAGES)
		.refine((ids) => new Set(ids).size === ids.length, "each generation may appear once"),
	price_cents: z.int().min(0).max(100_000_000),
	currency: z
		.string()
		.regex(/^[a-z]{3}$/, "a lowercase ISO 4217 code such as usd")
		.default("usd"),
	license: StylePackLicense.default("personal"),
	/**
	 * The one language the pack's documents (LICENSE.txt, README.md, gallery) and description are
	 * written in. When absent, the routes use the request's language (the artist's).
	 */
	language: Locale.optional(),
});
export type CreateStylePackRequest = z.infer<typeof CreateStylePackRequest>;

/**
 * `images.json` inside a style pack: what each image declares about itself. QA1 checks the
 * PNG bytes against it (size, hash) and the provenance written into each PNG against its ids.
 */
export const StylePackImageManifest = z.object({
	product_id: z.string(),
	style_id: z.string(),
	artist_id: z.string(),
	license: StylePackLicense,
	images: z.array(
		z.object({
			path: z.string(),
			width: z.int().min(1),
			height: z.int().min(1),
			sha256: z.string().regex(/^[0-9a-f]{64}$/),
			generation_id: z.string(),
			artist_id: z.string(),
			style_id: z.string(),
		}),
	),
});
export type StylePackImageManifest = z.infer<typeof StylePackImageManifest>;

/** The path of that manifest inside the pack. */
export const STYLE_PACK_IMAGES_MANIFEST = "images.json";
