import type { Db } from "../db/client";
import { sha256Hex } from "../lib/hash";
import { slugify } from "../lib/slug";
import type { GeneratedFile, ProductGenerator } from "../pipeline/generators/types";
import { STYLE_PACK_IMAGES_MANIFEST, type StylePackImageManifest } from "../shared/style-packs";
import { type PackDocumentInput, type PackImageEntry, renderGallery, renderLicenseText, renderReadme } from "./pack-documents";
import { loadPackSource } from "./pack-source";
import { packWords } from "./pack-words";

const encoder = new TextEncoder();

function textFile(path: string, text: string, contentType: string): GeneratedFile {
	return { path, body: encoder.encode(text), contentType };
}

/** `images/01-<prompt slug>.png`: numbered in the pack's order, named after what they show. */
function imagePath(position: number, prompt: string): string {
	return `images/${String(position).padStart(2, "0")}-${slugify(prompt, 40, "image")}.png`;
}

/**
 * The `style_pack` generator: copies each chosen generation's PNG from R2 into the product as it
 * is (the signature and provenance are in those bytes), and writes the licence, README, a
 * gallery `index.html` and `images.json` declaring each image's size, SHA-256 and origin for
 * QA1 to check. The documents and the description are in the version's language (a pack has one:
 * the artist's, chosen when it was created). It invents nothing, so every generation of a pack writes the same files.
 */
export function stylePackGenerator(stores: { db: Db; files: R2Bucket }): ProductGenerator {
	return {
		name: "style-pack",
		async generate(input) {
			const source = await loadPackSource(stores.db, input.productId);
			const images: (PackImageEntry & { generationId: string; body: Uint8Array })[] = [];
			for (const [i, { generation }] of source.items.entries()) {
				if (!generation.r2Key) throw new Error(`generation ${generation.id} has no stored image`);
				const object = await stores.files.get(generation.r2Key);
				if (!object) throw new Error(`image of generation ${generation.id} is missing from storage`);
				const body = new Uint8Array(await object.arrayBuffer());
				images.push({
					path: imagePath(i + 1, generation.prompt),
					width: generation.width,
					height: generation.height,
					// Declares what the generation recorded when it completed, so QA1 notices bytes changed since.
					sha256: generation.sha256 ?? (await sha256Hex(body)),
					prompt: generation.prompt,
					generationId: generation.id,
					body,
				});
			}
			const documents: PackDocumentInput = {
				title: source.product.title,
				description: source.product.description,
				license: source.license,
				artistName: source.artist.name,
				artistId: source.artist.id,
				styleTitle: source.style.title,
				styleId: source.style.id,
				images,
				language: input.language,
			};
			const manifest: StylePackImageManifest = {
				product_id: source.product.id,
				style_id: source.style.id,
				artist_id: source.artist.id,
				license: source.license,
				images: images.map((image) => ({
					path: image.path,
					width: image.width,
					height: image.height,
					sha256: image.sha256,
					generation_id: image.generationId,
					artist_id: source.artist.id,
					style_id: source.style.id,
				})),
			};
			const description =
				source.product.description.trim() ||
				packWords(input.language).fallbackDescription({ count: images.length, style: source.style.title, artist: source.artist.name });
			return {
				description,
				files: [
					...images.map((image) => ({ path: image.path, body: image.body, contentType: "image/png" })),
					textFile("index.html", renderGallery(documents), "text/html; charset=utf-8"),
					textFile("README.md", renderReadme(documents), "text/markdown; charset=utf-8"),
					textFile("LICENSE.txt", renderLicenseText(documents), "text/plain; charset=utf-8"),
					textFile(STYLE_PACK_IMAGES_MANIFEST, `${JSON.stringify(manifest, null, "\t")}\n`, "application/json"),
				],
			};
		},
	};
}
