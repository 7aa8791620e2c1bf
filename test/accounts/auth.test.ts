import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { type CryptoKey, createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from "jose";
import { describe, expect, inject, it } from "vitest";
import { discover, pkceChallenge, verifyIdToken } from "../../src/accounts/oidc";
import { safeReturnTo } from "../../src/accounts/return-to";
import { app } from "../../src/app";
import { getDb } from "../../src/db/client";
import { creditLedger, notifications, oidcLoginStates, userSessions, users } from "../../src/db/schema";
import { sha256Hex } from "../../src/lib/hash";
import { outsideHttp } from "../../src/lib/outside-http";
import { browserGet, finishSignIn, issuers, signInWithDevIssuer, startSignIn, uniqueEmail, uniqueIp, userCookieOf } from "../support/auth-helpers";
import type { ErrorBody } from "../support/helpers";
import { inOneRateWindow } from "../support/rate-window";
import { createTestUser } from "../support/user-helpers";

const CLIENT_ID = env.OIDC_CLIENT_ID;

async function userByEmail(email: string) {
	return getDb(env.DB).query.users.findFirst({ where: and(eq(users.oidcIssuer, issuers.configured), eq(users.email, email)) });
}

async function ledgerOf(userId: string) {
	return getDb(env.DB).query.creditLedger.findMany({ where: eq(creditLedger.userId, userId) });
}

async function sessionsOf(userId: string) {
	return getDb(env.DB).query.userSessions.findMany({ where: eq(userSessions.userId, userId) });
}

async function errorCode(res: Response): Promise<string> {
	return ((await res.json()) as ErrorBody).error.code;
}

describe("sign-in with the development issuer", () => {
	it("redirects to the issuer with PKCE S256, a nonce and a state stored only as its hash", async () => {
		const { login, authorizeUrl, loginCookie } = await startSignIn(uniqueEmail(), "Ada");
		expect(login.status).toBe(302);
		expect(login.headers.get("Cache-Control")).toBe("no-store");
		// The state also goes into an HttpOnly cookie, so only this browser can finish the sign-in.
		expect(loginCookie).toBe(`ef_signin=${authorizeUrl.searchParams.get("state")}`);
		expect(login.headers.get("Set-Cookie")).toMatch(/HttpOnly.*SameSite=Lax|SameSite=Lax.*HttpOnly/);
		expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(`${issuers.configured}/authorize`);
		const params = authorizeUrl.searchParams;
		expect(params.get("response_type")).toBe("code");
		expect(params.get("client_id")).toBe(CLIENT_ID);
		expect(params.get("redirect_uri")).toBe("http://localhost:8787/auth/callback");
		expect(params.get("scope")).toBe("openid email profile");
		expect(params.get("code_challenge_method")).toBe("S256");
		expect(params.get("nonce")).toMatch(/^[A-Za-z0-9_-]{43}$/);
		const state = params.get("state") ?? "";
		expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);

		const row = await getDb(env.DB).query.oidcLoginStates.findFirst({ where: eq(oidcLoginStates.id, await sha256Hex(state)) });
		expect(row).toBeDefined();
		expect(row?.usedAt).toBeNull();
		expect(row?.nonce).toBe(params.get("nonce"));
		// The verifier stays here; only its S256 challenge went to the issuer.
		expect(row?.codeVerifier.length).toBeGreaterThanOrEqual(43);
		expect(row?.codeVerifier.length).toBeLessThanOrEqual(128);
		expect(await pkceChallenge(row?.codeVerifier ?? "")).toBe(params.get("code_challenge"));
		expect(new Date(row?.expiresAt ?? 0).getTime() - new Date(row?.createdAt ?? 0).getTime()).toBe(10 * 60_000);
	});

	it("creates the user as `user` with exactly 100 welcome credits in one ledger row, signs them in and returns", async () => {
		const email = uniqueEmail("ada");
		expect(await userByEmail(email)).toBeUndefined();
		const { callbackUrl } = await startSignIn(email, "Ada Lovelace", { returnTo: "/products/some-kit?ref=header" });
		const callback = await finishSignIn(callbackUrl);
		expect(callback.status).toBe(302);
		expect(callback.headers.get("Location")).toBe("/products/some-kit?ref=header");
		const setCookie = callback.headers.getSetCookie();
		const session = setCookie.find((cookie) => cookie.startsWith("ef_user=")) ?? "";
		expect(session).toMatch(/^ef_user=[A-Za-z0-9_-]{40,};/);
		expect(session).toContain("HttpOnly");
		expect(session).toContain("SameSite=Lax");
		// The sign-in's browser binding is spent with it.
		expect(setCookie.find((cookie) => cookie.startsWith("ef_signin="))).toMatch(/^ef_signin=; Max-Age=0/);

		const user = await userByEmail(email);
		expect(user).toMatchObject({ name: "Ada Lovelace", role: "user", creditBalance: 100 });
		expect(user?.oidcSubject).toMatch(/^[0-9a-f]{32}$/);
		const ledger = await ledgerOf(user?.id ?? "");
		expect(ledger).toHaveLength(1);
		expect(ledger[0]).toMatchObject({ id: `welcome:${user?.id}`, kind: "welcome", amount: 100, balanceAfter: 100 });
		expect(await sessionsOf(user?.id ?? "")).toHaveLength(1);

		const me = await browserGet("/api/me", { Cookie: userCookieOf(callback) ?? "" });
		expect(me.status).toBe(200);
		expect(me.headers.get("Cache-Control")).toBe("no-store");
		const body = (await me.json()) as { user: unknown; credits: unknown; csrf_token: string };
		expect(body.user).toEqual({ id: user?.id, name: "Ada Lovelace", email, role: "user" });
		expect(body.credits).toEqual({ balance: 100 });
		expect(body.csrf_token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
	});

	it("signing in again finds the same user, refreshes the name, and grants nothing more", async () => {
		const email = uniqueEmail("again");
		const first = await signInWithDevIssuer(email, "First Name");
		const before = await userByEmail(email);
		const second = await signInWithDevIssuer(email, "Second Name");
		expect(second.userId).toBe(first.userId);
		expect(second.cookie).not.toBe(first.cookie);
		const after = await userByEmail(email);
		expect(after).toMatchObject({ id: first.userId, name: "Second Name", creditBalance: 100, createdAt: before?.createdAt });
		expect((after?.lastSignInAt ?? "") >= (before?.lastSignInAt ?? "")).toBe(true);
		expect(await ledgerOf(first.userId)).toHaveLength(1);
		expect(await sessionsOf(first.userId)).toHaveLength(2);
	});

	it("keeps role and balance across sign-ins: spending is not undone by signing in again", async () => {
		const email = uniqueEmail("spender");
		const first = await signInWithDevIssuer(email, "Spender");
		await getDb(env.DB).update(users).set({ creditBalance: 40, role: "artist" }).where(eq(users.id, first.userId));
		await signInWithDevIssuer(email, "Spender");
		expect(await userByEmail(email)).toMatchObject({ creditBalance: 40, role: "artist" });
	});
});

describe("the callback refuses what it did not start", () => {
	it("a state spent once cannot be used again: 400 TOKEN_INVALID and no second session", async () => {
		const email = uniqueEmail("replay");
		const { callbackUrl } = await startSignIn(email, "Replay");
		expect((await finishSignIn(callbackUrl)).status).toBe(302);
		const user = await userByEmail(email);
		const again = await finishSignIn(callbackUrl);
		expect(again.status).toBe(400);
		expect(await errorCode(again)).toBe("TOKEN_INVALID");
		expect(userCookieOf(again)).toBeNull();
		expect(await sessionsOf(user?.id ?? "")).toHaveLength(1);
	});

	it("an unknown or missing state is 400 TOKEN_INVALID, and nothing is created", async () => {
		const email = uniqueEmail("forged");
		const { callbackUrl } = await startSignIn(email, "Forged");
		const forged = new URL(callbackUrl);
		forged.searchParams.set("state", "A".repeat(43));
		// Even with a cookie naming that state: the server never issued it.
		const wrong = await finishSignIn(forged, { Cookie: `ef_signin=${"A".repeat(43)}` });
		expect(wrong.status).toBe(400);
		expect(await errorCode(wrong)).toBe("TOKEN_INVALID");
		forged.searchParams.delete("state");
		const missing = await finishSignIn(forged);
		expect(missing.status).toBe(400);
		expect(await errorCode(missing)).toBe("TOKEN_INVALID");
		expect(await userByEmail(email)).toBeUndefined();
	});

	it("only the browser that started the sign-in can finish it (login CSRF): 400, and the state stays usable there", async () => {
		const email = uniqueEmail("victim");
		const { callbackUrl } = await startSignIn(email, "Attacker Account");
		// The callback URL opened in another browser (no cookie, or another sign-in's cookie).
		for (const cookie of ["", "ef_signin=another-sign-in-state-0123456789abcdefghijklmno"]) {
			const res = await finishSignIn(callbackUrl, { Cookie: cookie });
			expect(res.status).toBe(400);
			expect(await errorCode(res)).toBe("TOKEN_INVALID");
			expect(userCookieOf(res)).toBeNull();
		}
		expect(await userByEmail(email)).toBeUndefined();
		// The browser that started it still can.
		const own = await finishSignIn(callbackUrl);
		expect(own.status).toBe(302);
		expect(userCookieOf(own)).not.toBeNull();
		expect(own.headers.get("Set-Cookie")).toMatch(/ef_signin=;/);
	});

	it("an expired state is refused", async () => {
		const email = uniqueEmail("late");
		const { callbackUrl } = await startSignIn(email, "Late");
		const stateId = await sha256Hex(callbackUrl.searchParams.get("state") ?? "");
		await getDb(env.DB)
			.update(oidcLoginStates)
			.set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
			.where(eq(oidcLoginStates.id, stateId));
		const res = await finishSignIn(callbackUrl);
		expect(res.status).toBe(400);
		expect(await errorCode(res)).toBe("TOKEN_INVALID");
		expect(await userByEmail(email)).toBeUndefined();
	});

	it("shows browsers a sign-in error page with a way to start again", async () => {
		const { callbackUrl } = await startSignIn(uniqueEmail(), "Html");
		await finishSignIn(callbackUrl);
		const res = await finishSignIn(callbackUrl, { Accept: "text/html" });
		expect(res.status).toBe(400);
		expect(res.headers.get("Content-Type")).toContain("text/html");
		expect(res.headers.get("Cache-Control")).toBe("no-store");
		const html = await res.text();
		expect(html).toContain("Sign-in failed");
		expect(html).toContain("TOKEN_INVALID");
		expect(html).toContain('href="/auth/login"');
	});

	it("a code redeemed with another PKCE verifier is refused by the issuer: 401 TOKEN_INVALID, no user", async () => {
		const email = uniqueEmail("pkce");
		const { callbackUrl } = await startSignIn(email, "Pkce");
		const stateId = await sha256Hex(callbackUrl.searchParams.get("state") ?? "");
		await getDb(env.DB)
			.update(oidcLoginStates)
			.set({ codeVerifier: "x".repeat(64) })
			.where(eq(oidcLoginStates.id, stateId));
		const res = await finishSignIn(callbackUrl);
		expect(res.status).toBe(401);
		const body = (await res.json()) as ErrorBody;
		expect(body.error.code).toBe("TOKEN_INVALID");
		expect(body.error.message).toContain("invalid_grant");
		expect(await userByEmail(email)).toBeUndefined();
	});

	it("an error from the issuer (the person cancelled) is 401 and spends the state", async () => {
		const { callbackUrl } = await startSignIn(uniqueEmail(), "Cancel");
		const cancelled = new URL(callbackUrl);
		cancelled.searchParams.delete("code");
		cancelled.searchParams.set("error", "access_denied");
		const res = await finishSignIn(cancelled);
		expect(res.status).toBe(401);
		expect(((await res.json()) as ErrorBody).error.message).toContain("access_denied");
		expect((await finishSignIn(callbackUrl)).status).toBe(400);
	});

	it("refuses end to end an ID token with a nonce the Worker never sent (misbehaving issuer)", async () => {
		// The same app, configured with the tampering issuer instead of the regular one.
		const tamperedEnv = { ...env, OIDC_ISSUER: issuers.tampered };
		const send = async (path: string, headers: Record<string, string> = {}) => {
			const ctx = createExecutionContext();
			const res = await app.fetch(new Request(`http://localhost:8787${path}`, { redirect: "manual", headers }), tamperedEnv, ctx);
			await waitOnExecutionContext(ctx);
			return res;
		};
		const email = uniqueEmail("tampered");
		const login = await send("/auth/login", { "CF-Connecting-IP": uniqueIp() });
		expect(login.status).toBe(302);
		const authorize = new URL(login.headers.get("Location") ?? "");
		expect(authorize.origin).toBe(new URL(issuers.tampered).origin);
		authorize.searchParams.set("auto", "1");
		authorize.searchParams.set("login_hint", email);
		const issued = await fetch(authorize, { redirect: "manual" });
		const callbackUrl = new URL(issued.headers.get("Location") ?? "");
		const loginCookie = (login.headers.get("Set-Cookie") ?? "").split(";")[0] ?? "";
		const res = await send(`${callbackUrl.pathname}${callbackUrl.search}`, { Cookie: loginCookie });
		expect(res.status).toBe(401);
		const body = (await res.json()) as ErrorBody;
		expect(body.error.code).toBe("TOKEN_INVALID");
		expect(body.error.message).toContain("nonce");
		expect(userCookieOf(res)).toBeNull();
		const created = await getDb(env.DB).query.users.findFirst({ where: eq(users.email, email) });
		expect(created).toBeUndefined();
	});
});

describe("verifyIdToken", () => {
	const issuer = "https://issuer.test";
	const nonce = "nonce-0123456789";

	async function rsaKeys() {
		const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
		const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256" };
		return { privateKey, publicKey, jwks: createLocalJWKSet({ keys: [jwk] }), jwk };
	}

	function claims(overrides: Record<string, unknown> = {}) {
		return { email: "ada@example.com", email_verified: true, name: "Ada", nonce, ...overrides };
	}

	function token(
		key: CryptoKey | Uint8Array,
		opts: { alg?: string; kid?: string; aud?: string; iss?: string; iat?: number; exp?: number; extra?: Record<string, unknown> } = {},
	) {
		const now = Math.floor(Date.now() / 1000);
		const jwt = new SignJWT(claims(opts.extra))
			.setProtectedHeader({ alg: opts.alg ?? "RS256", kid: opts.kid ?? "k1" })
			.setIssuer(opts.iss ?? issuer)
			.setSubject("subject-1")
			.setAudience(opts.aud ?? CLIENT_ID)
			.setIssuedAt(opts.iat ?? now)
			.setExpirationTime(opts.exp ?? now + 3600);
		return jwt.sign(key);
	}

	const expect401 = async (promise: Promise<unknown>, fragment?: string) => {
		const err = await promise.then(
			() => null,
			(caught: { status?: number; code?: string; message?: string }) => caught,
		);
		expect(err).toMatchObject({ status: 401, code: "TOKEN_INVALID" });
		if (fragment) expect(err?.message).toContain(fragment);
	};

	it("accepts a good RS256 token and reads the identity", async () => {
		const keys = await rsaKeys();
		const identity = await verifyIdToken(await token(keys.privateKey), { issuer, clientId: CLIENT_ID, nonce, keys: keys.jwks });
		expect(identity).toEqual({ subject: "subject-1", email: "ada@example.com", name: "Ada" });
	});

	it("accepts ES256 too", async () => {
		const { publicKey, privateKey } = await generateKeyPair("ES256");
		const identity = await verifyIdToken(await token(privateKey, { alg: "ES256" }), { issuer, clientId: CLIENT_ID, nonce, keys: publicKey });
		expect(identity.subject).toBe("subject-1");
	});

	it("refuses another nonce", async () => {
		const keys = await rsaKeys();
		await expect401(verifyIdToken(await token(keys.privateKey), { issuer, clientId: CLIENT_ID, nonce: "another-nonce", keys: keys.jwks }), "nonce");
	});

	it("refuses a token without a nonce", async () => {
		const keys = await rsaKeys();
		await expect401(verifyIdToken(await token(keys.privateKey, { extra: { nonce: undefined } }), { issuer, clientId: CLIENT_ID, nonce, keys: keys.jwks }));
	});

	it("refuses another audience, and several audiences without our azp", async () => {
		const keys = await rsaKeys();
		await expect401(
			verifyIdToken(await token(keys.privateKey, { aud: "someone-else" }), { issuer, clientId: CLIENT_ID, nonce, keys: keys.jwks }),
			'"aud" claim',
		);
		const shared = await new SignJWT(claims({ azp: "someone-else" }))
			.setProtectedHeader({ alg: "RS256", kid: "k1" })
			.setIssuer(issuer)
			.setSubject("subject-1")
			.setAudience([CLIENT_ID, "someone-else"])
			.setIssuedAt()
			.setExpirationTime("1h")
			.sign(keys.privateKey);
		await expect401(verifyIdToken(shared, { issuer, clientId: CLIENT_ID, nonce, keys: keys.jwks }), "azp");
	});

	it("refuses another issuer", async () => {
		const keys = await rsaKeys();
		await expect401(
			verifyIdToken(await token(keys.privateKey, { iss: "https://evil.example" }), { issuer, clientId: CLIENT_ID, nonce, keys: keys.jwks }),
			'"iss" claim',
		);
	});

	it("refuses alg none", async () => {
		const keys = await rsaKeys();
		const signed = await token(keys.privateKey);
		const unsigned = `${btoa(JSON.stringify({ alg: "none", typ: "JWT" })).replace(/=+$/, "")}.${signed.split(".")[1]}.`;
		await expect401(verifyIdToken(unsigned, { issuer, clientId: CLIENT_ID, nonce, keys: keys.jwks }));
		await expect401(verifyIdToken(unsigned, { issuer, clientId: CLIENT_ID, nonce, keys: keys.publicKey }));
	});

	it("refuses HS256 signed with the client secret (or with the public key's bytes)", async () => {
		const keys = await rsaKeys();
		const withSecret = await token(new TextEncoder().encode(env.OIDC_CLIENT_SECRET), { alg: "HS256" });
		await expect401(verifyIdToken(withSecret, { issuer, clientId: CLIENT_ID, nonce, keys: keys.jwks }), "ALG_NOT_ALLOWED");
		const withPublicKey = await token(new TextEncoder().encode(JSON.stringify(keys.jwk)), { alg: "HS256" });
		await expect401(verifyIdToken(withPublicKey, { issuer, clientId: CLIENT_ID, nonce, keys: keys.publicKey }), "ALG_NOT_ALLOWED");
	});

	it("refuses a token signed by another key", async () => {
		const keys = await rsaKeys();
		const stranger = await rsaKeys();
		await expect401(verifyIdToken(await token(stranger.privateKey), { issuer, clientId: CLIENT_ID, nonce, keys: keys.jwks }));
	});

	it("refuses an expired token, and one whose iat is long past", async () => {
		const keys = await rsaKeys();
		const now = Math.floor(Date.now() / 1000);
		await expect401(
			verifyIdToken(await token(keys.privateKey, { iat: now - 7200, exp: now - 3600 }), { issuer, clientId: CLIENT_ID, nonce, keys: keys.jwks }),
			'"exp" claim',
		);
		await expect401(
			verifyIdToken(await token(keys.privateKey, { iat: now - 3600, exp: now + 3600 }), { issuer, clientId: CLIENT_ID, nonce, keys: keys.jwks }),
			'"iat" claim',
		);
	});

	it("requires exp and iat", async () => {
		const keys = await rsaKeys();
		const noExp = await new SignJWT(claims())
			.setProtectedHeader({ alg: "RS256", kid: "k1" })
			.setIssuer(issuer)
			.setSubject("s")
			.setAudience(CLIENT_ID)
			.setIssuedAt()
			.sign(keys.privateKey);
		await expect401(verifyIdToken(noExp, { issuer, clientId: CLIENT_ID, nonce, keys: keys.jwks }), '"exp" claim is missing');
		const noIat = await new SignJWT(claims())
			.setProtectedHeader({ alg: "RS256", kid: "k1" })
			.setIssuer(issuer)
			.setSubject("s")
			.setAudience(CLIENT_ID)
			.setExpirationTime("1h")
			.sign(keys.privateKey);
		await expect401(verifyIdToken(noIat, { issuer, clientId: CLIENT_ID, nonce, keys: keys.jwks }), '"iat" claim is missing');
	});

	it("refuses an e-mail address marked unverified", async () => {
		const keys = await rsaKeys();
		await expect401(
			verifyIdToken(await token(keys.privateKey, { extra: { email_verified: false } }), { issuer, clientId: CLIENT_ID, nonce, keys: keys.jwks }),
			"not verified",
		);
	});

	it("accepts Google's bare issuer form only for Google", async () => {
		const keys = await rsaKeys();
		const google = "https://accounts.google.com";
		const bare = await token(keys.privateKey, { iss: "accounts.google.com" });
		expect((await verifyIdToken(bare, { issuer: google, clientId: CLIENT_ID, nonce, keys: keys.jwks })).subject).toBe("subject-1");
		await expect401(verifyIdToken(await token(keys.privateKey, { iss: "issuer.test" }), { issuer, clientId: CLIENT_ID, nonce, keys: keys.jwks }));
	});
});

describe("discovery", () => {
	it("refuses a document naming another issuer: 503 SIGN_IN_UNAVAILABLE", async () => {
		// The same server under another name: its document says 127.0.0.1, not localhost.
		const alias = issuers.configured.replace("127.0.0.1", "localhost");
		await expect(discover(outsideHttp(), alias)).rejects.toMatchObject({ status: 503, code: "SIGN_IN_UNAVAILABLE" });
		expect((await discover(outsideHttp(), issuers.configured)).issuer).toBe(issuers.configured);
	});

	it("an issuer without a discovery document is 503 SIGN_IN_UNAVAILABLE, not a 500", async () => {
		// Some other server on loopback (the fake GPU gateway): it answers, but not as an issuer.
		await expect(discover(outsideHttp(), inject("gpuGatewayUrl"))).rejects.toMatchObject({ status: 503, code: "SIGN_IN_UNAVAILABLE" });
	});
});

describe("sessions and limits", () => {
	it("/api/me is 401 without a session, 200 with one", async () => {
		const anonymous = await browserGet("/api/me");
		expect(anonymous.status).toBe(401);
		expect(await errorCode(anonymous)).toBe("UNAUTHORIZED");
		const { cookie } = await signInWithDevIssuer(uniqueEmail(), "Me");
		expect((await browserGet("/api/me", { Cookie: cookie })).status).toBe(200);
	});

	it("sign-out needs the CSRF token, then revokes the session and clears the cookie", async () => {
		const { cookie, csrf, userId } = await signInWithDevIssuer(uniqueEmail("bye"), "Bye");
		const logout = (body: Record<string, string>) =>
			exports.default.fetch(
				new Request("http://localhost:8787/auth/logout", {
					method: "POST",
					redirect: "manual",
					headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
					body: new URLSearchParams(body).toString(),
				}),
			);
		const forged = await logout({});
		expect(forged.status).toBe(403);
		expect(await errorCode(forged)).toBe("FORBIDDEN");
		expect((await browserGet("/api/me", { Cookie: cookie })).status).toBe(200);

		const res = await logout({ _csrf: csrf });
		expect(res.status).toBe(303);
		expect(res.headers.get("Location")).toBe("/");
		expect(res.headers.get("Set-Cookie")).toMatch(/^ef_user=;.*Max-Age=0/);
		expect((await browserGet("/api/me", { Cookie: cookie })).status).toBe(401);
		const [session] = await sessionsOf(userId);
		expect(session?.revokedAt).not.toBeNull();
	});

	it("limits sign-in attempts to 5 per 5 minutes per IP: the 6th is 429 RATE_LIMITED", () =>
		inOneRateWindow(async () => {
			const ip = uniqueIp();
			const states = await getDb(env.DB).$count(oidcLoginStates);
			for (let i = 0; i < 5; i++) expect((await browserGet("/auth/login", { "CF-Connecting-IP": ip })).status).toBe(302);
			const limited = await browserGet("/auth/login", { "CF-Connecting-IP": ip });
			expect(limited.status).toBe(429);
			expect(await errorCode(limited)).toBe("RATE_LIMITED");
			expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
			expect(await getDb(env.DB).$count(oidcLoginStates)).toBeLessThanOrEqual(states + 5);
			// Another address is not affected.
			expect((await browserGet("/auth/login", { "CF-Connecting-IP": uniqueIp() })).status).toBe(302);
		}));

	it("returns only to paths on this site: https://evil.example and //evil.example become /", async () => {
		for (const returnTo of ["https://evil.example", "//evil.example/x", "/\\evil.example"]) {
			const { callbackUrl } = await startSignIn(uniqueEmail("redirect"), "Redirect", { returnTo });
			const res = await finishSignIn(callbackUrl);
			expect(res.status).toBe(302);
			expect(res.headers.get("Location")).toBe("/");
		}
	});
});

describe("safeReturnTo", () => {
	it.each([
		["/styles?tag=ink#top", "/styles?tag=ink#top"],
		["/account", "/account"],
		[undefined, "/"],
		["", "/"],
		["styles", "/"],
		["https://evil.example/", "/"],
		["//evil.example", "/"],
		["/\\evil.example", "/"],
		["/%0d%0aSet-Cookie:x", "/%0d%0aSet-Cookie:x"],
		["/\r\nx", "/"],
		["/auth/login", "/"],
		[`/${"a".repeat(600)}`, "/"],
		["javascript:alert(1)", "/"],
	])("%s → %s", (input, expected) => {
		expect(safeReturnTo(input)).toBe(expected);
	});
});

describe("storefront header", () => {
	it("signed out: a Sign in link back to the page", async () => {
		const res = await browserGet("/?q=1", { Accept: "text/html" });
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('href="/auth/login?return_to=%2F%3Fq%3D1"');
		expect(html).not.toContain('href="/me"');
	});

	it("signed in: name, balance, unread notifications, and links to styles and my page", async () => {
		const who = await createTestUser({ name: "Header Person", credits: 1234 });
		const db = getDb(env.DB);
		for (const n of [1, 2, 3]) {
			await db.insert(notifications).values({
				id: `ntf_header_${who.user.id}_${n}`,
				userId: who.user.id,
				kind: "generation_completed",
				title: "Done",
				dedupeKey: `header:${who.user.id}:${n}`,
				createdAt: new Date().toISOString(),
				readAt: n === 3 ? new Date().toISOString() : null,
			});
		}
		const res = await browserGet("/", { Accept: "text/html", Cookie: who.cookie });
		expect(res.status).toBe(200);
		expect(res.headers.get("Cache-Control")).toBe("private, no-store");
		const html = await res.text();
		expect(html).toContain("Header Person");
		expect(html).toMatch(/href="\/credits"[^>]*>1,234 <span class="nav-credits-unit">credits<\/span>/);
		expect(html).toContain('aria-label="Notifications, 2 unread"');
		expect(html).toContain('href="/styles"');
		expect(html).toContain('href="/me"');
		expect(html).not.toContain("Sign in</a>");
	});

	it("an ended session shows the signed-out header", async () => {
		const who = await createTestUser({ name: "Gone Person" });
		await getDb(env.DB).update(userSessions).set({ revokedAt: new Date().toISOString() }).where(eq(userSessions.userId, who.user.id));
		const html = await (await browserGet("/", { Accept: "text/html", Cookie: who.cookie })).text();
		expect(html).not.toContain("Gone Person");
		expect(html).toContain("Sign in");
	});
});
