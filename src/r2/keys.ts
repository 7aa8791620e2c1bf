/** Every R2 key the Worker writes is built here, so the layout is in one place. */

/** A generated file of one generation of a product version. */
export function productFileKey(productId: string, version: number, generation: number, path: string): string {
	return `products/${productId}/v${version}/gen${generation}/files/${path}`;
}

/** The packaged ZIP of a product version (one object per packaging attempt). */
export function packageKey(productId: string, version: number, packageAttempt: number): string {
	return `products/${productId}/v${version}/packages/${packageAttempt}.zip`;
}

/** An artifact a gpu-gateway job uploaded to the edge; `name` is checked safe before this is built. */
export function gpuArtifactKey(jobId: string, name: string): string {
	return `gpu/${jobId}/${name}`;
}

/** The only prefix `GET /internal/gpu/inputs/*` serves: what the gateway may read, and nothing else in the bucket. */
export const GPU_INPUT_PREFIX = "gpu-inputs/";

/** Where a portrait job's photo is handed to the gateway (`gpu-inputs/`, the only prefix it may read). */
export function portraitGpuInputPrefix(jobId: string): string {
	return `${GPU_INPUT_PREFIX}portrait/${jobId}/`;
}

/** An input file of a gateway job, content-addressed per owner: `gpu-inputs/<ownerType>/<ownerId>/<sha256>`. */
export function gpuInputKey(ownerType: string, ownerId: string, sha256: string): string {
	return `${GPU_INPUT_PREFIX}${ownerType}/${ownerId}/${sha256}`;
}

/**
 * Everything of one style that the gateway reads (training images, signature images), under
 * the `gpu-inputs/` prefix the Worker serves to the gateway. Private: never public URLs.
 */
export function styleInputsPrefix(styleId: string): string {
	return `${GPU_INPUT_PREFIX}styles/${styleId}/`;
}

/** A training image of a style, content-addressed, so the same bytes are one object. */
export function styleTrainingImageKey(styleId: string, sha256: string, extension: string): string {
	return `${styleInputsPrefix(styleId)}training/${sha256}.${extension}`;
}

/** A signature image of a style, content-addressed: queued generations keep reading the one they were given. */
export function styleSignatureKey(styleId: string, sha256: string, extension: string): string {
	return `${styleInputsPrefix(styleId)}signature/${sha256}.${extension}`;
}

/** Everything of one portrait job in R2 (the photo, the portraits): deleting the job deletes this prefix. */
export function portraitJobPrefix(jobId: string): string {
	return `portraits/${jobId}/`;
}

/** The uploaded photo of a portrait job; the random part keeps its name unguessable. */
export function portraitPhotoKey(jobId: string, extension: string): string {
	const random = Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join("");
	return `${portraitJobPrefix(jobId)}photo-${random}.${extension}`;
}

/** A user's avatar, content-addressed: its sha256 is the version in its URL (src/accounts/public-user.ts). */
export function avatarKey(userId: string, sha256: string, extension: "png" | "jpg"): string {
	return `avatars/${userId}/${sha256}.${extension}`;
}
