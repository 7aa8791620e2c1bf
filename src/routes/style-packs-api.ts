import { Hono } from "hono";
import { z } from "zod";
import { requireArtist, requireUser, signedInUser } from "../accounts/guards";
import type { AppEnv } from "../app-env";
import { validate } from "../lib/validate";
import { productView } from "../pipeline/views";
import { CreateStylePackRequest } from "../shared/style-packs";
import { createStylePack, ownStyleForPacks } from "../style-packs/create";
import { listStylePacks } from "../style-packs/list";

const StyleParams = z.object({ id: z.string().min(1).max(64) });

/** `/api/styles/:id/packs`: an artist's style packs of their own style. */
export const stylePacksApi = new Hono<AppEnv>()
	.use(requireUser, requireArtist)
	.post("/", validate("param", StyleParams), validate("json", CreateStylePackRequest), async (c) => {
		const request = c.req.valid("json");
		// Written in the artist's language: the body's, else the request's.
		const language = request.language ?? c.var.i18n.locale;
		const product = await createStylePack(c.var.deps.pipeline, signedInUser(c).user.id, c.req.valid("param").id, { ...request, language });
		return c.json({ product: productView(product) }, 201);
	})
	.get("/", validate("param", StyleParams), async (c) => {
		const { db } = c.var.deps;
		const style = await ownStyleForPacks(db, c.req.valid("param").id, signedInUser(c).user.id);
		return c.json({ packs: await listStylePacks(db, style.id) });
	});
