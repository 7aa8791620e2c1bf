import { Hono } from "hono";
import { z } from "zod";
import { requireUser, signedInUser } from "../accounts/guards";
import { currentUser } from "../accounts/sessions";
import type { AppEnv } from "../app-env";
import { generationView, listUserGenerations, setGenerationVisibility, visibleGeneration } from "../generation/queries";
import { validate } from "../lib/validate";
import { GenerationVisibility } from "../shared/styles";

const IdParams = z.object({ id: z.string().min(1).max(64) });
const VisibilityBody = z.object({ visibility: GenerationVisibility });
export const PageQuery = z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(100).default(24) });

/** `/api/generations`: the signed-in user's generations (and public ones by id). */
export const generationsApi = new Hono<AppEnv>()
	.get("/", requireUser, validate("query", PageQuery), async (c) => {
		const { items, nextCursor } = await listUserGenerations(c.var.deps.db, signedInUser(c).user.id, c.req.valid("query"));
		return c.json({ generations: items.map(generationView), next_cursor: nextCursor }, 200, { "Cache-Control": "no-store" });
	})
	.get("/:id", validate("param", IdParams), async (c) => {
		// Signed in or not: a public, completed generation is anyone's to see.
		const { db, now } = c.var.deps;
		const viewer = await currentUser(c, db, now());
		const row = await visibleGeneration(db, c.req.valid("param").id, viewer?.user.id ?? null);
		return c.json({ generation: generationView(row) }, 200, { "Cache-Control": "no-store" });
	})
	.post("/:id/visibility", requireUser, validate("param", IdParams), validate("json", VisibilityBody), async (c) => {
		const { db, now } = c.var.deps;
		const row = await setGenerationVisibility(db, signedInUser(c).user.id, c.req.valid("param").id, c.req.valid("json").visibility, now());
		return c.json({ generation: generationView(row) });
	});
