import { and, eq, isNull } from "drizzle-orm";
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { reactivateAccount } from "../accounts/deactivate";
import { requireUser } from "../accounts/guards";
import { beginSignIn, discover, issuerKeys, LOGIN_STATE_TTL_MS, redeemCode, requireOidc, spendLoginState, verifyIdToken } from "../accounts/oidc";
import { safeReturnTo } from "../accounts/return-to";
import { endUserSession, startUserSession } from "../accounts/sessions";
import { grantWelcomeCredits, upsertSignedInUser } from "../accounts/users";
import type { AppEnv } from "../app-env";
import { clientInfo } from "../commerce/client";
import { users } from "../db/schema";
import { localizedErrorMessage } from "../i18n/error-message";
import { AppError, toAppError } from "../lib/errors";
import { secretsEqual } from "../lib/hash";
import { log } from "../lib/log";
import { enforceRateLimit, type RateLimit } from "../lib/rate-limit";
import { validate } from "../lib/validate";
import { SignInErrorPage } from "../views/account";
import { wantsHtml } from "./error-response";
import { renderPage } from "./render-page";

/** Sign-in attempts per client IP (DESIGN §6): each one costs the issuer a round trip and us a stored state. */
export const USER_SIGN_IN_LIMIT: RateLimit = { name: "user-signin", limit: 5, windowMs: 5 * 60_000 };

/** A malformed return_to is no reason to refuse a sign-in: it just returns home. */
const LoginQuery = z.object({ return_to: z.string().optional().catch(undefined) });
const CallbackQuery = z.object({
	code: z.string().max(2048).optional(),
	state: z.string().max(512).optional(),
	error: z.string().max(256).optional(),
});

/** Sign-in pages carry single-use secrets in their URLs: never cached, never leaked in a Referer. */
const NO_STORE = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };

function invalidState(): AppError {
	return new AppError(400, "TOKEN_INVALID", "This sign-in has expired or was already used. Please sign in again.");
}

/**
 * The browser that started a sign-in keeps its state in a cookie, and only that browser may
 * finish it: otherwise someone could start a sign-in, stop at the callback URL and have a victim
 * open it, signing the victim in to the attacker's account (login CSRF, RFC 6749 §10.12).
 * SameSite=Lax: the issuer's redirect back is a top-level GET, on which Lax cookies are sent.
 * One sign-in per browser at a time: a second one started meanwhile takes the cookie over.
 */
function loginCookieName(url: string): string {
	return new URL(url).protocol === "https:" ? "__Host-ef_signin" : "ef_signin";
}

/**
 * User sign-in with OpenID Connect: `GET /auth/login` sends the browser to the issuer,
 * `GET /auth/callback` finishes the sign-in (state spent once, code redeemed with the PKCE
 * verifier, ID token verified), `POST /auth/logout` ends the session.
 */
export const authPages = new Hono<AppEnv>()
	// Every sign-in response, errors included: no caching, no Referer.
	.use(async (c, next) => {
		await next();
		for (const [name, value] of Object.entries(NO_STORE)) c.res.headers.set(name, value);
	})
	.get("/login", validate("query", LoginQuery), async (c) => {
		const { db, limiter, config, keys, now } = c.var.deps;
		const client = await clientInfo(c, keys.clientHash);
		await enforceRateLimit(limiter, `ip:${client.ipHash}`, USER_SIGN_IN_LIMIT, now().getTime());
		const oidc = requireOidc(config.oidc);
		const provider = await discover(c.var.deps.http, oidc.issuer);
		const { authorizationUrl, state } = await beginSignIn(db, oidc, provider, safeReturnTo(c.req.valid("query").return_to), now());
		const secure = new URL(c.req.url).protocol === "https:";
		setCookie(c, loginCookieName(c.req.url), state, { httpOnly: true, secure, sameSite: "Lax", path: "/", maxAge: LOGIN_STATE_TTL_MS / 1000 });
		return c.redirect(authorizationUrl, 302);
	})
	.get("/callback", validate("query", CallbackQuery), async (c) => {
		const { db, config, now } = c.var.deps;
		const { code, state, error } = c.req.valid("query");
		if (!state) throw invalidState();
		const started = getCookie(c, loginCookieName(c.req.url));
		deleteCookie(c, loginCookieName(c.req.url), { path: "/", secure: new URL(c.req.url).protocol === "https:" });
		if (!started || !(await secretsEqual(started, state))) {
			throw new AppError(400, "TOKEN_INVALID", "This sign-in was started in another browser or has expired. Please sign in again here.");
		}
		// Spent first, whatever happens next: a state never serves two callbacks.
		const login = await spendLoginState(db, state, now());
		if (!login) throw invalidState();
		if (error) {
			const reason = /^[a-z_]{1,64}$/.test(error) ? ` (${error})` : "";
			throw new AppError(401, "UNAUTHORIZED", `The sign-in was cancelled or refused at the provider${reason}.`);
		}
		if (!code) throw invalidState();
		const oidc = requireOidc(config.oidc);
		const provider = await discover(c.var.deps.http, oidc.issuer);
		const idToken = await redeemCode(c.var.deps.http, oidc, provider, code, login.codeVerifier);
		const identity = await verifyIdToken(idToken, {
			issuer: oidc.issuer,
			clientId: oidc.clientId,
			nonce: login.nonce,
			keys: issuerKeys(provider.jwks_uri, c.var.deps.http),
		});
		const signedInAt = now();
		const user = await upsertSignedInUser(db, oidc.issuer, identity, signedInAt);
		await grantWelcomeCredits(db, user.id, signedInAt);
		// A deactivated account comes back by signing in (docs: account deactivation).
		await reactivateAccount(db, user.id, signedInAt);
		// A first language for mails and notifications: the one this sign-in was made in.
		if (user.locale === null)
			await db
				.update(users)
				.set({ locale: c.var.i18n.locale })
				.where(and(eq(users.id, user.id), isNull(users.locale)));
		await startUserSession(c, db, user.id, signedInAt);
		log("info", "user signed in", { requestId: c.var.requestId, userId: user.id });
		return c.redirect(login.returnTo, 302);
	})
	.post("/logout", requireUser, async (c) => {
		await endUserSession(c, c.var.deps.db, c.var.deps.now());
		return c.redirect("/", 303);
	})
	// Browsers get a page that offers to sign in again; API clients the app's JSON envelope.
	.onError((err, c) => {
		const known = toAppError(err);
		if (known.unexpected || !wantsHtml(c)) throw err;
		const { t } = c.var.i18n;
		const heading =
			known.code === "RATE_LIMITED"
				? t("account:signIn.tooManyAttempts")
				: c.req.path.endsWith("/logout")
					? t("account:signIn.signOutFailed")
					: t("account:signIn.signInFailed");
		const page = (
			<SignInErrorPage
				status={known.status}
				code={known.code}
				message={localizedErrorMessage(known, c.var.i18n)}
				requestId={c.var.requestId}
				heading={heading}
			/>
		);
		return renderPage(c, page, known.status, { ...known.headers, ...NO_STORE });
	});
