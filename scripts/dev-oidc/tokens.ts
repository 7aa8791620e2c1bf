import { createHash, randomBytes } from "node:crypto";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";

/**
 * Ways a test can make the issuer misbehave, each one a reason a client must refuse its ID token:
 * a nonce it never sent, another audience, another issuer, a token already expired, an
 * unsigned token (`alg: none`), or one signed HS256 with the client secret as the key.
 */
export type Tamper = "nonce" | "audience" | "issuer" | "expired" | "alg-none" | "hs256";

/** What the ID token says about the person signing in. */
export type Identity = { email: string; name: string };

/** The issuer's signing key: an RS256 pair made at start, published as a one-key JWKS. */
export type SigningKey = { kid: string; privateKey: CryptoKey; jwks: { keys: JWK[] } };

/** A fresh RS256 key pair; restarting the issuer rotates the key, as a real issuer does now and then. */
export async function createSigningKey(): Promise<SigningKey> {
	const { publicKey, privateKey } = await generateKeyPair("RS256");
	const kid = randomBytes(8).toString("hex");
	const jwk = await exportJWK(publicKey);
	return { kid, privateKey, jwks: { keys: [{ ...jwk, kid, alg: "RS256", use: "sig" }] } };
}

/** A stable subject per e-mail address, as a real issuer keeps one account id per person. */
export function subjectFor(email: string): string {
	return createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 32);
}

/** Whether `verifier` is a valid PKCE verifier (RFC 7636 §4.1) whose S256 challenge is `challenge`. */
export function pkceMatches(verifier: string, challenge: string): boolean {
	if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) return false;
	return createHash("sha256").update(verifier).digest("base64url") === challenge;
}

/** A random opaque token (codes, access tokens). */
export function opaqueToken(): string {
	return randomBytes(32).toString("base64url");
}

/** What an ID token is issued for. */
export type IdTokenRequest = {
	issuer: string;
	clientId: string;
	clientSecret: string;
	nonce: string | undefined;
	identity: Identity;
	key: SigningKey;
	tamper?: Tamper;
	now?: Date;
};

/** Signs the ID token of a completed sign-in (RS256, one hour), or a broken one when told to tamper. */
export async function signIdToken(request: IdTokenRequest): Promise<string> {
	const { identity, tamper } = request;
	const nowSeconds = Math.floor((request.now ?? new Date()).getTime() / 1000);
	const issuedAt = tamper === "expired" ? nowSeconds - 7200 : nowSeconds;
	const claims = {
		email: identity.email,
		email_verified: true,
		name: identity.name,
		auth_time: issuedAt,
		...(request.nonce === undefined ? {} : { nonce: tamper === "nonce" ? opaqueToken() : request.nonce }),
	};
	const token = new SignJWT(claims)
		.setIssuer(tamper === "issuer" ? `${request.issuer}/elsewhere` : request.issuer)
		.setSubject(subjectFor(identity.email))
		.setAudience(tamper === "audience" ? `${request.clientId}-other` : request.clientId)
		.setIssuedAt(issuedAt)
		.setExpirationTime(issuedAt + 3600);
	if (tamper === "hs256") {
		return token.setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(new TextEncoder().encode(request.clientSecret));
	}
	if (tamper === "alg-none") {
		// jose never signs with "none"; the token is put together by hand, with an empty signature.
		const signed = await token.setProtectedHeader({ alg: "RS256", kid: request.key.kid, typ: "JWT" }).sign(request.key.privateKey);
		const payload = signed.split(".")[1] ?? "";
		return `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${payload}.`;
	}
	return token.setProtectedHeader({ alg: "RS256", kid: request.key.kid, typ: "JWT" }).sign(request.key.privateKey);
}
