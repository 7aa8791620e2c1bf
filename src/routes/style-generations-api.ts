import { Hono } from "hono";
import { z } from "zod";
import { requireUser, signedInUser } from "../accounts/guards";
import type { AppEnv } from "../app-env";
import { generationView, visibleGeneration } from "../generation/queries";
import { queueGeneration } from "../generation/queue";
import { validate } from "../lib/validate";
import { ImageAspect } from "../shared/gpu-jobs";

const StyleParams = z.object({ id: z.string().min(1).max(64) });
/** The prompt is checked and normalised by `normalizePrompt` (422); here only its type and a size bound. */
const GenerateBody = z.object({ prompt: z.string().max(20_000), aspect: ImageAspect.default("1:1") });

/** `POST /api/styles/:id/generations`: a signed-in user generates an image in a style, for its price in credits. */
export const styleGenerationsApi = new Hono<AppEnv>().post("/", requireUser, validate("param", StyleParams), validate("json", GenerateBody), async (c) => {
	const { generation: deps, db } = c.var.deps;
	const generation = await queueGeneration(deps, signedInUser(c).user, c.req.valid("param").id, c.req.valid("json"));
	return c.json({ generation: generationView(await visibleGeneration(db, generation.id, generation.userId)) }, 202);
});
