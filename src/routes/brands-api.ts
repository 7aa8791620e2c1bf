import { Hono } from "hono";
import { z } from "zod";
import { requireUser, signedInUser } from "../accounts/guards";
import type { AppEnv } from "../app-env";
import { validate } from "../lib/validate";
import { BrandCreate, BrandUpdate, brandView, createBrand, deleteBrand, listBrands, ownBrand, updateBrand } from "../video/brands/brands";

const IdParams = z.object({ id: z.string().min(1).max(64) });
const NO_STORE = { "Cache-Control": "no-store" };

/**
 * `/api/brand-profiles` (docs/video.md "Library"): the signed-in user's brand profiles. Each is
 * its owner's alone: anyone else's id is `404`. Answers `{brand_profiles}` or `{brand_profile}`.
 */
export const brandsApi = new Hono<AppEnv>()
	.get("/", requireUser, async (c) => {
		const rows = await listBrands(c.var.deps.video.db, signedInUser(c).user.id);
		return c.json({ brand_profiles: rows.map(brandView) }, 200, NO_STORE);
	})
	.post("/", requireUser, validate("json", BrandCreate), async (c) => {
		const { db, now } = c.var.deps.video;
		const row = await createBrand(db, signedInUser(c).user.id, c.req.valid("json"), now());
		return c.json({ brand_profile: brandView(row) }, 201);
	})
	.get("/:id", requireUser, validate("param", IdParams), async (c) => {
		const row = await ownBrand(c.var.deps.video.db, signedInUser(c).user.id, c.req.valid("param").id);
		return c.json({ brand_profile: brandView(row) }, 200, NO_STORE);
	})
	.patch("/:id", requireUser, validate("param", IdParams), validate("json", BrandUpdate), async (c) => {
		const { db, now } = c.var.deps.video;
		const row = await updateBrand(db, signedInUser(c).user.id, c.req.valid("param").id, c.req.valid("json"), now());
		return c.json({ brand_profile: brandView(row) });
	})
	.delete("/:id", requireUser, validate("param", IdParams), async (c) => {
		await deleteBrand(c.var.deps.video.db, signedInUser(c).user.id, c.req.valid("param").id);
		return c.body(null, 204);
	});
