import { and, eq, gt, isNull, lt } from "drizzle-orm";
import { type CryptoKey, createRemoteJWKSet, customFetch, type JWTPayload, type JWTVerifyGetKey, errors as joseErrors, jwtVerify } from "jose";
import { z } from "zod";
import type { Db } from "../db/client";
import { oidcLoginStates } from "../db/schema";
import { AppError } from "../lib/errors";
import { base64Url, sha256Hex } from "../lib/hash";
import type { OutsideCall, OutsideHttp } from "../lib/outside-http";

/**
 * The OpenID Connect client of user sign-in: authorization code flow with PKCE (S256) against
 * the issuer named by OIDC_ISSUER (Google in production, the development issuer locally and in
 * tests), ID tokens verified with jose against the issuer's JWKS.
 */

/** How long a sign-in may take between leaving for the issuer and coming back. */
export const LOGIN_STATE_TTL_MS = 10 * 60_000;
/** ID token algorithms accepted: the asymmetric ones issuers use. Never `none`, never HS* (keyed with our own client secret). */
export const ID_TOKEN_ALGORITHMS = ["RS256", "ES256"];
/** How long a discovery document is trusted before it is fetched again. */
const DISCOVERY_TTL_MS = 60 * 60_000;
const FETCH_TIMEOUT_MS = 5_000;
/**
 * The issuer's discovery document and keys (GETs) are retried by the outside client, but briefly:
 * a person is waiting on the sign-in page. The token request (a POST with a single-use code) is
 * never repeated: a second one could only be refused as a used code.
 */
const READ_RETRY: OutsideCall["retry"] = { retries: 2, maxDelayMs: 2_000 };

/** The client's settings (OIDC_* and PUBLIC_BASE_URL, parsed in src/config/settings.ts). */
export type OidcConfig = { issuer: string; clientId: string; clientSecret: string; redirectUri: string };

/** The OIDC settings, or `503 SIGN_IN_UNAVAILABLE` when OIDC_* are not configured. */
export function requireOidc(config: OidcConfig | null): OidcConfig {
	if (!config) throw new AppError(503, "SIGN_IN_UNAVAILABLE", "Sign-in is not configured on this server (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET).");
	return config;
}

/** The parts of the issuer's discovery document (OpenID Connect Discovery 1.0) the client uses. */
export const OidcDiscovery = z.object({
	issuer: z.string(),
	authorization_endpoint: z.url(),
	token_endpoint: z.url(),
	jwks_uri: z.url(),
	token_endpoint_auth_methods_supported: z.array(z.string()).optional(),
	code_challenge_methods_supported: z.array(z.string()).optional(),
});
export type OidcDiscovery = z.infer<typeof OidcDiscovery>;

/** Per isolate: discovery documents by issuer, and one JWKS (with jose's own key cache) per jwks_uri. */
const discoveryCache = new Map<string, { document: OidcDiscovery; expiresAt: number }>();
const keySets = new Map<string, JWTVerifyGetKey>();

function providerUnavailable(detail: string): AppError {
	return new AppError(503, "SIGN_IN_UNAVAILABLE", `The sign-in provider could not be reached (${detail}). Please try again in a moment.`);
}

/**
 * The issuer's discovery document, cached per isolate. Its `issuer` must be exactly the
 * configured one (Discovery §4.3: otherwise anyone serving the document could pose as it), and
 * an https issuer must name https endpoints only.
 */
export async function discover(http: OutsideHttp, issuer: string, now = Date.now()): Promise<OidcDiscovery> {
	const cached = discoveryCache.get(issuer);
	if (cached && cached.expiresAt > now) return cached.document;
	let body: unknown;
	try {
		const call = { provider: "oidc", operation: "discovery", retry: READ_RETRY, timeoutMs: FETCH_TIMEOUT_MS };
		const res = await http(call, `${issuer}/.well-known/openid-configuration`, { headers: { Accept: "application/json" } });
		if (!res.ok) throw providerUnavailable(`discovery answered ${res.status}`);
		body = await res.json();
	} catch (err) {
		if (err instanceof AppError) throw err;
		throw providerUnavailable("discovery failed");
	}
	const parsed = OidcDiscovery.safeParse(body);
	if (!parsed.success) throw providerUnavailable("malformed discovery document");
	const document = parsed.data;
	if (document.issuer !== issuer) throw providerUnavailable("the discovery document names another issuer");
	const endpoints = [document.authorization_endpoint, document.token_endpoint, document.jwks_uri];
	if (issuer.startsWith("https:") && endpoints.some((url) => !url.startsWith("https:"))) throw providerUnavailable("insecure endpoints");
	discoveryCache.set(issuer, { document, expiresAt: now + DISCOVERY_TTL_MS });
	return document;
}

