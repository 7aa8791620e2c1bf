import { createHmac, timingSafeEqual } from "node:crypto";

/** The audience every gateway token must name. */
export const TOKEN_AUDIENCE = "gpu-gateway";
/** Tokens may live at most this long: a leaked one is useless within minutes. */
export const MAX_TOKEN_LIFETIME_S = 300;
/** Tolerated clock skew between the Worker and the gateway. */
const CLOCK_SKEW_S = 30;

type TokenClaims = { aud?: unknown; exp?: unknown; iat?: unknown; sub?: unknown };

function base64UrlJson(value: unknown): string {
	return Buffer.from(JSON.stringify(value)).toString("base64url");
}

function hmac(secret: string, data: string): Buffer {
	return createHmac("sha256", secret).update(data).digest();
}

/** Signs a short-lived HS256 token, as the Worker does before each call. */
export function signGatewayToken(secret: string, opts: { nowS?: number; ttlS?: number; sub?: string; aud?: string; alg?: string } = {}): string {
	const iat = opts.nowS ?? Math.floor(Date.now() / 1000);
	const header = base64UrlJson({ alg: opts.alg ?? "HS256", typ: "JWT" });
	const payload = base64UrlJson({ aud: opts.aud ?? TOKEN_AUDIENCE, iat, exp: iat + (opts.ttlS ?? 120), sub: opts.sub ?? "edge-factory" });
	return `${header}.${payload}.${hmac(secret, `${header}.${payload}`).toString("base64url")}`;
}

function parseJsonPart(part: string): Record<string, unknown> | undefined {
	try {
		const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
		return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Verifies a bearer token; returns the reason it is refused, or undefined when valid.
 * Only HS256 is accepted (no `none`, no algorithm confusion), and only short-lived tokens.
 */
export function verifyGatewayToken(secret: string, token: string, nowS: number = Math.floor(Date.now() / 1000)): string | undefined {
	const parts = token.split(".");
	const [headerPart, payloadPart, signaturePart] = parts;
	if (parts.length !== 3 || headerPart === undefined || payloadPart === undefined || signaturePart === undefined) return "malformed token";
	const header = parseJsonPart(headerPart);
	if (header?.alg !== "HS256") return "algorithm not allowed";
	const expected = hmac(secret, `${headerPart}.${payloadPart}`);
	const given = Buffer.from(signaturePart, "base64url");
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "bad signature";
	const claims: TokenClaims | undefined = parseJsonPart(payloadPart);
	if (!claims) return "malformed claims";
	const audOk = claims.aud === TOKEN_AUDIENCE || (Array.isArray(claims.aud) && claims.aud.includes(TOKEN_AUDIENCE));
	if (!audOk) return "wrong audience";
	if (typeof claims.exp !== "number" || typeof claims.iat !== "number") return "exp and iat required";
	if (claims.exp <= nowS - CLOCK_SKEW_S) return "token expired";
	if (claims.iat > nowS + CLOCK_SKEW_S) return "token issued in the future";
	if (claims.exp - claims.iat > MAX_TOKEN_LIFETIME_S || claims.exp - nowS > MAX_TOKEN_LIFETIME_S + CLOCK_SKEW_S) return "token lifetime too long";
	return undefined;
}
