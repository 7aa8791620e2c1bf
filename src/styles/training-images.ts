import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { styleImages } from "../db/schema";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { styleTrainingImageKey } from "../r2/keys";
import { type AcceptedImage, acceptImage } from "./accept-image";
import { MAX_TRAINING_IMAGES } from "./config";
import { displayFileName, imageExtension, TRAINING_IMAGE_LIMITS } from "./image-check";
import { ownStyle, type StyleDeps, type StyleRow } from "./style-queries";

/** A training image row as stored. */
export type StyleImageRow = typeof styleImages.$inferSelect;

/** An upload as the route reads it from the form. */
export type UploadedFile = { name: string; bytes: Uint8Array };

/** Statuses in which the training set may change: not while training, not once trained. */
const EDITABLE = ["pending", "failed"] as const;

function requireEditable(style: StyleRow): void {
	if (!(EDITABLE as readonly string[]).includes(style.status)) {
		throw new AppError(409, "CONFLICT", `Training images can only change before training or after it failed; this style is ${style.status}.`);
	}
}

type Prepared = AcceptedImage & { id: string; key: string };

/** Checks every file (type, size, pixels, duplicates) and strips its metadata before anything is stored. */
async function prepareUploads(db: Db, style: StyleRow, files: UploadedFile[]): Promise<Prepared[]> {
	if (files.length === 0) throw new AppError(422, "VALIDATION_FAILED", "images: choose at least one JPEG or PNG file.");
	if (style.imageCount + files.length > MAX_TRAINING_IMAGES) {
		throw new AppError(
			422,
			"VALIDATION_FAILED",
			`A style takes at most ${MAX_TRAINING_IMAGES} training images: it has ${style.imageCount}, and ${files.length} more would make ${style.imageCount + files.length}.`,
		);
	}
	const known = new Map(
		(await db.select({ sha256: styleImages.sha256, fileName: styleImages.fileName }).from(styleImages).where(eq(styleImages.styleId, style.id))).map((row) => [
			row.sha256,
			row.fileName,
		]),
	);
	const prepared: Prepared[] = [];
	for (const file of files) {
		const image = await acceptImage(file.name, file.bytes, TRAINING_IMAGE_LIMITS);
		// Compared stripped: the same picture twice (whatever its metadata) teaches the model nothing and would share one R2 object.
		const same = known.get(image.sha256);
		if (same !== undefined)
			throw new AppError(422, "VALIDATION_FAILED", `${image.fileName} is the same image as ${same}; each training image must be different.`);
		known.set(image.sha256, image.fileName);
		prepared.push({ ...image, id: newId("sim"), key: styleTrainingImageKey(style.id, image.sha256, imageExtension(image.type)) });
	}
	return prepared;
}

/**
 * Adds training images to a style the artist owns, all or nothing: every file is checked first
 * (`INVALID_IMAGE_FORMAT` / `IMAGE_SIZE_EXCEEDED` naming the file, more than 100 in all →
 * `VALIDATION_FAILED`), and if any fails nothing is stored. What is stored, hashed and counted
 * is each file with its metadata stripped (`acceptImage`). The rows go in one D1 batch whose
 * first statement re-checks status and count (a concurrent upload or a training start may have
 * moved them); each insert runs only if the statement before it changed a row, so the batch
 * stores all rows or none. Objects written for a batch that stored nothing are removed again.
 */
export async function addTrainingImages(
	deps: StyleDeps,
	styleId: string,
	artistId: string,
	files: UploadedFile[],
): Promise<{ images: StyleImageRow[]; imageCount: number }> {
	const style = await ownStyle(deps.db, styleId, artistId);
	requireEditable(style);
	const prepared = await prepareUploads(deps.db, style, files);
	const at = deps.now().toISOString();
	try {
		await Promise.all(
			prepared.map((image) => deps.files.put(image.key, image.bytes, { httpMetadata: { contentType: image.contentType }, sha256: image.sha256 })),
		);
	} catch (err) {
		await removeUnreferenced(
			deps,
			prepared.map((image) => image.key),
		);
		throw err;
	}

	// Raw D1 statements: the batch needs `changes()` chaining, which drizzle's batch cannot carry.
	const d1 = deps.db.$client;
	const gate = d1
		.prepare(
			`UPDATE styles SET updated_at = ?1 WHERE id = ?2 AND artist_id = ?3 AND status IN ('pending', 'failed')
			AND (SELECT COUNT(*) FROM style_images WHERE style_id = ?2) + ?4 <= ?5`,
		)
		.bind(at, styleId, artistId, prepared.length, MAX_TRAINING_IMAGES);
	const inserts = prepared.map((image) =>
		d1
			.prepare(
				`INSERT INTO style_images (id, style_id, file_name, r2_key, sha256, size, width, height, content_type, created_at)
				SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10 WHERE changes() = 1`,
			)
			.bind(image.id, styleId, image.fileName, image.key, image.sha256, image.size, image.width, image.height, image.contentType, at),
	);
	const recount = d1.prepare("UPDATE styles SET image_count = (SELECT COUNT(*) FROM style_images WHERE style_id = ?1) WHERE id = ?1").bind(styleId);
	const keys = prepared.map((image) => image.key);
	const [gateResult] = await d1.batch([gate, ...inserts, recount]).catch(async (err: unknown) => {
		await removeUnreferenced(deps, keys);
		throw err;
	});
	if (!gateResult || gateResult.meta.changes === 0) {
		await removeUnreferenced(deps, keys);
		const now = await ownStyle(deps.db, styleId, artistId);
		requireEditable(now);
		throw new AppError(422, "VALIDATION_FAILED", `A style takes at most ${MAX_TRAINING_IMAGES} training images; it has ${now.imageCount}.`);
	}
	const images = await listTrainingImages(deps.db, styleId);
	const ids = new Set(prepared.map((image) => image.id));
	return { images: images.filter((image) => ids.has(image.id)), imageCount: images.length };
}

