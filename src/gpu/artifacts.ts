import { eq } from "drizzle-orm";
import { jwtVerify } from "jose";
import type { Db } from "../db/client";
import { gpuJobs } from "../db/schema";
import { AppError } from "../lib/errors";
import { toHex } from "../lib/hash";
import { safeRelativePath } from "../lib/safe-path";
import { gpuArtifactKey } from "../r2/keys";
import { Sha256Hex } from "../shared/gpu-jobs";
import { type MirroredArtifact, parseArtifacts } from "./mirror";

/** The audience of tokens the gateway mints for calls to the Worker (the reverse of `gpu-gateway`). */
export const EDGE_TOKEN_AUDIENCE = "edge-factory";
/** Largest artifact accepted; a Worker request body is capped near 100 MB, and results are far smaller. */
export const MAX_ARTIFACT_BYTES = 50 * 1024 * 1024;
/** Same cap as the gateway applies to the Worker's tokens. */
const MAX_TOKEN_LIFETIME_S = 300;
const CLOCK_SKEW_S = 30;

const encoder = new TextEncoder();

/**
 * Checks the gateway's bearer token: HS256 only, audience `edge-factory`, `iat` and `exp`
 * required, lifetime at most 5 minutes. Any failure is a 401 with no detail beyond the reason.
 */
export async function verifyEdgeToken(secret: string, authorization: string | undefined, now: Date): Promise<void> {
	const token = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(authorization ?? "")?.[1];
	if (!token) throw new AppError(401, "UNAUTHORIZED", "A gateway bearer token is required.");
	try {
		const { payload } = await jwtVerify(token, encoder.encode(secret), {
			algorithms: ["HS256"],
			audience: EDGE_TOKEN_AUDIENCE,
			requiredClaims: ["iat", "exp"],
			clockTolerance: CLOCK_SKEW_S,
			currentDate: now,
		});
		if (payload.exp === undefined || payload.iat === undefined || payload.exp - payload.iat > MAX_TOKEN_LIFETIME_S) {
			throw new Error("token lifetime too long");
		}
	} catch {
		throw new AppError(401, "UNAUTHORIZED", "The gateway token is invalid or expired.");
	}
}

/** An artifact name: one safe path segment, as the gateway names its outputs. */
function checkArtifactName(name: string): string {
	if (name.length > 128 || name.includes("/") || name.includes("\\") || safeRelativePath(name) !== name) {
		throw new AppError(400, "VALIDATION_FAILED", "Artifact name must be a single safe file name.");
	}
	return name;
}

/** What one upload needs. */
export type ArtifactUpload = {
	jobId: string;
	name: string;
	contentLength: string | undefined;
	contentSha256: string | undefined;
	contentType: string | undefined;
	body: ReadableStream<Uint8Array> | null;
};

/**
 * Streams one artifact into R2 at `gpu/<jobId>/<name>` and records it on the job's mirror row.
 * R2 is given the declared SHA-256, so a mismatched body is refused by R2 itself and never
 * replaces an object already stored; the bytes are hashed as they stream as a second check.
 */
export async function storeGpuArtifact(db: Db, bucket: R2Bucket, upload: ArtifactUpload): Promise<MirroredArtifact> {
	const name = checkArtifactName(upload.name);
	const sha = Sha256Hex.safeParse(upload.contentSha256?.toLowerCase());
	if (!sha.success) throw new AppError(400, "VALIDATION_FAILED", "X-Content-SHA256 must be a hex SHA-256 of the body.");
	if (!upload.contentLength || !/^\d{1,12}$/.test(upload.contentLength)) {
		throw new AppError(411, "VALIDATION_FAILED", "Content-Length is required.");
	}
	const size = Number(upload.contentLength);
	if (size > MAX_ARTIFACT_BYTES) throw new AppError(413, "PAYLOAD_TOO_LARGE", `Artifacts are limited to ${MAX_ARTIFACT_BYTES} bytes.`);
	const row = await db.query.gpuJobs.findFirst({ where: eq(gpuJobs.id, upload.jobId) });
	if (!row) throw new AppError(404, "NOT_FOUND", "No such GPU job.");
	if (!upload.body) throw new AppError(400, "VALIDATION_FAILED", "The artifact body is empty.");

	const key = gpuArtifactKey(upload.jobId, name);
	const digest = new crypto.DigestStream("SHA-256");
	const hashWriter = digest.getWriter();
	const hashing = new TransformStream<Uint8Array, Uint8Array>({
		async transform(chunk, controller) {
			await hashWriter.write(chunk);
			controller.enqueue(chunk);
		},
		async flush() {
			await hashWriter.close();
		},
	});
	// R2 needs a known length; FixedLengthStream also errors when the body is not Content-Length long.
	const fixed = new FixedLengthStream(size);
	const piped = upload.body.pipeThrough(hashing).pipeTo(fixed.writable);
	const contentType = upload.contentType ?? "application/octet-stream";
	try {
		await Promise.all([bucket.put(key, fixed.readable, { sha256: sha.data, httpMetadata: { contentType } }), piped]);
	} catch {
		throw new AppError(400, "VALIDATION_FAILED", "The body does not match X-Content-SHA256 or Content-Length.");
	}
	const actual = toHex(await digest.digest);
	if (actual !== sha.data) {
		// Only reachable if R2 skipped its own check; never leave unverified bytes behind.
		await bucket.delete(key);
		throw new AppError(400, "VALIDATION_FAILED", "The body does not match X-Content-SHA256.");
	}

	const artifact: MirroredArtifact = { name, sha256: actual, size, content_type: contentType, r2_key: key };
	const artifacts = parseArtifacts(row.artifacts).filter((existing) => existing.name !== name);
	await db
		.update(gpuJobs)
		.set({ artifacts: JSON.stringify([...artifacts, artifact]) })
		.where(eq(gpuJobs.id, upload.jobId));
	return artifact;
}
