import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { errorPage, signInPage } from "./sign-in-page.ts";
import { createSigningKey, type Identity, opaqueToken, pkceMatches, signIdToken, type Tamper } from "./tokens.ts";

/**
 * The development OpenID Connect issuer: what Google is to production, for `npm start` and the
 * tests. It speaks the authorization code flow with PKCE (S256 only) and signs RS256 ID tokens
 * with a key made at start:
 * - `GET /.well-known/openid-configuration`, `GET /jwks`;
 * - `GET /authorize` checks the request and shows a sign-in form (any e-mail, no password),
 *   prefilled from `login_hint` (and `name`); with `auto=1` it signs in at once, for scripts;
 * - `POST /authorize` (the form) issues a single-use code (60 s) and redirects to `redirect_uri`;
 * - `POST /token` (client_secret_basic or client_secret_post) trades the code for the tokens,
 *   checking the client, the redirect URI and the PKCE verifier.
 */

/** Options of {@link startDevIssuer}. */
export type DevIssuerOptions = {
	/** Port to listen on; 0 (the default) picks a free one. */
	port?: number;
	/** Interface to listen on (default 127.0.0.1: never reachable from another machine). */
	host?: string;
	/** The issuer identifier; default `http://<host>:<port>`. Must be the URL the issuer is reached at. */
	issuer?: string;
	clientId: string;
	clientSecret: string;
	/** Test only: every ID token is broken this way. */
	tamper?: Tamper;
};

/** A running issuer. */
export type DevIssuer = { issuer: string; port: number; close: () => Promise<void> };

/** How long an authorization code may wait for its token request (RFC 6749 recommends at most 10 min). */
const CODE_TTL_MS = 60_000;
const MAX_BODY_BYTES = 64 * 1024;

/** An issued, not yet redeemed authorization code and what it is bound to. */
type PendingCode = { clientId: string; redirectUri: string; codeChallenge: string; nonce: string | undefined; identity: Identity; expiresAt: number };

/** A checked authorization request. */
type AuthorizationRequest = {
	params: Record<string, string>;
	redirectUri: string;
	state: string | undefined;
	nonce: string | undefined;
	codeChallenge: string;
};

/** A refused request, answered as OAuth's JSON error (`{"error","error_description"}`). */
class TokenError extends Error {
	readonly status: number;
	readonly error: string;
	constructor(status: number, error: string, message: string) {
		super(message);
		this.status = status;
		this.error = error;
	}
}