/** Deletes R2 objects that no training image row points at (any more). */
async function removeUnreferenced(deps: StyleDeps, keys: string[]): Promise<void> {
	for (const key of keys) {
		const used = await deps.db.query.styleImages.findFirst({ columns: { id: true }, where: eq(styleImages.r2Key, key) });
		if (!used) await deps.files.delete(key);
	}
}

/** A style's training images in upload order (rowid keeps the order of one batch, whose rows share a time). */
export function listTrainingImages(db: Db, styleId: string): Promise<StyleImageRow[]> {
	return db.query.styleImages.findMany({ where: eq(styleImages.styleId, styleId), orderBy: [asc(styleImages.createdAt), sql`rowid`] });
}

/** Removes one training image (owner only, while the style is pending or failed), row first, then its object. */
export async function removeTrainingImage(deps: StyleDeps, styleId: string, artistId: string, imageId: string): Promise<{ imageCount: number }> {
	const style = await ownStyle(deps.db, styleId, artistId);
	requireEditable(style);
	const image = await deps.db.query.styleImages.findFirst({ where: and(eq(styleImages.id, imageId), eq(styleImages.styleId, styleId)) });
	if (!image) throw new AppError(404, "NOT_FOUND", "No such training image.");
	const d1 = deps.db.$client;
	const [deleted] = await d1.batch([
		d1
			.prepare("DELETE FROM style_images WHERE id = ?1 AND style_id = ?2 AND (SELECT status FROM styles WHERE id = ?2) IN ('pending', 'failed')")
			.bind(imageId, styleId),
		d1
			.prepare("UPDATE styles SET image_count = (SELECT COUNT(*) FROM style_images WHERE style_id = ?1), updated_at = ?2 WHERE id = ?1")
			.bind(styleId, deps.now().toISOString()),
	]);
	if (!deleted || deleted.meta.changes === 0) requireEditable(await ownStyle(deps.db, styleId, artistId));
	await removeUnreferenced(deps, [image.r2Key]);
	const after = await ownStyle(deps.db, styleId, artistId);
	return { imageCount: after.imageCount };
}

/** The bytes of a training image, for the artist who owns the style only (404 for anyone else). */
export async function readTrainingImage(deps: StyleDeps, styleId: string, viewerId: string | undefined, imageId: string) {
	const notFound = new AppError(404, "NOT_FOUND", "No such training image.");
	if (!viewerId) throw notFound;
	await ownStyle(deps.db, styleId, viewerId).catch(() => {
		throw notFound;
	});
	const image = await deps.db.query.styleImages.findFirst({ where: and(eq(styleImages.id, imageId), eq(styleImages.styleId, styleId)) });
	const object = image ? await deps.files.get(image.r2Key) : null;
	if (!image || !object) throw notFound;
	return { image, body: object.body };
}

/** Reads the files of a multipart field, with their client names (display-safe). */
export async function filesOfField(form: FormData, field: string): Promise<UploadedFile[]> {
	const files: UploadedFile[] = [];
	for (const value of form.getAll(field)) {
		if (typeof value === "string") {
			if (value === "") continue;
			throw new AppError(422, "VALIDATION_FAILED", `${field}: expected files, got text.`);
		}
		// A form submitted with no file chosen sends one empty, nameless part.
		if (value.size === 0 && value.name === "") continue;
		files.push({ name: displayFileName(value.name), bytes: new Uint8Array(await value.arrayBuffer()) });
	}
	return files;
}
