import { Hono } from "hono";
import { z } from "zod";
import { requireArtist, requireUser } from "../accounts/guards";
import type { AppEnv } from "../app-env";
import { AppError } from "../lib/errors";
import { validate } from "../lib/validate";
import { pipelineDeps } from "../pipeline/deps";
import { productView } from "../pipeline/views";
import { CreateStylePackRequest } from "../shared/style-packs";
import { createStylePack, ownStyleForPacks } from "../style-packs/create";
import { listStylePacks } from "../style-packs/list";

const StyleParams = z.object({ id: z.string().min(1).max(64) });

/** The artist behind `requireUser` + `requireArtist`. */
function artistOf(c: { var: AppEnv["Variables"] }) {
	const user = c.var.user;
	if (!user) throw new AppError(401, "UNAUTHORIZED", "Sign in first.");
	return user;
}

/**
 * `/api/styles/:id/packs`: an artist's style packs of their own style. Guards sit on each route,
 * not in `use()`, because this sub-app shares the `/api/styles` prefix with the marketplace,
 * whose public routes a prefix-wide middleware would close.
 */
export const stylePacksApi = new Hono<AppEnv>()
	.post("/:id/packs", requireUser, requireArtist, validate("param", StyleParams), validate("json", CreateStylePackRequest), async (c) => {
		const product = await createStylePack(pipelineDeps(c.env), artistOf(c).id, c.req.valid("param").id, c.req.valid("json"));
		return c.json({ product: productView(product) }, 201);
	})
	.get("/:id/packs", requireUser, requireArtist, validate("param", StyleParams), async (c) => {
		const { db } = pipelineDeps(c.env);
		const style = await ownStyleForPacks(db, c.req.valid("param").id, artistOf(c).id);
		return c.json({ packs: await listStylePacks(db, style.id) });
	});
