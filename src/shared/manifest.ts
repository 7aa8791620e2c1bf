import { z } from "zod";

/** `manifest.json` inside every package: what the buyer got, with a checksum per file. */
export const PackageManifest = z.object({
	product_id: z.string(),
	title: z.string(),
	version: z.int(),
	created_at: z.string(),
	/** Who wrote the product's words: "template" (offline) or "llm:<model>". Absent in packages made before it was recorded. */
	writer: z.string().min(1).max(200).optional(),
	files: z.array(z.object({ path: z.string(), size: z.int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});
export type PackageManifest = z.infer<typeof PackageManifest>;

/** The manifest's own path in the ZIP. */
export const MANIFEST_PATH = "manifest.json";
