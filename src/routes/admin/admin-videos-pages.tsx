import { z } from "zod";
import { validate } from "../../lib/validate";
import { PublishVideoProductRequest } from "../../shared/video-product";
import { publishProjectAsProduct } from "../../video/product/publish";
import { sellableVideos } from "../../video/product/sellable";
import { AdminVideosPage } from "../../views/video/product/admin-videos";
import { renderPage } from "../render-page";
import { adminRoutes, adminViewer, blank, IdParams, requireSession } from "./admin-shell";

/** "9", "9.9", "9.99" → cents, without floating-point rounding. */
function dollarsToCents(price: string): number {
	const [whole = "0", fraction = ""] = price.split(".");
	return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

/** The publish form: a price in dollars and an optional title, then the API's own schema. */
const PublishForm = z
	.object({
		price: z
			.string()
			.trim()
			.regex(/^\d{1,6}(\.\d{1,2})?$/, "a price in dollars such as 9 or 9.99"),
		title: z.preprocess(blank, z.string().optional()),
	})
	.transform((form): z.input<typeof PublishVideoProductRequest> => ({ price_cents: dollarsToCents(form.price), ...(form.title ? { title: form.title } : {}) }))
	.pipe(PublishVideoProductRequest);

/** `/admin/videos`: the shop's own ready videos and the "publish as product" button (the API's `POST /api/projects/:id/publish-product`). */
export const adminVideoPages = adminRoutes()
	.use(requireSession)
	.get("/", async (c) => {
		const { db, config } = c.var.deps;
		return renderPage(c, <AdminVideosPage videos={await sellableVideos(db, config.adminEmails)} viewer={adminViewer(c)} />);
	})
	.post("/:id/publish", validate("param", IdParams), validate("form", PublishForm), async (c) => {
		const { pipeline, config } = c.var.deps;
		const product = await publishProjectAsProduct(pipeline, c.req.valid("param").id, c.req.valid("form"), config.adminEmails);
		// The product's page in the dashboard shows its pipeline going through QA1, package, QA2 and publish.
		return c.redirect(`/admin/products/${encodeURIComponent(product.id)}`, 303);
	});
