import { errors, jwtVerify, SignJWT } from "jose";
import { AppError } from "../lib/errors";
import { hmacSha256Hex } from "../lib/hash";
import { JobOwner } from "../shared/gpu-jobs";
import { progressOwnerName } from "./progress";

/** The `purpose` claim of progress tokens; a token minted for anything else is refused. */
export const PROGRESS_TOKEN_PURPOSE = "job-progress";
/** Longest lifetime a progress token may have: pages mint a fresh one on every load. */
export const PROGRESS_TOKEN_MAX_TTL_S = 60 * 60;
const ISSUER = "edge-factory";

const encoder = new TextEncoder();
const keys = new Map<string, Uint8Array>();

/**
 * The signing key of progress tokens, derived from DOWNLOAD_TOKEN_SECRET: no new secret to
 * provision, and domain-separated, so a progress token can never verify as a download link
 * (or the other way round) even though both are HS256 under one root secret.
 */
async function progressKey(secret: string): Promise<Uint8Array> {
	// A short root secret would make tokens forgeable; refuse it, as the download keyring does.
	if (secret.length < 32) throw new Error("DOWNLOAD_TOKEN_SECRET must be set to at least 32 characters");
	const cached = keys.get(secret);
	if (cached) return cached;
	const key = encoder.encode(await hmacSha256Hex(secret, "job-progress-token:v1"));
	keys.set(secret, key);
	return key;
}

/**
 * Mints a token that lets a browser follow the GPU jobs of one owner (HS256, issuer
 * `edge-factory`, `purpose: "job-progress"`, `sub: "<ownerType>:<ownerId>"`). Pages mint it
 * server-side for their signed-in owner. `secret` is DOWNLOAD_TOKEN_SECRET.
 */
export async function mintProgressToken(secret: string, owner: JobOwner, now: Date, ttlSeconds: number = PROGRESS_TOKEN_MAX_TTL_S): Promise<string> {
	const iat = Math.floor(now.getTime() / 1000);
	return new SignJWT({ purpose: PROGRESS_TOKEN_PURPOSE })
		.setProtectedHeader({ alg: "HS256", typ: "JWT" })
		.setIssuer(ISSUER)
		.setSubject(progressOwnerName(JobOwner.parse(owner)))
		.setIssuedAt(iat)
		.setExpirationTime(iat + Math.min(ttlSeconds, PROGRESS_TOKEN_MAX_TTL_S))
		.sign(await progressKey(secret));
}

/**
 * Verifies a progress token and returns the owner it is for: HS256 only (so `alg: none` and
 * key confusion are refused), our issuer, the progress purpose, a lifetime of at most an hour,
 * and a well-formed owner. Expired → `401 TOKEN_EXPIRED`; anything else → `401 TOKEN_INVALID`.
 */
export async function verifyProgressToken(secret: string, token: string, now: Date): Promise<JobOwner> {
	const invalid = new AppError(401, "TOKEN_INVALID", "The progress token is not valid.");
	try {
		const { payload } = await jwtVerify(token, await progressKey(secret), {
			algorithms: ["HS256"],
			issuer: ISSUER,
			requiredClaims: ["iat", "exp", "sub"],
			currentDate: now,
			clockTolerance: 0,
		});
		if (payload.purpose !== PROGRESS_TOKEN_PURPOSE) throw invalid;
		if (payload.exp === undefined || payload.iat === undefined || payload.exp - payload.iat > PROGRESS_TOKEN_MAX_TTL_S) throw invalid;
		// Owner types have no colon (JobOwner), so the first one splits type from id.
		const sub = payload.sub ?? "";
		const colon = sub.indexOf(":");
		const owner = JobOwner.safeParse({ type: sub.slice(0, colon), id: sub.slice(colon + 1) });
		if (colon < 0 || !owner.success) throw invalid;
		return owner.data;
	} catch (err) {
		if (err instanceof AppError) throw err;
		if (err instanceof errors.JWTExpired) throw new AppError(401, "TOKEN_EXPIRED", "The progress token has expired; reload the page for a fresh one.");
		throw invalid;
	}
}
