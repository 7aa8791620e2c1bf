import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { ArtistApplicationRequest, applyAsArtist, latestApplication } from "../accounts/artist-applications";
import { artistWorkUsed, deactivateAccount } from "../accounts/deactivate";
import { eraseAccount } from "../accounts/erase-account";
import { requireUser, signedInUser } from "../accounts/guards";
import { endUserSession } from "../accounts/sessions";
import { loadViewer, type Viewer } from "../accounts/viewer";
import type { AppEnv } from "../app-env";
import type { Db } from "../db/client";
import { users } from "../db/schema";
import { localizedErrorMessage } from "../i18n/error-message";
import { AppError } from "../lib/errors";
import { validate } from "../lib/validate";
import { AccountPage, type AccountPageProps } from "../views/account";
import { renderPage } from "./render-page";

const AccountQuery = z.object({ applied: z.string().optional() });
/** The form's shape only; its rules are the API's ({@link ArtistApplicationRequest}), shown on the page when broken. */
const ApplicationForm = z.object({ statement: z.string().max(20_000).default("") });
/** The confirmation box of the deactivation and deletion forms; without it the page says to tick it. */
const ConfirmForm = z.object({ confirm: z.literal("yes").optional() });

/** The account page's data for `userId`. */
async function accountProps(db: Db, userId: string, viewer: Viewer | null): Promise<Omit<AccountPageProps, "csrfToken">> {
	const [user, application, used] = await Promise.all([
		db.query.users.findFirst({ where: eq(users.id, userId) }),
		latestApplication(db, userId),
		artistWorkUsed(db, userId),
	]);
	if (!user) throw new AppError(401, "UNAUTHORIZED", "Sign in first.");
	return {
		user: { name: user.name, email: user.email, role: user.role, credits: user.creditBalance },
		application: application
			? { status: application.status, statement: application.statement, createdAt: application.createdAt, decidedAt: application.decidedAt }
			: null,
		viewer,
		deletable: !used,
	};
}

/** `/account`: the signed-in user's account page, and the artist application form (plain form post). */
export const accountPages = new Hono<AppEnv>()
	.get("/", loadViewer, validate("query", AccountQuery), async (c) => {
		const viewer = c.var.viewer ?? null;
		if (!viewer?.user) return c.redirect("/auth/login?return_to=%2Faccount", 303);
		const props = await accountProps(c.var.deps.db, viewer.user.id, viewer);
		return renderPage(c, <AccountPage {...props} csrfToken={viewer.user.csrfToken} applied={c.req.valid("query").applied !== undefined} />);
	})
	.post("/artist-application", requireUser, loadViewer, validate("form", ApplicationForm), async (c) => {
		const { db, now } = c.var.deps;
		const { user, csrfToken } = signedInUser(c);
		const typed = c.req.valid("form").statement;
		const parsed = ArtistApplicationRequest.safeParse({ statement: typed });
		let error: string;
		if (parsed.success) {
			try {
				await applyAsArtist(db, user.id, parsed.data.statement, now());
				return c.redirect("/account?applied=1", 303);
			} catch (err) {
				if (!(err instanceof AppError) || err.code !== "CONFLICT") throw err;
				error = localizedErrorMessage(err, c.var.i18n);
			}
		} else {
			error = c.var.i18n.t("account:artist.statementInvalid");
		}
		const props = await accountProps(db, user.id, c.var.viewer ?? null);
		return renderPage(c, <AccountPage {...props} csrfToken={csrfToken} error={error} statement={typed} />, parsed.success ? 409 : 400);
	})
	.post("/deactivate", requireUser, loadViewer, validate("form", ConfirmForm), async (c) => {
		const { db, now } = c.var.deps;
		const { user, csrfToken } = signedInUser(c);
		if (!c.req.valid("form").confirm) {
			const props = await accountProps(db, user.id, c.var.viewer ?? null);
			return renderPage(c, <AccountPage {...props} csrfToken={csrfToken} rightsError={c.var.i18n.t("account:rights.confirmRequired")} />, 400);
		}
		await deactivateAccount(db, user.id, now());
		await endUserSession(c, db, now());
		return c.redirect("/", 303);
	})
	.post("/delete", requireUser, loadViewer, validate("form", ConfirmForm), async (c) => {
		const { db, files, now } = c.var.deps;
		const { user, csrfToken } = signedInUser(c);
		let rightsError: string = c.var.i18n.t("account:rights.confirmRequired");
		let status: 400 | 409 = 400;
		if (c.req.valid("form").confirm) {
			try {
				await eraseAccount({ db, files, now, erasers: c.var.deps.accountErasers }, user.id);
				await endUserSession(c, db, now());
				return c.redirect("/", 303);
			} catch (err) {
				if (!(err instanceof AppError) || err.code !== "ACCOUNT_NOT_DELETABLE") throw err;
				rightsError = localizedErrorMessage(err, c.var.i18n);
				status = 409;
			}
		}
		const props = await accountProps(db, user.id, c.var.viewer ?? null);
		return renderPage(c, <AccountPage {...props} csrfToken={csrfToken} rightsError={rightsError} />, status);
	});
