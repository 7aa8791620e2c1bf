import { AppError } from "../lib/errors";
import { toHex } from "../lib/hash";
import { safeRelativePath } from "../lib/safe-path";
import { GPU_INPUT_PREFIX } from "../r2/keys";

/** What the inputs route answers with: the object's body and the headers describing it. */
export type GpuInputObject = { body: ReadableStream<Uint8Array>; headers: Record<string, string> };

/**
 * Only keys under `gpu-inputs/`, in canonical form (no `..`, no empty segments), are served:
 * the gateway token opens job inputs, not the rest of the bucket (products, packages, artifacts).
 */
function isServableKey(key: string): boolean {
	return key.startsWith(GPU_INPUT_PREFIX) && key.length <= 512 && safeRelativePath(key) === key;
}

/**
 * Reads an input file of a gateway job from R2, streamed, with its length. Anything outside
 * `gpu-inputs/` answers exactly like a missing object (404), so the route reveals nothing else.
 */
export async function readGpuInput(bucket: R2Bucket, key: string): Promise<GpuInputObject> {
	const object = isServableKey(key) ? await bucket.get(key) : null;
	if (!object) throw new AppError(404, "NOT_FOUND", "No such GPU input.");
	const headers: Record<string, string> = {
		"Content-Length": String(object.size),
		"Content-Type": object.httpMetadata?.contentType ?? "application/octet-stream",
	};
	// R2 keeps a SHA-256 only when the writer gave one; the gateway checks its pinned digest either way.
	if (object.checksums.sha256) headers["X-Content-SHA256"] = toHex(object.checksums.sha256);
	return { body: object.body, headers };
}
