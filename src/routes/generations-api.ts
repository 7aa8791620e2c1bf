import { Hono } from "hono";
import { z } from "zod";
import { requireUser } from "../accounts/guards";
import { currentUser } from "../accounts/sessions";
import type { AppEnv } from "../app-env";
import { getDb } from "../db/client";
import { generationView, listPublicGenerations, listUserGenerations, setGenerationVisibility, visibleGeneration } from "../generation/queries";
import { generationDepsFromEnv, queueGeneration } from "../generation/queue";
import { AppError } from "../lib/errors";
import { validate } from "../lib/validate";
import { ImageAspect } from "../shared/gpu-jobs";
import { GenerationVisibility } from "../shared/styles";

const IdParams = z.object({ id: z.string().min(1).max(64) });
/** The prompt is checked and normalised by `normalizePrompt` (422); here only its type and a size bound. */
const GenerateBody = z.object({ prompt: z.string().max(20_000), aspect: ImageAspect.default("1:1") });
const VisibilityBody = z.object({ visibility: GenerationVisibility });
const PageQuery = z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(100).default(24) });

/** The signed-in user, set by `requireUser`. */
function signedInUser(user: AppEnv["Variables"]["user"]) {
	if (!user) throw new AppError(401, "UNAUTHORIZED", "Sign in first.");
	return user;
}

/**
 * Mounted at `/api`: generating in a style, and the public feed. The guard is per route, not
 * `use()`, because a middleware of a sub-app mounted at `/api` would run for every API route.
 */
export const styleGenerationsApi = new Hono<AppEnv>()
	.post("/styles/:id/generations", requireUser, validate("param", IdParams), validate("json", GenerateBody), async (c) => {
		const db = getDb(c.env.DB);
		const generation = await queueGeneration(generationDepsFromEnv(c.env, db), signedInUser(c.var.user), c.req.valid("param").id, c.req.valid("json"));
		return c.json({ generation: generationView(await visibleGeneration(db, generation.id, generation.userId)) }, 202);
	})
	.get("/feed", validate("query", PageQuery), async (c) => {
		const { items, nextCursor } = await listPublicGenerations(getDb(c.env.DB), c.req.valid("query"));
		return c.json({ generations: items.map(generationView), next_cursor: nextCursor }, 200, { "Cache-Control": "no-store" });
	});

/** Mounted at `/api/generations`: the signed-in user's generations (and public ones by id). */
export const generationsApi = new Hono<AppEnv>()
	.get("/", requireUser, validate("query", PageQuery), async (c) => {
		const { items, nextCursor } = await listUserGenerations(getDb(c.env.DB), signedInUser(c.var.user).id, c.req.valid("query"));
		return c.json({ generations: items.map(generationView), next_cursor: nextCursor }, 200, { "Cache-Control": "no-store" });
	})
	.get("/:id", validate("param", IdParams), async (c) => {
		// Signed in or not: a public, completed generation is anyone's to see.
		const db = getDb(c.env.DB);
		const viewer = await currentUser(c, db, new Date());
		const row = await visibleGeneration(db, c.req.valid("param").id, viewer?.user.id ?? null);
		return c.json({ generation: generationView(row) }, 200, { "Cache-Control": "no-store" });
	})
	.post("/:id/visibility", requireUser, validate("param", IdParams), validate("json", VisibilityBody), async (c) => {
		const db = getDb(c.env.DB);
		const row = await setGenerationVisibility(db, signedInUser(c.var.user).id, c.req.valid("param").id, c.req.valid("json").visibility, new Date());
		return c.json({ generation: generationView(row) });
	});