/**
 * The JWKS of `jwksUri`, one per isolate, so jose's cache of fetched keys lives across requests;
 * jose fetches through the outside client (its own timeout bounds every attempt together).
 */
export function issuerKeys(jwksUri: string, http: OutsideHttp): JWTVerifyGetKey {
	let keys = keySets.get(jwksUri);
	if (!keys) {
		keys = createRemoteJWKSet(new URL(jwksUri), {
			timeoutDuration: FETCH_TIMEOUT_MS,
			[customFetch]: (url, options) => http({ provider: "oidc", operation: "jwks", retry: READ_RETRY, timeoutMs: FETCH_TIMEOUT_MS }, url, options),
		});
		keySets.set(jwksUri, keys);
	}
	return keys;
}

function randomToken(bytes: number): string {
	return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** The PKCE S256 challenge of a verifier (RFC 7636 §4.2): base64url of its SHA-256. */
export async function pkceChallenge(verifier: string): Promise<string> {
	return base64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))));
}

/**
 * Starts a sign-in: stores the request's state (as its hash), PKCE verifier and nonce for ten
 * minutes, and returns the issuer's authorization URL to redirect the browser to, with the state
 * (for the browser-binding cookie). Expired states are swept in the same batch, so the table only
 * ever holds sign-ins in flight.
 */
export async function beginSignIn(
	db: Db,
	config: OidcConfig,
	provider: OidcDiscovery,
	returnTo: string,
	now: Date,
): Promise<{ authorizationUrl: string; state: string }> {
	const state = randomToken(32);
	// 48 random bytes: a 64-character verifier, inside RFC 7636's 43–128.
	const codeVerifier = randomToken(48);
	const nonce = randomToken(32);
	await db.batch([
		db.delete(oidcLoginStates).where(lt(oidcLoginStates.expiresAt, now.toISOString())),
		db.insert(oidcLoginStates).values({
			id: await sha256Hex(state),
			codeVerifier,
			nonce,
			returnTo,
			createdAt: now.toISOString(),
			expiresAt: new Date(now.getTime() + LOGIN_STATE_TTL_MS).toISOString(),
		}),
	]);
	const url = new URL(provider.authorization_endpoint);
	url.search = new URLSearchParams({
		response_type: "code",
		client_id: config.clientId,
		redirect_uri: config.redirectUri,
		scope: "openid email profile",
		state,
		nonce,
		code_challenge: await pkceChallenge(codeVerifier),
		code_challenge_method: "S256",
	}).toString();
	return { authorizationUrl: url.toString(), state };
}

/** A spent sign-in state: what the callback needs to finish. */
export type SpentLoginState = { codeVerifier: string; nonce: string; returnTo: string };

/**
 * Spends the sign-in state of a callback, once: a conditional update, so a replayed or
 * concurrent callback with the same state finds nothing. Unknown, used or expired → null.
 */
export async function spendLoginState(db: Db, state: string, now: Date): Promise<SpentLoginState | null> {
	const [row] = await db
		.update(oidcLoginStates)
		.set({ usedAt: now.toISOString() })
		.where(and(eq(oidcLoginStates.id, await sha256Hex(state)), isNull(oidcLoginStates.usedAt), gt(oidcLoginStates.expiresAt, now.toISOString())))
		.returning({ codeVerifier: oidcLoginStates.codeVerifier, nonce: oidcLoginStates.nonce, returnTo: oidcLoginStates.returnTo });
	return row ?? null;
}

const TokenResponse = z.object({ id_token: z.string().min(1), token_type: z.string().optional() });

/** RFC 6749 §2.3.1: client id and secret are form-urlencoded before they are joined for Basic. */
function basicCredentials(clientId: string, clientSecret: string): string {
	const encode = (value: string) => encodeURIComponent(value).replaceAll("%20", "+");
	return `Basic ${btoa(`${encode(clientId)}:${encode(clientSecret)}`)}`;
}

/**
 * Trades the authorization code for the ID token at the token endpoint, with the PKCE verifier.
 * The client authenticates as the discovery document allows: `client_secret_basic` (the
 * specification's default, and what an issuer that lists nothing expects), else `client_secret_post`.
 */
