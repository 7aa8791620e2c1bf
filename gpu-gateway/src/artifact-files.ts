import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { sha256Hex } from "./hash.ts";
import type { ArtifactRow } from "./store.ts";

/** Artifact names become file names, so only a safe alphabet is allowed. */
const SAFE_NAME = /^[a-z0-9][a-z0-9._-]{0,127}$/i;

/** Where a job's artifacts live on disk. */
export function artifactDir(dataDir: string, jobId: string): string {
	return join(dataDir, "artifacts", jobId);
}

/** Writes one artifact and returns its row (digest computed from the written bytes). */
export async function writeArtifact(dataDir: string, jobId: string, name: string, contentType: string, bytes: Uint8Array): Promise<ArtifactRow> {
	if (!SAFE_NAME.test(name) || name.includes("..")) throw new Error(`unsafe artifact name ${name}`);
	const dir = artifactDir(dataDir, jobId);
	await mkdir(dir, { recursive: true });
	const path = join(dir, name);
	await writeFile(path, bytes);
	return { job_id: jobId, name, sha256: sha256Hex(bytes), size: bytes.byteLength, content_type: contentType, path, uploaded_at: null };
}

/** Deletes every artifact file of a job. */
export async function deleteArtifactFiles(dataDir: string, jobId: string): Promise<void> {
	await rm(artifactDir(dataDir, jobId), { recursive: true, force: true });
}
