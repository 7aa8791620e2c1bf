import { and, count, desc, eq, like, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { assets } from "../../db/video-schema";
import { AppError } from "../../lib/errors";
import { sha256Hex } from "../../lib/hash";
import { newId } from "../../lib/ids";
import { stripImageMetadata } from "../../lib/image-metadata";
import type { AssetSource } from "../../shared/video";
import type { UploadedFile } from "../../styles/training-images";
import { currentPlan } from "../plans";
import { planLimitReached, storageBytesOf } from "../usage/meter";
import { type AssetKind, sniffMedia } from "./sniff";

export type AssetRow = typeof assets.$inferSelect;

const MIB = 1024 * 1024;
/** One asset file: at most 20 MB. */
export const MAX_ASSET_BYTES = 20 * MIB;
/** One upload request: at most 60 MB of files (src/routes/body-limits.ts), and 20 files. */
export const ASSET_UPLOAD_BATCH_BYTES = 60 * MIB;
export const MAX_ASSET_FILES = 20;

/** A folder path: up to three segments of letters, digits, spaces, `_ . -`, separated by `/`; `""` is the top. */
export const AssetFolder = z
	.string()
	.trim()
	.max(100)
	.regex(/^$|^[\p{L}\p{N} _.-]{1,40}(\/[\p{L}\p{N} _.-]{1,40}){0,2}$/u, "a folder like brand/logos (letters, digits, spaces, _ . -)")
	.refine((folder) => !folder.split("/").some((segment) => /^[ .]+$/.test(segment)), "a folder's name cannot be only dots or spaces");

/** Tags: up to 10, each 1–30 characters, kept lowercase and once each. A form may send them comma-separated. */
export const AssetTags = z
	.union([z.string(), z.array(z.string())])
	.transform((value) => (Array.isArray(value) ? value : value.split(",")))
	.pipe(z.array(z.string().trim().max(30)).transform((tags) => [...new Set(tags.map((tag) => tag.toLowerCase()).filter((tag) => tag !== ""))]))
	.pipe(z.array(z.string()).max(10));

/** The fields that come with an upload. */
export const AssetUploadFields = z.object({ folder: AssetFolder.default(""), tags: AssetTags.default([]) });

/** `PATCH /api/assets/:id`: rename, move, tag. */
export const AssetUpdate = z
	.strictObject({
		name: z.string().trim().min(1).max(120).optional(),
		folder: AssetFolder.optional(),
		tags: AssetTags.optional(),
	})
	.meta({ example: { name: "매장 전경.png", folder: "brand/photos", tags: ["매장", "intro"] } });
export type AssetUpdate = z.infer<typeof AssetUpdate>;

/** `GET /api/assets` filters. */
export const AssetQuery = z
	.object({
		folder: AssetFolder.optional(),
		tag: z.string().trim().min(1).max(30).optional(),
		q: z.string().trim().min(1).max(100).optional(),
		type: z.enum(["image", "audio", "video"]).optional(),
		page: z.coerce.number().int().min(1).max(10_000).default(1),
		limit: z.coerce.number().int().min(1).max(100).default(24),
	})
	.meta({ example: { folder: "brand/logos", tag: "logo", q: "매장", type: "image", page: 1, limit: 24 } });
export type AssetQuery = z.infer<typeof AssetQuery>;

/** The R2 key of a library file: content-addressed under its owner. */
export function assetKey(userId: string, sha256: string, ext: string): string {
	return `assets/${userId}/${sha256}.${ext}`;
}

function tagsOf(row: AssetRow): string[] {
	const parsed = z.array(z.string()).safeParse(JSON.parse(row.tags));
	return parsed.success ? parsed.data : [];
}

export function assetKindOf(contentType: string): AssetKind {
	return contentType.startsWith("audio/") ? "audio" : contentType.startsWith("video/") ? "video" : "image";
}

/** The API's asset shape. */
export function assetView(row: AssetRow) {
	return {
		id: row.id,
		name: row.name,
		folder: row.folder,
		tags: tagsOf(row),
		type: assetKindOf(row.contentType),
		content_type: row.contentType,
		size: row.size,
		sha256: row.sha256,
		source: row.source,
		url: `/api/assets/${row.id}/file`,
		created_at: row.createdAt,
		updated_at: row.updatedAt,
	};
}
export type AssetView = ReturnType<typeof assetView>;

const notFound = () => new AppError(404, "NOT_FOUND", "No such asset.");

/** An accepted file: its bytes (images without metadata), type and hash. */
type AcceptedAsset = { name: string; bytes: Uint8Array; contentType: string; ext: string; sha256: string };

/**
 * Checks one uploaded file: its type by its bytes (`400 VALIDATION_FAILED` for anything the
 * library does not keep), at most 20 MB (`413 PAYLOAD_TOO_LARGE`); a PNG or JPEG loses its
 * metadata (a phone's location) before it is stored.
 */
export async function acceptAsset(file: UploadedFile): Promise<AcceptedAsset> {
	if (file.bytes.byteLength > MAX_ASSET_BYTES) {
		throw new AppError(413, "PAYLOAD_TOO_LARGE", `${file.name} is larger than 20 MB (${MAX_ASSET_BYTES} bytes).`);
	}
	const media = sniffMedia(file.bytes);
	if (!media) throw new AppError(400, "VALIDATION_FAILED", `${file.name} is not a PNG, JPEG, WebP, WAV, MP3 or MP4 file.`);
	let bytes = file.bytes;
	if (media.contentType === "image/png" || media.contentType === "image/jpeg") {
		const stripped = stripImageMetadata(bytes);
		if (!stripped.ok) throw new AppError(400, "VALIDATION_FAILED", `${file.name} is not a readable ${media.ext.toUpperCase()} image.`);
		bytes = stripped.bytes;
	}
	return { name: file.name, bytes, contentType: media.contentType, ext: media.ext, sha256: await sha256Hex(bytes) };
}

/** What an upload or a generated image needs. */
export type AssetDeps = { db: Db; files: R2Bucket; now: () => Date };

/** `402 PLAN_LIMIT_REACHED` (storage) when `adding` more bytes would pass the plan's storage. */
export async function assertStorageFor(db: Db, userId: string, adding: number, now: Date): Promise<void> {
	const plan = await currentPlan(db, userId, now);
	if ((await storageBytesOf(db, userId)) + adding > plan.limits.storageBytes) throw planLimitReached("storage", plan);
}

/**
 * Adds uploaded files to the user's library: every file is checked and the plan's storage is
 * counted for all of them before anything is stored, so a refused upload stores nothing.
 */
export async function uploadAssets(deps: AssetDeps, userId: string, files: UploadedFile[], fields: z.infer<typeof AssetUploadFields>): Promise<AssetRow[]> {
	if (files.length === 0) throw new AppError(422, "VALIDATION_FAILED", "files: choose at least one file.");
	if (files.length > MAX_ASSET_FILES) throw new AppError(422, "VALIDATION_FAILED", `files: at most ${MAX_ASSET_FILES} files at once.`);
	const accepted: AcceptedAsset[] = [];
	for (const file of files) accepted.push(await acceptAsset(file));
	const now = deps.now();
	await assertStorageFor(
		deps.db,
		userId,
		accepted.reduce((sum, file) => sum + file.bytes.byteLength, 0),
		now,
	);
	const at = now.toISOString();
	const rows: AssetRow[] = [];
	for (const file of accepted) {
		const r2Key = assetKey(userId, file.sha256, file.ext);
		await deps.files.put(r2Key, file.bytes, { httpMetadata: { contentType: file.contentType }, sha256: file.sha256 });
		rows.push(
			await insertAsset(
				deps.db,
				{
					id: newId("asset"),
					userId,
					name: file.name,
					folder: fields.folder,
					tags: fields.tags,
					contentType: file.contentType,
					size: file.bytes.byteLength,
					sha256: file.sha256,
					r2Key,
					source: "upload",
				},
				at,
			),
		);
	}
	return rows;
}

/** One new library row. */
export async function insertAsset(
	db: Db,
	asset: {
		id: string;
		userId: string;
		name: string;
		folder: string;
		tags: string[];
		contentType: string;
		size: number;
		sha256: string;
		r2Key: string;
		source: AssetSource;
	},
	at: string,
): Promise<AssetRow> {
	const [row] = await db
		.insert(assets)
		.values({ ...asset, tags: JSON.stringify(asset.tags), createdAt: at, updatedAt: at })
		.onConflictDoNothing({ target: assets.id })
		.returning();
	if (row) return row;
	const existing = await db.query.assets.findFirst({ where: eq(assets.id, asset.id) });
	if (!existing) throw new Error("The asset was not stored.");
	return existing;
}

/** `LIKE` with the user's `%` and `_` taken literally. */
function likeEscaped(text: string): string {
	return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The user's library, filtered and paged, newest first, with every folder they use. */
export async function listAssets(db: Db, userId: string, query: AssetQuery) {
	const conditions = [eq(assets.userId, userId)];
	if (query.folder !== undefined) conditions.push(eq(assets.folder, query.folder));
	if (query.tag) conditions.push(sql`exists (select 1 from json_each(${assets.tags}) where value = ${query.tag.toLowerCase()})`);
	if (query.q) conditions.push(sql`${assets.name} like ${likeEscaped(query.q)} escape '\\'`);
	if (query.type) conditions.push(like(assets.contentType, `${query.type}/%`));
	const where = and(...conditions);
	const [rows, total, folders] = await db.batch([
		db
			.select()
			.from(assets)
			.where(where)
			.orderBy(desc(assets.createdAt), desc(assets.id))
			.limit(query.limit)
			.offset((query.page - 1) * query.limit),
		db.select({ n: count() }).from(assets).where(where),
		db
			.selectDistinct({ folder: assets.folder })
			.from(assets)
			.where(and(eq(assets.userId, userId), ne(assets.folder, "")))
			.orderBy(assets.folder),
	]);
	return { assets: rows, total: Number(total[0]?.n ?? 0), page: query.page, limit: query.limit, folders: folders.map((row) => row.folder) };
}

/** One of the user's assets; another user's is `404`. */
export async function ownAsset(db: Db, userId: string, assetId: string): Promise<AssetRow> {
	const row = await db.query.assets.findFirst({ where: and(eq(assets.id, assetId), eq(assets.userId, userId)) });
	if (!row) throw notFound();
	return row;
}

export async function updateAsset(db: Db, userId: string, assetId: string, input: AssetUpdate, now: Date): Promise<AssetRow> {
	const [row] = await db
		.update(assets)
		.set({
			...(input.name !== undefined && { name: input.name }),
			...(input.folder !== undefined && { folder: input.folder }),
			...(input.tags !== undefined && { tags: JSON.stringify(input.tags) }),
			updatedAt: now.toISOString(),
		})
		.where(and(eq(assets.id, assetId), eq(assets.userId, userId)))
		.returning();
	if (!row) throw notFound();
	return row;
}

/** Deletes the user's asset and its R2 object, unless another of their rows holds the same bytes (same key). */
export async function deleteAsset(deps: { db: Db; files: R2Bucket }, userId: string, assetId: string): Promise<void> {
	const [row] = await deps.db
		.delete(assets)
		.where(and(eq(assets.id, assetId), eq(assets.userId, userId)))
		.returning();
	if (!row) throw notFound();
	const sharing = await deps.db.query.assets.findFirst({ where: eq(assets.r2Key, row.r2Key), columns: { id: true } });
	if (!sharing) await deps.files.delete(row.r2Key);
}

/** The bytes of the user's asset, for its owner only. */
export async function readAsset(deps: { db: Db; files: R2Bucket }, userId: string, assetId: string) {
	const row = await ownAsset(deps.db, userId, assetId);
	const object = await deps.files.get(row.r2Key);
	if (!object) throw notFound();
	return { row, body: object.body };
}
