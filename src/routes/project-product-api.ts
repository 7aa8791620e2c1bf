import { Hono } from "hono";
import { z } from "zod";
import { requireAdmin } from "../admin/admin-auth";
import type { AppEnv } from "../app-env";
import { validate } from "../lib/validate";
import { productView } from "../pipeline/views";
import { PublishVideoProductRequest } from "../shared/video-product";
import { publishProjectAsProduct } from "../video/product/publish";

const ProjectParams = z.object({ id: z.string().min(1).max(64) });

/**
 * `POST /api/projects/:id/publish-product` (admin API key or admin session): a ready video
 * project of the shop's own (its owner is one of ADMIN_EMAILS) becomes a `short_video` product. Mounted at `/api/projects` before
 * the user routes there; the admin guard is on this route alone, so it never guards theirs.
 */
export const projectProductApi = new Hono<AppEnv>().post(
	"/:id/publish-product",
	requireAdmin,
	validate("param", ProjectParams),
	validate("json", PublishVideoProductRequest),
	async (c) => {
		const { pipeline, config } = c.var.deps;
		const product = await publishProjectAsProduct(pipeline, c.req.valid("param").id, c.req.valid("json"), config.adminEmails);
		return c.json({ product: productView(product) }, 201);
	},
);
