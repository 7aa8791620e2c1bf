import type { PhotonImage } from "@cf-wasm/photon";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { users } from "../db/schema";
import { AppError } from "../lib/errors";
import { sha256Hex } from "../lib/hash";
import { avatarKey } from "../r2/keys";
import { acceptImage } from "../styles/accept-image";
import type { ImageLimits, ImageType } from "../styles/image-check";
import type { UploadedFile } from "../styles/training-images";

/** The Worker's storage an avatar change needs. */
export type AvatarDeps = { db: Db; files: R2Bucket; now: () => Date };

/** The stored avatar's side: at most this many pixels, square. */
export const AVATAR_SIDE = 256;

/**
 * Avatar uploads: at most 5 MB, at least 32×32, and at most 12 megapixels, because the Worker
 * decodes it (4 bytes a pixel: 48 MB, within a Worker's 128 MB); refused from the header alone.
 */
export const AVATAR_IMAGE_LIMITS: ImageLimits = { maxBytes: 5 * 1024 * 1024, minSide: 32, maxSide: 8192, maxPixels: 12_000_000, what: "a profile image" };

/** The stored avatar: its bytes (PNG or JPEG, no metadata), type and sha256. */
export type ResizedAvatar = { bytes: Uint8Array; type: ImageType; contentType: "image/png" | "image/jpeg"; side: number; sha256: string };

/**
 * Crops the middle square of an image and scales it down to at most {@link AVATAR_SIDE} a side
 * (never up), re-encoded in its own type: the output is pixels only, so whatever metadata the
 * upload carried is gone. A file that cannot be decoded is `422 INVALID_IMAGE_FORMAT`.
 */
export async function resizeAvatar(bytes: Uint8Array, type: ImageType, fileName: string): Promise<ResizedAvatar> {
	// Loaded on the first avatar, not with the Worker: only this route pays for instantiating the WASM.
	const { crop, PhotonImage, resize, SamplingFilter } = await import("@cf-wasm/photon");
	let image: PhotonImage;
	try {
		image = PhotonImage.new_from_byteslice(bytes);
	} catch {
		throw new AppError(422, "INVALID_IMAGE_FORMAT", `${fileName} could not be decoded as an image.`);
	}
	const images = [image];
	try {
		const width = image.get_width();
		const height = image.get_height();
		const square = Math.min(width, height);
		let current = image;
		if (width !== height) {
			const left = Math.floor((width - square) / 2);
			const top = Math.floor((height - square) / 2);
			current = crop(current, left, top, left + square, top + square);
			images.push(current);
		}
		const side = Math.min(square, AVATAR_SIDE);
		if (side !== square) {
			current = resize(current, side, side, SamplingFilter.Lanczos3);
			images.push(current);
		}
		const out = type === "png" ? current.get_bytes() : current.get_bytes_jpeg(88);
		return { bytes: out, type, contentType: type === "png" ? "image/png" : "image/jpeg", side, sha256: await sha256Hex(out) };
	} finally {
		// WASM memory is not garbage collected: every image made here is freed here.
		for (const made of images) made.free();
	}
}

/**
 * Sets the user's avatar: checked like every upload (type by its bytes, size, pixel budget,
 * metadata stripped; `422 INVALID_IMAGE_FORMAT` or `422 IMAGE_SIZE_EXCEEDED`, nothing stored),
 * resized to a square of at most 256 pixels, stored content-addressed at
 * `avatars/<user>/<sha256>.<ext>`; the previous picture's object is deleted once the row points
 * at the new one.
 */
export async function setAvatar(deps: AvatarDeps, userId: string, file: UploadedFile | undefined): Promise<string> {
	if (!file) throw new AppError(422, "VALIDATION_FAILED", "avatar: choose a PNG or JPEG file.");
	const accepted = await acceptImage(file.name, file.bytes, AVATAR_IMAGE_LIMITS);
	const avatar = await resizeAvatar(accepted.bytes, accepted.type, accepted.fileName);
	const key = avatarKey(userId, avatar.sha256, avatar.type === "png" ? "png" : "jpg");
	const before = await deps.db.query.users.findFirst({ where: eq(users.id, userId), columns: { avatarR2Key: true, status: true } });
	if (!before || before.status === "deleted") throw new AppError(404, "NOT_FOUND", "No such user.");
	await deps.files.put(key, avatar.bytes, { httpMetadata: { contentType: avatar.contentType }, sha256: avatar.sha256 });
	await deps.db.update(users).set({ avatarR2Key: key }).where(eq(users.id, userId));
	if (before.avatarR2Key && before.avatarR2Key !== key) await deps.files.delete(before.avatarR2Key);
	return key;
}

/** Removes the user's avatar: the row first (no page links the object any more), then the object. */
export async function removeAvatar(deps: AvatarDeps, userId: string): Promise<void> {
	const before = await deps.db.query.users.findFirst({ where: eq(users.id, userId), columns: { avatarR2Key: true } });
	if (!before?.avatarR2Key) return;
	await deps.db.update(users).set({ avatarR2Key: null }).where(eq(users.id, userId));
	await deps.files.delete(before.avatarR2Key);
}

/** The avatar object of a user who has one and is not deleted, or null. */
export async function readAvatar(deps: AvatarDeps, userId: string): Promise<{ key: string; object: R2ObjectBody } | null> {
	const user = await deps.db.query.users.findFirst({ where: eq(users.id, userId), columns: { avatarR2Key: true, status: true } });
	if (!user?.avatarR2Key || user.status === "deleted") return null;
	const object = await deps.files.get(user.avatarR2Key);
	return object ? { key: user.avatarR2Key, object } : null;
}
