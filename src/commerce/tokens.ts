import { errors, jwtVerify, SignJWT } from "jose";
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

/**
 * Verifies a token: HS256 only (so `alg: none` and key confusion are refused), a known `kid`,
 * our issuer, not expired at `now`, and minted for `purpose`. Expired → `410 TOKEN_EXPIRED`;
 * anything else wrong → `401 TOKEN_INVALID`.
 */
export async function verifyToken(keyring: Keyring, token: string, purpose: TokenPurpose, now: Date): Promise<TokenClaims & { expiresAt: Date }> {
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
		if (payload.pur !== purpose || typeof payload.gid !== "string" || typeof payload.exp !== "number") {
			throw new AppError(401, "TOKEN_INVALID", "This link is not valid.");
		}
		if (purpose === "file" && typeof payload.sid !== "string") throw new AppError(401, "TOKEN_INVALID", "This link is not valid.");
		return { purpose, grantId: payload.gid, sessionId: typeof payload.sid === "string" ? payload.sid : undefined, expiresAt: new Date(payload.exp * 1000) };
	} catch (err) {
		if (err instanceof AppError) throw err;
		if (err instanceof errors.JWTExpired) throw new AppError(410, "TOKEN_EXPIRED", "This link has expired. Open your order page to get a fresh one.");
		throw new AppError(401, "TOKEN_INVALID", "This link is not valid.");
	}
}
