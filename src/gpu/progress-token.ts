import { errors, jwtVerify, SignJWT } from "jose";
import { AppError } from "../lib/errors";
import { JobOwner } from "../shared/gpu-jobs";
import { progressOwnerName } from "./progress";

/** The `purpose` claim of progress tokens; a token minted for anything else is refused. */
export const PROGRESS_TOKEN_PURPOSE = "job-progress";
/** Longest lifetime a progress token may have: pages mint a fresh one on every load. */
export const PROGRESS_TOKEN_MAX_TTL_S = 60 * 60;
const ISSUER = "edge-factory";

/**
 * Mints a token that lets a browser follow the GPU jobs of one owner (HS256, issuer
 * `edge-factory`, `purpose: "job-progress"`, `sub: "<ownerType>:<ownerId>"`). Pages mint it
 * server-side for their signed-in owner. `key` is the progress key derived in src/config/keys.ts,
 * of its own purpose, so a progress token never verifies as a download link or the other way round.
 */
export async function mintProgressToken(key: Uint8Array, owner: JobOwner, now: Date, ttlSeconds: number = PROGRESS_TOKEN_MAX_TTL_S): Promise<string> {
	const iat = Math.floor(now.getTime() / 1000);
	return new SignJWT({ purpose: PROGRESS_TOKEN_PURPOSE })
		.setProtectedHeader({ alg: "HS256", typ: "JWT" })
		.setIssuer(ISSUER)
		.setSubject(progressOwnerName(JobOwner.parse(owner)))
		.setIssuedAt(iat)
		.setExpirationTime(iat + Math.min(ttlSeconds, PROGRESS_TOKEN_MAX_TTL_S))
		.sign(key);
}

/**
 * Verifies a progress token and returns the owner it is for: HS256 only (so `alg: none` and
 * key confusion are refused), our issuer, the progress purpose, a lifetime of at most an hour,
 * and a well-formed owner. Expired → `401 TOKEN_EXPIRED`; anything else → `401 TOKEN_INVALID`.
 */
export async function verifyProgressToken(key: Uint8Array, token: string, now: Date): Promise<JobOwner> {
	const invalid = new AppError(401, "TOKEN_INVALID", "The progress token is not valid.");
	try {
		const { payload } = await jwtVerify(token, key, {
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
