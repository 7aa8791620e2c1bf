import { csrf } from "hono/csrf";
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import { isAdminKey } from "../../admin/admin-auth";
import { consumeMagicLink, createMagicLink, currentAdminSession, peekMagicLink, startAdminSession } from "../../admin/sessions";
import type { AppEnv } from "../../app-env";
import { clientInfo } from "../../commerce/client";
import type { I18n } from "../../i18n/i18n";
import { errorMessage, log } from "../../lib/log";
import { enforceRateLimit, type RateLimit } from "../../lib/rate-limit";
import { validate } from "../../lib/validate";
import { CheckInboxPage, ConfirmSignInPage, LoginPage } from "../../views/admin/login";
import { STORE_NAME } from "../../views/layout";
import type { AppDeps } from "../../wiring";
import { renderPage } from "../render-page";
import { adminRoutes } from "./admin-shell";

/** Sign-in attempts per client IP, key and e-mail forms together: slow enough to make guessing a key hopeless. */
const SIGN_IN_LIMIT: RateLimit = { name: "signin", limit: 5, windowMs: 5 * 60_000 };
const KeyForm = z.object({ key: z.string().max(500) });
const EmailForm = z.object({ email: z.string().trim().max(254) });
const MagicQuery = z.object({ token: z.string().min(1).max(200) });

/** Counts every sign-in attempt of the client's IP, right or wrong, before anything is checked. */
const signInLimit = createMiddleware<AppEnv>(async (c, next) => {
	const { keys, limiter, now } = c.var.deps;
	const client = await clientInfo(c, keys.clientHash);
	await enforceRateLimit(limiter, `ip:${client.ipHash}`, SIGN_IN_LIMIT, now().getTime());
	await next();
});

/** HTML-escapes a catalogue message for the mail's HTML part (messages hold no markup). */
function escapeHtml(text: string): string {
	return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

/**
 * Mails a sign-in link to `email`, in the language of the request that asked for it (an admin
 * address has no user row, so no stored language); run after the response, so an admin
 * address answers no slower than another.
 */
async function sendMagicLink(deps: AppDeps, i18n: I18n, email: string): Promise<void> {
	try {
		const token = await createMagicLink(deps.db, email, deps.now());
		const link = `${deps.config.publicBaseUrl}/admin/login/magic?token=${encodeURIComponent(token)}`;
		const store = STORE_NAME;
		const note = i18n.t("admin:loginMail.note");
		await deps.mailer.send({
			to: email,
			subject: i18n.t("admin:loginMail.subject", { store }),
			text: `${i18n.t("admin:loginMail.text", { store, link })}\n\n${note}`,
			html: `<p><a href="${escapeHtml(link)}">${escapeHtml(i18n.t("admin:loginMail.link", { store }))}</a></p><p>${escapeHtml(note)}</p>`,
		});
	} catch (err) {
		log("error", "sign-in link not sent", { error: errorMessage(err) });
	}
}

/**
 * `/admin/login`: dashboard sign-in with the admin API key or a link mailed to an address of
 * ADMIN_EMAILS. The forms have no session yet, hence no token: hono/csrf's Origin check stands in for it.
 */
export const adminLoginPages = adminRoutes()
	.get("/", async (c) => {
		if (await currentAdminSession(c, c.var.deps.db, c.var.deps.now())) return c.redirect("/admin", 303);
		return renderPage(c, <LoginPage />);
	})
	.post("/", csrf(), signInLimit, validate("form", KeyForm), async (c) => {
		const { config, db, keys, now } = c.var.deps;
		if (!(await isAdminKey(config.adminApiKey, c.req.valid("form").key))) {
			return renderPage(c, <LoginPage error={c.var.i18n.t("admin:login.wrongKey")} />, 401);
		}
		await startAdminSession(c, db, "api-key", await clientInfo(c, keys.clientHash), now());
		return c.redirect("/admin", 303);
	})
	.post("/magic", csrf(), signInLimit, validate("form", EmailForm), async (c) => {
		const email = c.req.valid("form").email;
		if (!z.email().safeParse(email).success) return renderPage(c, <LoginPage error={c.var.i18n.t("admin:login.invalidEmail")} email={email} />, 400);
		const address = email.toLowerCase();
		// Same page, same timing, whether or not the address is an admin's: no account enumeration.
		if (c.var.deps.config.adminEmails.has(address)) c.executionCtx.waitUntil(sendMagicLink(c.var.deps, c.var.i18n, address));
		return renderPage(c, <CheckInboxPage email={email} />);
	})
	.get("/magic", validate("query", MagicQuery), async (c) => {
		// Opening the link spends nothing: mail scanners fetch links before people do.
		const { db, config, now } = c.var.deps;
		const token = c.req.valid("query").token;
		const email = await peekMagicLink(db, token, now());
		if (!email || !config.adminEmails.has(email)) return renderPage(c, <LoginPage error={c.var.i18n.t("admin:login.invalidLink")} />, 401);
		return renderPage(c, <ConfirmSignInPage email={email} token={token} />);
	})
	.post("/magic/confirm", csrf(), signInLimit, validate("form", MagicQuery), async (c) => {
		const { db, config, keys, now } = c.var.deps;
		const email = await consumeMagicLink(db, c.req.valid("form").token, now());
		// An address removed from ADMIN_EMAILS since the link was sent no longer signs in.
		if (!email || !config.adminEmails.has(email)) return renderPage(c, <LoginPage error={c.var.i18n.t("admin:login.invalidLink")} />, 401);
		await startAdminSession(c, db, email, await clientInfo(c, keys.clientHash), now());
		return c.redirect("/admin", 303);
	});