export async function redeemCode(http: OutsideHttp, config: OidcConfig, provider: OidcDiscovery, code: string, codeVerifier: string): Promise<string> {
	const methods = provider.token_endpoint_auth_methods_supported ?? ["client_secret_basic"];
	const form = new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: config.redirectUri, code_verifier: codeVerifier });
	const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" };
	if (methods.includes("client_secret_basic")) {
		headers.Authorization = basicCredentials(config.clientId, config.clientSecret);
	} else if (methods.includes("client_secret_post")) {
		form.set("client_id", config.clientId);
		form.set("client_secret", config.clientSecret);
	} else {
		throw providerUnavailable("no client authentication method in common");
	}
	let res: Response;
	try {
		const call = { provider: "oidc", operation: "token", retry: "never" as const, timeoutMs: FETCH_TIMEOUT_MS };
		res = await http(call, provider.token_endpoint, { method: "POST", headers, body: form.toString() });
	} catch {
		throw providerUnavailable("token request failed");
	}
	const body: unknown = await res.json().catch(() => null);
	if (res.status >= 500) throw providerUnavailable(`token endpoint answered ${res.status}`);
	if (!res.ok) {
		const error = z.object({ error: z.string().regex(/^[\w.-]{1,64}$/) }).safeParse(body);
		// invalid_grant and friends: the code was used, expired or its verifier did not match.
		throw new AppError(
			401,
			"TOKEN_INVALID",
			`The sign-in provider refused the sign-in (${error.success ? error.data.error : res.status}). Please sign in again.`,
		);
	}
	const parsed = TokenResponse.safeParse(body);
	if (!parsed.success) throw providerUnavailable("the token response has no ID token");
	return parsed.data.id_token;
}

/** Who signed in, as the verified ID token says. */
export type VerifiedIdentity = { subject: string; email: string; name: string };

/** What an ID token must match. `keys` is the issuer's JWKS (or, in tests, a key). */
export type IdTokenExpectations = { issuer: string; clientId: string; nonce: string; keys: JWTVerifyGetKey | CryptoKey; now?: Date };

/** Google documents both forms of its `iss` claim; any other issuer must match exactly. */
function acceptedIssuers(issuer: string): string[] {
	return issuer === "https://accounts.google.com" ? [issuer, "accounts.google.com"] : [issuer];
}

function refused(reason: string): AppError {
	return new AppError(401, "TOKEN_INVALID", `The sign-in could not be verified: ${reason}. Please sign in again.`);
}

const IdTokenClaims = z.object({
	sub: z.string().min(1).max(255),
	nonce: z.string(),
	email: z.email().max(254),
	email_verified: z.union([z.boolean(), z.enum(["true", "false"])]).optional(),
	name: z.string().optional(),
	azp: z.string().optional(),
});

/**
 * Verifies an ID token (OpenID Connect Core §3.1.3.7): signature by the issuer's key with an
 * algorithm from {@link ID_TOKEN_ALGORITHMS}, `iss`, `aud` (and `azp` when several audiences),
 * `exp` and `iat` present and current (60 s leeway), the `nonce` of this sign-in, an e-mail that
 * is not marked unverified. Anything else → `401 TOKEN_INVALID`.
 */
export async function verifyIdToken(idToken: string, expected: IdTokenExpectations): Promise<VerifiedIdentity> {
	let payload: JWTPayload;
	try {
		const options = {
			algorithms: ID_TOKEN_ALGORITHMS,
			issuer: acceptedIssuers(expected.issuer),
			audience: expected.clientId,
			requiredClaims: ["iss", "aud", "sub", "exp", "iat", "nonce"],
			clockTolerance: 60,
			// The token was minted for this very exchange: an old `iat` means a replayed token.
			maxTokenAge: "10 minutes",
			currentDate: expected.now,
		};
		// jwtVerify's overloads are split by key type; both branches verify the same way.
		const result = typeof expected.keys === "function" ? await jwtVerify(idToken, expected.keys, options) : await jwtVerify(idToken, expected.keys, options);
		payload = result.payload;
	} catch (err) {
		if (err instanceof joseErrors.JWKSTimeout) throw providerUnavailable("its keys could not be fetched");
		if (err instanceof joseErrors.JWTClaimValidationFailed || err instanceof joseErrors.JWTExpired) {
			throw refused(`the ID token's "${err.claim}" claim is ${err.reason === "missing" ? "missing" : "not valid"}`);
		}
		if (err instanceof joseErrors.JOSEError) throw refused(`the ID token was refused (${err.code})`);
		throw providerUnavailable("its keys could not be fetched");
	}
	const claims = IdTokenClaims.safeParse(payload);
	if (!claims.success) throw refused("the ID token lacks a subject, nonce or e-mail address");
	const { sub, nonce, email, email_verified, name, azp } = claims.data;
	if (nonce !== expected.nonce) throw refused("the ID token was issued for another sign-in (nonce)");
	if (Array.isArray(payload.aud) && payload.aud.length > 1 && azp !== expected.clientId) throw refused("the ID token was issued to another party (azp)");
	if (email_verified === false || email_verified === "false") throw refused("the e-mail address is not verified");
	const trimmedName = (name ?? "").trim().slice(0, 100);
	return { subject: sub, email, name: trimmedName || email.split("@")[0] || email };
}
