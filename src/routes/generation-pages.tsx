import { Hono } from "hono";
import { z } from "zod";
import { requireUser, signedInUser } from "../accounts/guards";
import { currentUser } from "../accounts/sessions";
import { loadViewer } from "../accounts/viewer";
import type { AppEnv } from "../app-env";
import { generationView, setGenerationVisibility, visibleGeneration } from "../generation/queries";
import { mintProgressToken } from "../gpu/progress-token";
import { AppError } from "../lib/errors";
import { validate } from "../lib/validate";
import { GenerationVisibility } from "../shared/styles";
import { GenerationPage } from "../views/me/generation-page";
import { renderPage } from "./render-page";

const IdParams = z.object({ id: z.string().min(1).max(64) });
/** Where the visibility switch sends the browser back: "my page" or the generation's own page, nowhere else. */
const VisibilityForm = z.object({
	visibility: GenerationVisibility,
	return_to: z
		.string()
		.regex(/^\/(me|generations\/[A-Za-z0-9_]{1,64})$/)
		.optional(),
});

/** `/generations/:id`: a generated image's page and its bytes (public ones for anyone, private ones for their owner). */
export const generationPages = new Hono<AppEnv>()
	.get("/:id", loadViewer, validate("param", IdParams), async (c) => {
		const { db, keys, now } = c.var.deps;
		const viewer = await currentUser(c, db, now());
		const row = await visibleGeneration(db, c.req.valid("param").id, viewer?.user.id ?? null);
		const owner =
			viewer && row.generation.userId === viewer.user.id
				? {
						csrfToken: viewer.session.csrfToken,
						progressToken: await mintProgressToken(keys.progress, { type: "user", id: viewer.user.id }, now()),
					}
				: undefined;
		c.header("Cache-Control", "private, no-store");
		return renderPage(c, <GenerationPage viewer={c.var.viewer} generation={generationView(row)} owner={owner} />);
	})
	.get("/:id/image", validate("param", IdParams), async (c) => {
		const { db, files, now } = c.var.deps;
		const viewer = await currentUser(c, db, now());
		const { generation } = await visibleGeneration(db, c.req.valid("param").id, viewer?.user.id ?? null);
		if (generation.status !== "completed" || !generation.r2Key || !generation.sha256) throw new AppError(404, "NOT_FOUND", "This image is not ready.");
		// A private image is for its owner's browser only; a public one may be cached briefly by anyone.
		const headers: Record<string, string> = {
			ETag: `"${generation.sha256}"`,
			"Cache-Control": generation.visibility === "public" ? "public, max-age=60" : "private, max-age=60",
			Vary: "Cookie",
			"X-Content-Type-Options": "nosniff",
		};
		const ifNoneMatch = c.req.header("If-None-Match") ?? "";
		if (ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === headers.ETag)) return c.body(null, 304, headers);
		const object = await files.get(generation.r2Key);
		if (!object) throw new AppError(404, "NOT_FOUND", "This image is not ready.");
		return c.body(object.body, 200, {
			...headers,
			"Content-Type": object.httpMetadata?.contentType ?? "image/png",
			"Content-Length": String(object.size),
			"Content-Disposition": `inline; filename="${generation.id}.png"`,
		});
	})
	.post("/:id/visibility", requireUser, validate("param", IdParams), validate("form", VisibilityForm), async (c) => {
		const form = c.req.valid("form");
		await setGenerationVisibility(c.var.deps.db, signedInUser(c).user.id, c.req.valid("param").id, form.visibility, c.var.deps.now());
		return c.redirect(form.return_to ?? "/me", 303);
	});
