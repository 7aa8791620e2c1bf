import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import type { ArtifactRow } from "../store.ts";
import { edgeAuthorization } from "./edge-auth.ts";

/** Where and how to upload. */
export type UploadTarget = { origin: string; secret: string; nowMs: number; signal: AbortSignal };

/**
 * PUTs one artifact to the Worker's `/internal/gpu/artifacts/:jobId/:name`, streamed from disk
 * with its length and digest declared up front (the Worker stores it in R2 only if both match).
 * Returns why it failed, or undefined on a 2xx. Re-sending the same bytes is harmless: the
 * Worker overwrites the object with identical content.
 */
export async function uploadArtifact(artifact: ArtifactRow, target: UploadTarget): Promise<string | undefined> {
	const url = `${target.origin}/internal/gpu/artifacts/${encodeURIComponent(artifact.job_id)}/${encodeURIComponent(artifact.name)}`;
	const body = Readable.toWeb(createReadStream(artifact.path)) as ReadableStream<Uint8Array>;
	try {
		const res = await fetch(url, {
			method: "PUT",
			headers: {
				authorization: edgeAuthorization(target.secret, target.nowMs),
				"content-type": artifact.content_type,
				"content-length": String(artifact.size),
				"x-content-sha256": artifact.sha256,
			},
			body,
			duplex: "half",
			signal: target.signal,
		});
		await res.body?.cancel();
		return res.ok ? undefined : `HTTP ${res.status}`;
	} catch (err) {
		await body.cancel().catch(() => undefined);
		return err instanceof Error ? `${err.message}${err.cause instanceof Error ? ` (${err.cause.message})` : ""}` : String(err);
	}
}
