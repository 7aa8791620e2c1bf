import { z } from "zod";
import { validate } from "../../lib/validate";
import { createProducts, expandBatch } from "../../pipeline/create-product";
import { listProducts, productDetail } from "../../pipeline/product-queries";
import { republishProduct, unpublishProduct } from "../../pipeline/publication";
import { retryProduct } from "../../pipeline/retry";
import { TOPIC_IDEAS } from "../../pipeline/titles";
import { CreateBatchRequest, CreateProductRequest, ProductStatus, TopicProductKind } from "../../shared/product";
import { PRODUCT_NOTICES, ProductDetailPage } from "../../views/admin/product-detail";
import { ProductsPage } from "../../views/admin/products";
import { renderPage } from "../render-page";
import { adminRoutes, adminViewer, blank, IdParams, noticeQuery, PAGE_SIZE, requireSession } from "./admin-shell";

const ProductsQuery = z.object({
	status: z.preprocess(blank, ProductStatus.optional()),
	q: z.preprocess(blank, z.string().trim().max(200).optional()),
	cursor: z.preprocess(blank, z.string().max(200).optional()),
	created: z.coerce.number().int().min(1).max(50).optional().catch(undefined),
});

/** "19", "19.9", "19.99" → cents, without floating-point rounding. */
function dollarsToCents(price: string): number {
	const [whole = "0", fraction = ""] = price.split(".");
	return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

/** The create form: price in dollars, then the API's own schema. */
const NewProductForm = z
	.object({
		topic: z.string(),
		kind: TopicProductKind.default("digital_kit"),
		price: z
			.string()
			.trim()
			.regex(/^\d{1,6}(\.\d{1,2})?$/, "a price in dollars such as 19 or 19.99"),
		download_limit: z.coerce.number(),
	})
	.transform(
		(form): z.input<typeof CreateProductRequest> => ({
			topic: form.topic,
			kind: form.kind,
			price_cents: dollarsToCents(form.price),
			download_limit: form.download_limit,
		}),
	)
	.pipe(CreateProductRequest);
const BatchForm = z
	.object({ batch: z.coerce.number(), topic: z.preprocess(blank, z.string().optional()) })
	.transform((form): z.input<typeof CreateBatchRequest> => (form.topic === undefined ? { batch: form.batch } : { batch: form.batch, topic: form.topic }))
	.pipe(CreateBatchRequest);
const ReasonForm = z.object({ reason: z.preprocess(blank, z.string().trim().max(500).optional()) });

/** `/admin/products`: the products table, making products, and each product's pipeline, QA reports and actions. */
export const adminProductPages = adminRoutes()
	.use(requireSession)
	.get("/", validate("query", ProductsQuery), async (c) => {
		const { status, q, cursor, created } = c.req.valid("query");
		const page = await listProducts(c.var.deps.db, { status, cursor, search: q, limit: PAGE_SIZE });
		return renderPage(
			c,
			<ProductsPage
				products={page.products}
				nextCursor={page.next_cursor}
				filters={{ status, q, cursor }}
				viewer={adminViewer(c)}
				created={created}
				topicIdeas={TOPIC_IDEAS}
			/>,
		);
	})
	.post("/", validate("form", NewProductForm), async (c) => {
		const created = await createProducts(c.var.deps.pipeline, [c.req.valid("form")]);
		return c.redirect(`/admin/products?created=${created.length}`, 303);
	})
	.post("/batch", validate("form", BatchForm), async (c) => {
		const created = await createProducts(c.var.deps.pipeline, expandBatch(c.req.valid("form")));
		return c.redirect(`/admin/products?created=${created.length}`, 303);
	})
	.get("/:id", validate("param", IdParams), validate("query", noticeQuery(PRODUCT_NOTICES)), async (c) => {
		const { pipeline } = c.var.deps;
		const detail = await productDetail(pipeline.db, c.req.valid("param").id);
		return renderPage(
			c,
			<ProductDetailPage detail={detail} viewer={adminViewer(c)} threshold={pipeline.config.qaThreshold} notice={c.req.valid("query").done} />,
		);
	})
	.post("/:id/retry", validate("param", IdParams), async (c) => {
		const product = await retryProduct(c.var.deps.pipeline, c.req.valid("param").id);
		return c.redirect(`/admin/products/${encodeURIComponent(product.id)}?done=retried`, 303);
	})
	.post("/:id/unpublish", validate("param", IdParams), validate("form", ReasonForm), async (c) => {
		const reason = c.req.valid("form").reason ?? `unpublished from the dashboard by ${adminViewer(c).subject}`;
		const product = await unpublishProduct(c.var.deps.pipeline, c.req.valid("param").id, reason);
		return c.redirect(`/admin/products/${encodeURIComponent(product.id)}?done=unpublished`, 303);
	})
	.post("/:id/publish", validate("param", IdParams), async (c) => {
		const reason = `published again from the dashboard by ${adminViewer(c).subject}`;
		const product = await republishProduct(c.var.deps.pipeline, c.req.valid("param").id, reason);
		return c.redirect(`/admin/products/${encodeURIComponent(product.id)}?done=published`, 303);
	});