/** Starts the issuer; resolves once it listens. */
export async function startDevIssuer(options: DevIssuerOptions): Promise<DevIssuer> {
	const host = options.host ?? "127.0.0.1";
	const key = await createSigningKey();
	const codes = new Map<string, PendingCode>();
	let issuer = options.issuer ?? "";

	function discovery() {
		return {
			issuer,
			authorization_endpoint: `${issuer}/authorize`,
			token_endpoint: `${issuer}/token`,
			jwks_uri: `${issuer}/jwks`,
			response_types_supported: ["code"],
			grant_types_supported: ["authorization_code"],
			subject_types_supported: ["public"],
			id_token_signing_alg_values_supported: ["RS256"],
			scopes_supported: ["openid", "email", "profile"],
			token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
			code_challenge_methods_supported: ["S256"],
			claims_supported: ["iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "email", "email_verified", "name"],
		};
	}

	/** Checks an authorization request; errors are shown, never redirected, as the redirect URI may be anyone's. */
	function checkAuthorization(params: Record<string, string>): AuthorizationRequest | string {
		if (params.client_id !== options.clientId) return "Unknown client_id.";
		const redirectUri = params.redirect_uri ?? "";
		let parsed: URL;
		try {
			parsed = new URL(redirectUri);
		} catch {
			return "redirect_uri must be an absolute URL.";
		}
		if (!/^https?:$/.test(parsed.protocol) || !parsed.pathname.endsWith("/auth/callback") || parsed.hash) {
			return "redirect_uri must be an http(s) URL ending in /auth/callback.";
		}
		if (params.response_type !== "code") return "response_type must be code.";
		if (!(params.scope ?? "").split(" ").includes("openid")) return "scope must include openid.";
		if (params.code_challenge_method !== "S256") return "PKCE is required: code_challenge_method must be S256.";
		const codeChallenge = params.code_challenge ?? "";
		if (!/^[A-Za-z0-9_-]{43}$/.test(codeChallenge)) return "code_challenge must be the base64url SHA-256 of the verifier.";
		return { params, redirectUri, state: params.state, nonce: params.nonce, codeChallenge };
	}

	/** Issues a code for `identity` and returns where the browser goes with it. */
	function issueCode(request: AuthorizationRequest, identity: Identity): string {
		const code = opaqueToken();
		codes.set(code, {
			clientId: options.clientId,
			redirectUri: request.redirectUri,
			codeChallenge: request.codeChallenge,
			nonce: request.nonce,
			identity,
			expiresAt: Date.now() + CODE_TTL_MS,
		});
		const target = new URL(request.redirectUri);
		target.searchParams.set("code", code);
		if (request.state !== undefined) target.searchParams.set("state", request.state);
		return target.toString();
	}

	/** The client of a token request, authenticated by Basic header or by form fields. */
	function authenticateClient(req: IncomingMessage, form: URLSearchParams): void {
		let id = form.get("client_id") ?? "";
		let secret = form.get("client_secret") ?? "";
		const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
		if (basic) {
			// RFC 6749 §2.3.1: both parts are form-urlencoded before they are joined and encoded.
			const decoded = Buffer.from(basic, "base64").toString("utf8");
			const colon = decoded.indexOf(":");
			id = decodeURIComponent(decoded.slice(0, colon).replaceAll("+", " "));
			secret = decodeURIComponent(decoded.slice(colon + 1).replaceAll("+", " "));
		}
		if (id !== options.clientId || !sameSecret(secret, options.clientSecret)) throw new TokenError(401, "invalid_client", "Client authentication failed.");
	}

	async function redeemCode(req: IncomingMessage): Promise<Record<string, unknown>> {
		const form = new URLSearchParams(await readBody(req));
		authenticateClient(req, form);
		if (form.get("grant_type") !== "authorization_code") throw new TokenError(400, "unsupported_grant_type", "Only authorization_code is supported.");
		const code = form.get("code") ?? "";
		const pending = codes.get(code);
		// Single use: a code is gone after its first token request, right or wrong.
		codes.delete(code);
		if (!pending || pending.expiresAt < Date.now()) throw new TokenError(400, "invalid_grant", "Unknown, used or expired code.");
		if (pending.redirectUri !== form.get("redirect_uri")) throw new TokenError(400, "invalid_grant", "redirect_uri differs from the authorization request.");
		if (!pkceMatches(form.get("code_verifier") ?? "", pending.codeChallenge)) throw new TokenError(400, "invalid_grant", "PKCE verification failed.");
		const idToken = await signIdToken({
			issuer,
			clientId: options.clientId,
			clientSecret: options.clientSecret,
			nonce: pending.nonce,
			identity: pending.identity,
			key,
			tamper: options.tamper,
		});
		return { access_token: opaqueToken(), id_token: idToken, token_type: "Bearer", expires_in: 3600, scope: "openid email profile" };
	}

	async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? "/", issuer);
		const method = req.method ?? "GET";
		if (method === "GET" && url.pathname === "/.well-known/openid-configuration") return sendJson(res, 200, discovery());
		if (method === "GET" && url.pathname === "/jwks") return sendJson(res, 200, key.jwks);
		if (url.pathname === "/authorize" && (method === "GET" || method === "POST")) {
			const params = method === "GET" ? Object.fromEntries(url.searchParams) : Object.fromEntries(new URLSearchParams(await readBody(req)));
			const request = checkAuthorization(params);
			if (typeof request === "string") return sendHtml(res, 400, errorPage(request));
			if (method === "GET" && params.auto !== "1") {
				const email = params.login_hint ?? "dev@example.com";
				return sendHtml(res, 200, signInPage({ params, email, name: params.name ?? defaultName(email), redirectUri: request.redirectUri }));
			}
			const email = (method === "GET" ? params.login_hint : params.email)?.trim() ?? "dev@example.com";
			const name = (params.name ?? "").trim() || defaultName(email);
			if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254 || name.length > 100) {
				return sendHtml(res, 400, errorPage("Enter a valid e-mail address and a name of at most 100 characters."));
			}
			// 303 after the form post, so the browser follows with a GET.
			res.writeHead(method === "POST" ? 303 : 302, { Location: issueCode(request, { email, name }), "Cache-Control": "no-store" });
			res.end();
			return;
		}
		if (method === "POST" && url.pathname === "/token") return sendJson(res, 200, await redeemCode(req), { "Cache-Control": "no-store", Pragma: "no-cache" });
		sendJson(res, 404, { error: "not_found" });
	}

	const server = createServer((req, res) => {
		route(req, res).catch((err: unknown) => {
			if (res.headersSent) return void res.end();
			if (err instanceof TokenError) return sendJson(res, err.status, { error: err.error, error_description: err.message }, { "Cache-Control": "no-store" });
			console.error("dev-oidc: request failed", err);
			sendJson(res, 500, { error: "server_error" });
		});
	});
	// Expired codes are dropped every minute, so a long-running issuer holds only live ones.
	const sweeper = setInterval(() => {
		for (const [code, pending] of codes) if (pending.expiresAt < Date.now()) codes.delete(code);
	}, CODE_TTL_MS);
	sweeper.unref();
	await new Promise<void>((resolve, reject) => {
		server.once("error", reject);
		server.listen(options.port ?? 0, host, () => resolve());
	});
	const port = (server.address() as AddressInfo).port;
	if (!issuer) issuer = `http://${host}:${port}`;
	return {
		issuer,
		port,
		close: () =>
			new Promise<void>((resolve) => {
				clearInterval(sweeper);
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** "ada.lovelace@example.com" → "Ada Lovelace": a readable default for the form. */
function defaultName(email: string): string {
	const local = email.split("@")[0] ?? "";
	const words = local.split(/[._+-]+/).filter(Boolean);
	return words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(" ") || "Developer";
}

function sameSecret(a: string, b: string): boolean {
	const left = Buffer.from(a);
	const right = Buffer.from(b);
	return left.length === right.length && timingSafeEqual(left, right);
}

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > MAX_BODY_BYTES) throw new TokenError(413, "invalid_request", "Body too large.");
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks).toString("utf8");
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	res.writeHead(status, { "Content-Type": "application/json", ...headers });
	res.end(JSON.stringify(body));
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
	res.writeHead(status, {
		"Content-Type": "text/html; charset=utf-8",
		"Cache-Control": "no-store",
		"X-Frame-Options": "DENY",
		"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action *; frame-ancestors 'none'",
	});
	res.end(html);
}
