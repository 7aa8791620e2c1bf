import { AppError } from "../lib/errors";
import { hmacSha256Hex, secretsEqual } from "../lib/hash";
import type { PortraitDeps } from "./deps";
import { sessionKeys } from "./verify";

/**
 * Links to a job's portraits: the Worker serves the bytes itself (never an R2 presigned URL) to
 * whoever holds a token it signed for one image of one job, for one hour. The token names the job
 * and the position, never the R2 key, so the stored file names stay unguessable and unexposed.
 */

/** How long an image link works. */
export const IMAGE_TOKEN_MS = 3_600_000;

const LABEL = "portrait-image-token:v1";

function payload(jobId: string, position: number, expiresMs: number): string {
	return `${LABEL}|${jobId}|${position}|${expiresMs}`;
}

/** A token for image `position` (0..2) of `jobId`, valid until `expiresMs`: `<job>.<position>.<expires>.<hex HMAC>`. */
export async function mintImageToken(deps: Pick<PortraitDeps, "keys">, jobId: string, position: number, expiresMs: number): Promise<string> {
	const [key = ""] = await sessionKeys(deps, LABEL);
	return `${jobId}.${position}.${expiresMs}.${await hmacSha256Hex(key, payload(jobId, position, expiresMs))}`;
}

/**
 * The job and position a token grants: `401 TOKEN_INVALID` when it is malformed or not signed by
 * any of our keys, `410 TOKEN_EXPIRED` once its hour is over (the result page mints fresh ones).
 */
export async function openImageToken(deps: Pick<PortraitDeps, "keys">, token: string, nowMs: number): Promise<{ jobId: string; position: number }> {
	const match = /^(ptj_[0-9a-f]{32})\.([0-2])\.(\d{13})\.([0-9a-f]{64})$/.exec(token);
	if (!match) throw invalidToken();
	const [, jobId = "", positionText = "", expiresText = "", signature = ""] = match;
	const position = Number(positionText);
	const expiresMs = Number(expiresText);
	let signed = false;
	for (const key of await sessionKeys(deps, LABEL)) {
		if (await secretsEqual(await hmacSha256Hex(key, payload(jobId, position, expiresMs)), signature)) signed = true;
	}
	if (!signed) throw invalidToken();
	if (expiresMs <= nowMs) throw new AppError(410, "TOKEN_EXPIRED", "This image link has expired; open the result page again for a fresh one.");
	return { jobId, position };
}

function invalidToken(): AppError {
	return new AppError(401, "TOKEN_INVALID", "This image link is not valid.");
}

/** The file name a portrait downloads as: plain ASCII, nothing personal, nothing of the storage key. */
export function imageFileName(position: number, contentType: string): string {
	const extension = contentType === "image/jpeg" ? "jpg" : contentType === "image/webp" ? "webp" : "png";
	return `find-my-rizz-${position + 1}.${extension}`;
}
