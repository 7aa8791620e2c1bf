import { errors, type JWTPayload, jwtVerify, SignJWT } from "jose";
import type { LinkKey } from "../config/keys";
import { AppError } from "../lib/errors";

/** What a signed token is for; a token minted for one purpose is refused for any other. */
export type TokenPurpose = "download" | "file";

/** The claims the Worker puts in its tokens. */
export type TokenClaims = { purpose: TokenPurpose; grantId: string; sessionId?: string };

/**
 * Signing keys by key id (src/config/keys.ts). The first is used to sign; all verify, so a
 * secret can be rotated by adding the new one first and removing the old one after the longest
 * token life.
 */
export type Keyring = [LinkKey, ...LinkKey[]];

const ISSUER = "edge-factory";

/** Signs a token (HS256, `kid` in the header) that expires at `expiresAt`. */
export async function signToken(keyring: Keyring, claims: TokenClaims, now: Date, expiresAt: Date): Promise<string> {
	const [current] = keyring;
	return new SignJWT({ pur: claims.purpose, gid: claims.grantId, ...(claims.sessionId ? { sid: claims.sessionId } : {}) })
		.setProtectedHeader({ alg: "HS256", kid: current.kid, typ: "JWT" })
		.setIssuer(ISSUER)
		.setIssuedAt(Math.floor(now.getTime() / 1000))
		.setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
		.sign(current.key);
}

/** Claims with the token's expiry. */
export type VerifiedClaims = TokenClaims & { expiresAt: Date };

/**
 * What a token says, read with its checks: `claims` when its signature verified (HS256 under a
 * known `kid`, our issuer), `error` when it is refused anyway. A token can be both: an expired
 * one, or one minted for another purpose, is ours and names its grant, which the download log
 * records with the refusal; an unverifiable one has no claims at all.
 */
export type TokenReading = { claims: VerifiedClaims; error: null } | { claims: VerifiedClaims | null; error: AppError };

const INVALID = () => new AppError(401, "TOKEN_INVALID", "This link is not valid.");

/** Our claims of a payload whose signature verified; a purpose other than `purpose` is named as an error. */
function claimsOf(payload: JWTPayload, purpose: TokenPurpose): TokenReading {
	const { pur, gid, sid, exp } = payload;
	if ((pur !== "download" && pur !== "file") || typeof gid !== "string" || typeof exp !== "number") return { claims: null, error: INVALID() };
	const claims: VerifiedClaims = { purpose: pur, grantId: gid, sessionId: typeof sid === "string" ? sid : undefined, expiresAt: new Date(exp * 1000) };
	if (pur !== purpose || (purpose === "file" && claims.sessionId === undefined)) return { claims, error: INVALID() };
	return { claims, error: null };
}

/**
 * Reads a token: HS256 only (so `alg: none` and key confusion are refused), a known `kid`, our
 * issuer, not expired at `now`, minted for `purpose`. Expired → `410 TOKEN_EXPIRED`; anything
 * else wrong → `401 TOKEN_INVALID`. An expired token's claims are trusted only because jose
 * raises `JWTExpired` from its claim checks, which run after the signature verified (and check
 * `iss` before `exp`): its payload is one we signed.
 */
export async function readToken(keyring: Keyring, token: string, purpose: TokenPurpose, now: Date): Promise<TokenReading> {
	try {
		const { payload } = await jwtVerify(
			token,
			(header) => {
				const entry = keyring.find((candidate) => candidate.kid === header.kid);
				if (!entry) throw new errors.JWSSignatureVerificationFailed("unknown key id");
				return entry.key;
			},
			{ algorithms: ["HS256"], issuer: ISSUER, currentDate: now, clockTolerance: 0 },
		);
		return claimsOf(payload, purpose);
	} catch (err) {
		if (!(err instanceof errors.JWTExpired)) return { claims: null, error: INVALID() };
		const reading = claimsOf(err.payload, purpose);
		return {
			claims: reading.claims,
			error: reading.error ?? new AppError(410, "TOKEN_EXPIRED", "This link has expired. Open your order page to get a fresh one."),
		};
	}
}

/** Verifies a token ({@link readToken}) and returns its claims, or throws its refusal. */
export async function verifyToken(keyring: Keyring, token: string, purpose: TokenPurpose, now: Date): Promise<VerifiedClaims> {
	const reading = await readToken(keyring, token, purpose, now);
	if (reading.error) throw reading.error;
	return reading.claims;
}
