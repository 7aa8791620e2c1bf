import { and, eq } from "drizzle-orm";
import { styles } from "../db/schema";
import { AppError } from "../lib/errors";
import { styleSignatureKey } from "../r2/keys";
import { acceptImage } from "./accept-image";
import { imageExtension, SIGNATURE_IMAGE_LIMITS } from "./image-check";
import { ownStyle, type StyleDeps, type StyleRow } from "./style-queries";
import type { UploadedFile } from "./training-images";

/**
 * Sets the artist's signature image (PNG or JPEG by its bytes, at most 2 MB, at least 32×32, at
 * most 25 megapixels; stored with its metadata stripped), stamped by the gateway into every image
 * of the style. The object is content-addressed and
 * earlier ones are kept: generations already queued still read the signature they were given.
 */
export async function setSignature(deps: StyleDeps, styleId: string, artistId: string, file: UploadedFile | undefined): Promise<StyleRow> {
	await ownStyle(deps.db, styleId, artistId);
	if (!file) throw new AppError(422, "VALIDATION_FAILED", "signature: choose a PNG or JPEG file.");
	const image = await acceptImage(file.name, file.bytes, SIGNATURE_IMAGE_LIMITS);
	const sha256 = image.sha256;
	const key = styleSignatureKey(styleId, sha256, imageExtension(image.type));
	await deps.files.put(key, image.bytes, { httpMetadata: { contentType: image.contentType }, sha256 });
	const [updated] = await deps.db
		.update(styles)
		.set({ signatureR2Key: key, signatureSha256: sha256, updatedAt: deps.now().toISOString() })
		.where(and(eq(styles.id, styleId), eq(styles.artistId, artistId)))
		.returning();
	if (!updated) throw new AppError(404, "NOT_FOUND", "No such style.");
	return updated;
}

/** The signature image's bytes, for its artist (the studio shows it back). */
export async function readSignature(deps: StyleDeps, styleId: string, artistId: string) {
	const style = await ownStyle(deps.db, styleId, artistId);
	const object = style.signatureR2Key ? await deps.files.get(style.signatureR2Key) : null;
	if (!object) throw new AppError(404, "NOT_FOUND", "This style has no signature image yet.");
	return { body: object.body, contentType: object.httpMetadata?.contentType ?? "application/octet-stream" };
}
