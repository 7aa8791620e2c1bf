import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { loadViewer } from "../accounts/viewer";
import type { AppEnv } from "../app-env";
import { findPublishedProduct, type PublicProduct } from "../commerce/catalog";
import type { Db } from "../db/client";
import { productFiles } from "../db/schema";
import { AppError } from "../lib/errors";
import { validate } from "../lib/validate";
import { samplePaths } from "../style-packs/samples";
import { ProductPage } from "../views/product";
import { renderPage } from "./render-page";

const SlugParams = z.object({ slug: z.string().min(1).max(100) });
const SampleParams = z.object({ slug: z.string().min(1).max(100), file: z.string().min(1).max(120) });
/** Files of a product's landing page that the preview may show; the paid content stays private. */
/** The landing page and its assets, of the primary version or of a language version's folder. */
const PREVIEWABLE = /^([a-z]{2}\/)?(index\.html|assets\/[a-z0-9._/-]+\.(css|svg|png|jpe?g|webp|gif))$/;

/** What the product page shows, on its own and again with a checkout error. */
export function productPageProps(product: PublicProduct) {
	// The reader's language version when the product has one (its folder), else the primary one.
	return { product, previewUrl: `/products/${encodeURIComponent(product.slug)}/preview/${product.version_folder}index.html` };
}

/** A file of the published version of a product, with its stored object; null when either is missing. */
async function publishedFile(db: Db, files: R2Bucket, product: NonNullable<Awaited<ReturnType<typeof findPublishedProduct>>>, path: string) {
	const { product: row } = product.row;
	const file = await db.query.productFiles.findFirst({
		where: and(
			eq(productFiles.productId, row.id),
			eq(productFiles.version, row.version),
			eq(productFiles.generation, row.generationCount),
			eq(productFiles.path, path),
		),
	});
	const object = file ? await files.get(file.r2Key) : null;
	return file && object ? { file, object } : null;
}

/** `/products/:slug`: a published product's page, its landing page preview and a style pack's sample images. */
export const productPages = new Hono<AppEnv>()
	.get("/:slug", loadViewer, validate("param", SlugParams), async (c) => {
		const product = await findPublishedProduct(c.var.deps.db, { slug: c.req.valid("param").slug }, c.var.i18n.locale);
		if (!product) throw new AppError(404, "NOT_FOUND", "This product is not in the store.");
		return renderPage(c, <ProductPage {...productPageProps(product)} viewer={c.var.viewer} />);
	})
	.get("/:slug/preview/*", async (c) => {
		// The product's own HTML never runs on the store's origin: `sandbox` makes it an opaque
		// origin with scripts off, and only the landing page and its assets are served.
		const { db, files } = c.var.deps;
		const product = await findPublishedProduct(db, { slug: c.req.param("slug") });
		const path = c.req.path.split("/preview/")[1] ?? "";
		const found = product && PREVIEWABLE.test(path) ? await publishedFile(db, files, product, path) : null;
		if (!found) throw new AppError(404, "NOT_FOUND", "No such preview file.");
		return c.body(found.object.body, 200, {
			"Content-Type": found.file.contentType,
			"Content-Security-Policy": "sandbox; default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'",
			"X-Content-Type-Options": "nosniff",
			"Cache-Control": "public, max-age=300",
		});
	})
	.get("/:slug/samples/:file", validate("param", SampleParams), async (c) => {
		const { db, files } = c.var.deps;
		const { slug, file } = c.req.valid("param");
		const product = await findPublishedProduct(db, { slug });
		const path = `images/${file}`;
		const isSample = product?.kind === "style_pack" && samplePaths(product.files.map((f) => f.path)).includes(path);
		const found = product && isSample ? await publishedFile(db, files, product, path) : null;
		if (!found) throw new AppError(404, "NOT_FOUND", "No such sample image.");
		return c.body(found.object.body, 200, {
			"Content-Type": "image/png",
			"Content-Length": String(found.object.size),
			"Content-Security-Policy": "sandbox; default-src 'none'",
			"X-Content-Type-Options": "nosniff",
			"Cache-Control": "public, max-age=300",
		});
	});
