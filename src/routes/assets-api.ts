import { Hono } from "hono";
import { z } from "zod";
import { requireUser, signedInUser } from "../accounts/guards";
import type { AppEnv } from "../app-env";
import { enforceRateLimit } from "../lib/rate-limit";
import { validate } from "../lib/validate";
import { formFields, parseInput, requestForm } from "../styles/parse-input";
import { filesOfField } from "../styles/training-images";
import { AssetQuery, AssetUpdate, AssetUploadFields, assetView, deleteAsset, listAssets, ownAsset, updateAsset, uploadAssets } from "../video/assets/assets";
import { AssetGenerate, generateAsset } from "../video/assets/generate";
import { streamStoredFile } from "../video/projects/stream";

const IdParams = z.object({ id: z.string().min(1).max(64) });
const NO_STORE = { "Cache-Control": "no-store" };

/**
 * `/api/assets` (docs/video.md "Library"): the signed-in user's asset library. Uploads are
 * multipart (`files`, one or many; `folder`, `tags`), typed by their bytes, at most 20 MB each,
 * and refused whole with `402 PLAN_LIMIT_REACHED` when they would pass the plan's storage;
 * `POST /generate` asks the GPU gateway for an image that lands in the library. Another user's
 * asset is `404`.
 */
export const assetsApi = new Hono<AppEnv>()
	.get("/", requireUser, validate("query", AssetQuery), async (c) => {
		const page = await listAssets(c.var.deps.video.db, signedInUser(c).user.id, c.req.valid("query"));
		return c.json({ ...page, assets: page.assets.map(assetView) }, 200, NO_STORE);
	})
	.post("/", requireUser, async (c) => {
		const { user } = signedInUser(c);
		const form = await requestForm(c.req.raw);
		const fields = parseInput(AssetUploadFields, formFields(form));
		const files = await filesOfField(form, "files");
		const { db, files: bucket, now } = c.var.deps.video;
		const rows = await uploadAssets({ db, files: bucket, now }, user.id, files, fields);
		return c.json({ assets: rows.map(assetView) }, 201);
	})
	.post("/generate", requireUser, validate("json", AssetGenerate), async (c) => {
		const { user } = signedInUser(c);
		const video = c.var.deps.video;
		await enforceRateLimit(video.limiter, `video:${user.id}`, video.config.rateLimit, video.now().getTime());
		const { assetId, jobId } = await generateAsset(
			{ db: video.db, files: video.files, gpu: video.gpu, prices: video.config.prices, now: video.now },
			user.id,
			c.req.valid("json"),
		);
		return c.json({ status: "processing", asset_id: assetId, job_id: jobId }, 202);
	})
	.get("/:id", requireUser, validate("param", IdParams), async (c) => {
		const row = await ownAsset(c.var.deps.video.db, signedInUser(c).user.id, c.req.valid("param").id);
		return c.json({ asset: assetView(row) }, 200, NO_STORE);
	})
	.patch("/:id", requireUser, validate("param", IdParams), validate("json", AssetUpdate), async (c) => {
		const { db, now } = c.var.deps.video;
		const row = await updateAsset(db, signedInUser(c).user.id, c.req.valid("param").id, c.req.valid("json"), now());
		return c.json({ asset: assetView(row) });
	})
	.delete("/:id", requireUser, validate("param", IdParams), async (c) => {
		await deleteAsset(c.var.deps.video, signedInUser(c).user.id, c.req.valid("param").id);
		return c.body(null, 204);
	})
	.on(["GET", "HEAD"], "/:id/file", requireUser, validate("param", IdParams), async (c) => {
		const row = await ownAsset(c.var.deps.video.db, signedInUser(c).user.id, c.req.valid("param").id);
		return streamStoredFile(c.var.deps.video.files, { key: row.r2Key, sha256: row.sha256, size: row.size, contentType: row.contentType }, c.req.raw);
	});
