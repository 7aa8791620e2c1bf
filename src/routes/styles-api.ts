import { Hono } from "hono";
import { z } from "zod";
import { requireArtist, requireUser, signedInUser } from "../accounts/guards";
import { currentUser } from "../accounts/sessions";
import type { AppEnv } from "../app-env";
import { validate } from "../lib/validate";
import { createStyle } from "../styles/create-style";
import { deleteStyle } from "../styles/delete-style";
import { listMarketplace, MarketplaceQuery } from "../styles/marketplace";
import { parseInput, requestFields, requestForm } from "../styles/parse-input";
import { setSignature } from "../styles/signature";
import { startTraining } from "../styles/start-training";
import { CreateStyleInput, UpdateStyleInput } from "../styles/style-input";
import { ownStyle, type StyleDeps, trainingJob, visibleStyle } from "../styles/style-queries";
import { ownerStyleJson, publicStyleJson, styleImageJson } from "../styles/style-view";
import { addTrainingImages, filesOfField, listTrainingImages, readTrainingImage, removeTrainingImage } from "../styles/training-images";
import { updateStyle } from "../styles/update-style";

const IdParams = z.object({ id: z.string().min(1).max(64) });
const ImageParams = z.object({ id: z.string().min(1).max(64), imageId: z.string().min(1).max(64) });

/** The signed-in user, if any, for routes anyone may call but owners see more of. */
async function viewerId(c: Parameters<typeof requireUser>[0]): Promise<string | undefined> {
	return (await currentUser(c, c.var.deps.db, c.var.deps.now()))?.user.id;
}

/** The artist behind `requireUser` + `requireArtist`. */
function artistOf(c: { var: AppEnv["Variables"] }) {
	return signedInUser(c).user;
}

/** The owner's view of a style, with its training job's progress. */
async function ownerJson(deps: StyleDeps, style: Parameters<typeof ownerStyleJson>[0], artistName: string) {
	return ownerStyleJson(style, artistName, await trainingJob(deps.db, style));
}

/**
 * `/api/styles`: the marketplace (anyone) and the artist's style API. Writes are artists-only
 * (`requireUser` + `requireArtist` → `403 ARTIST_ONLY` for users), and each acts on the
 * artist's own styles only: someone else's style is a 404, as if it did not exist.
 */
export const stylesApi = new Hono<AppEnv>()
	.get("/", validate("query", MarketplaceQuery), async (c) => {
		const page = await listMarketplace(c.var.deps.db, c.req.valid("query"));
		return c.json({ styles: page.styles, next_cursor: page.nextCursor });
	})
	.post("/", requireUser, requireArtist, async (c) => {
		const artist = artistOf(c);
		const input = parseInput(CreateStyleInput, await requestFields(c.req.raw));
		const { styles: deps, config } = c.var.deps;
		const style = await createStyle(deps.db, artist.id, input, config.styleLimitPerArtist, deps.now());
		return c.json({ style: await ownerJson(deps, style, artist.name) }, 201);
	})
	.get("/:id", validate("param", IdParams), async (c) => {
		const deps = c.var.deps.styles;
		const viewer = await viewerId(c);
		const { style, artistName } = await visibleStyle(deps.db, { id: c.req.valid("param").id }, viewer);
		return c.json({ style: style.artistId === viewer ? await ownerJson(deps, style, artistName) : publicStyleJson(style, artistName) });
	})
	.patch("/:id", requireUser, requireArtist, validate("param", IdParams), async (c) => {
		const artist = artistOf(c);
		const input = parseInput(UpdateStyleInput, await requestFields(c.req.raw));
		const deps = c.var.deps.styles;
		const style = await updateStyle(deps, c.req.valid("param").id, artist.id, input);
		return c.json({ style: await ownerJson(deps, style, artist.name) });
	})
	.put("/:id/signature", requireUser, requireArtist, validate("param", IdParams), async (c) => {
		const artist = artistOf(c);
		const [file] = await filesOfField(await requestForm(c.req.raw), "signature");
		const deps = c.var.deps.styles;
		const style = await setSignature(deps, c.req.valid("param").id, artist.id, file);
		return c.json({ style: await ownerJson(deps, style, artist.name) });
	})
	.get("/:id/images", requireUser, requireArtist, validate("param", IdParams), async (c) => {
		const artist = artistOf(c);
		const deps = c.var.deps.styles;
		const style = await ownStyle(deps.db, c.req.valid("param").id, artist.id);
		const images = await listTrainingImages(deps.db, style.id);
		return c.json({ images: images.map(styleImageJson), image_count: images.length });
	})
	.post("/:id/images", requireUser, requireArtist, validate("param", IdParams), async (c) => {
		const artist = artistOf(c);
		const files = await filesOfField(await requestForm(c.req.raw), "images");
		const result = await addTrainingImages(c.var.deps.styles, c.req.valid("param").id, artist.id, files);
		return c.json({ images: result.images.map(styleImageJson), image_count: result.imageCount }, 201);
	})
	.get("/:id/images/:imageId", validate("param", ImageParams), async (c) => {
		const { id, imageId } = c.req.valid("param");
		const { image, body } = await readTrainingImage(c.var.deps.styles, id, await viewerId(c), imageId);
		// Private to the artist: never cached by shared caches, never sniffed into another type.
		return c.body(body, 200, {
			"Content-Type": image.contentType,
			"Content-Length": String(image.size),
			"Cache-Control": "private, max-age=300",
			"X-Content-Type-Options": "nosniff",
		});
	})
	.delete("/:id/images/:imageId", requireUser, requireArtist, validate("param", ImageParams), async (c) => {
		const { id, imageId } = c.req.valid("param");
		const result = await removeTrainingImage(c.var.deps.styles, id, artistOf(c).id, imageId);
		return c.json({ deleted: true, image_count: result.imageCount });
	})
	.post("/:id/train", requireUser, requireArtist, validate("param", IdParams), async (c) => {
		const artist = artistOf(c);
		const deps = c.var.deps.styles;
		const style = await startTraining(c.var.deps.gpu, c.req.valid("param").id, artist.id);
		return c.json({ style: await ownerJson(deps, style, artist.name) }, 202);
	})
	.delete("/:id", requireUser, requireArtist, validate("param", IdParams), async (c) => {
		await deleteStyle(c.var.deps.styles, c.req.valid("param").id, artistOf(c).id);
		return c.json({ deleted: true });
	});
