import { Hono } from "hono";
import { z } from "zod";
import { requireAdmin } from "../admin/admin-auth";
import type { AppEnv } from "../app-env";
import { AppError } from "../lib/errors";
import { attachmentDisposition } from "../lib/http-range";
import { validate } from "../lib/validate";
import { createProducts, expandBatch } from "../pipeline/create-product";
import { currentPackage, listProducts, productDetail } from "../pipeline/product-queries";
import { republishProduct, unpublishProduct } from "../pipeline/publication";
import { retryProduct } from "../pipeline/retry";
import { productView } from "../pipeline/views";
import { CreateBatchRequest, CreateProductRequest, ListProductsQuery } from "../shared/product";

const ProductParams = z.object({ id: z.string().min(1).max(64) });
const ReasonBody = z.strictObject({ reason: z.string().trim().min(1).max(500).optional() });

/** `/api/products`: the admin API over products and their pipeline (API.md "Admin API"). */
export const productsApi = new Hono<AppEnv>()
	.use(requireAdmin)
	.post("/", validate("json", CreateProductRequest), async (c) => {
		const [product] = await createProducts(c.var.deps.pipeline, [c.req.valid("json")]);
		if (!product) throw new AppError(500, "INTERNAL", "The product was not created.");
		return c.json({ product: productView(product) }, 201);
	})
	.post("/batch", validate("json", CreateBatchRequest), async (c) => {
		const created = await createProducts(c.var.deps.pipeline, expandBatch(c.req.valid("json")));
		return c.json({ products: created.map(productView) }, 202);
	})
	.get("/", validate("query", ListProductsQuery), async (c) => {
		const { q, ...query } = c.req.valid("query");
		return c.json(await listProducts(c.var.deps.db, { ...query, search: q }));
	})
	.get("/:id", validate("param", ProductParams), async (c) => c.json(await productDetail(c.var.deps.db, c.req.valid("param").id)))
	.get("/:id/package", validate("param", ProductParams), async (c) => {
		// The admin's own copy of the packaged ZIP, for inspection; buyers never come here.
		const { db, files } = c.var.deps;
		const pkg = await currentPackage(db, c.req.valid("param").id);
		const object = await files.get(pkg.r2Key);
		if (!object) throw new AppError(404, "NOT_FOUND", "The package object is missing from storage.");
		return c.body(object.body, 200, {
			"Content-Type": "application/zip",
			"Content-Length": String(object.size),
			"Content-Disposition": attachmentDisposition(pkg.fileName),
			"X-Content-SHA256": pkg.sha256,
		});
	})
	.post("/:id/retry", validate("param", ProductParams), async (c) => {
		const product = await retryProduct(c.var.deps.pipeline, c.req.valid("param").id);
		return c.json({ product: productView(product) }, 202);
	})
	.post("/:id/unpublish", validate("param", ProductParams), validate("json", ReasonBody.optional()), async (c) => {
		const reason = c.req.valid("json")?.reason ?? "unpublished by an admin";
		const product = await unpublishProduct(c.var.deps.pipeline, c.req.valid("param").id, reason);
		return c.json({ product: productView(product) });
	})
	.post("/:id/publish", validate("param", ProductParams), validate("json", ReasonBody.optional()), async (c) => {
		const reason = c.req.valid("json")?.reason ?? "published again by an admin";
		const product = await republishProduct(c.var.deps.pipeline, c.req.valid("param").id, reason);
		return c.json({ product: productView(product) });
	});
