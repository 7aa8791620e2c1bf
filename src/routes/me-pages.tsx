import { Hono } from "hono";
import { z } from "zod";
import { removeAvatar, setAvatar } from "../accounts/avatar";
import { requireUser, signedInUser, userPage } from "../accounts/guards";
import { likedImagesOf, myStyles } from "../accounts/my-page";
import { ProfileUpdate, publicProfile, updateProfile } from "../accounts/profile";
import { loadViewer } from "../accounts/viewer";
import type { AppEnv } from "../app-env";
import { creditBalance } from "../credits/ledger";
import { earningsOverview } from "../earnings/report";
import { generationView, listUserGenerations } from "../generation/queries";
import { mintProgressToken } from "../gpu/progress-token";
import { validate } from "../lib/validate";
import { parseInput, requestForm } from "../styles/parse-input";
import { filesOfField } from "../styles/training-images";
import { payoutNoticeOf } from "../views/earnings/earnings-panel";
import { ME_TABS, MePage, type MeTabContent, tabsFor } from "../views/me/me-page";
import { EditProfilePage, type ProfileFlash } from "../views/profile/edit-profile-page";
import { formError } from "./form-error";
import { renderPage } from "./render-page";

const MeQuery = z.object({ tab: z.string().max(20).optional(), cursor: z.string().max(200).optional(), payout: z.string().max(40).optional() });
const EditQuery = z.object({ saved: z.enum(["profile", "avatar", "avatarRemoved"]).optional().catch(undefined) });
/** The profile form's fields as typed; their rules are the API's ({@link ProfileUpdate}). */
const ProfileForm = z.object({ nickname: z.string().max(200).default(""), bio: z.string().max(2000).default("") });
/** Generations per page. */
const PAGE_SIZE = 24;

function nextPageOf(tab: string, cursor: string | null): string | null {
	return cursor ? `/me?tab=${tab}&cursor=${encodeURIComponent(cursor)}` : null;
}

/**
 * "My page" (`GET /me?tab=images|likes|styles|earnings`, tabs as plain links) and the profile
 * editor (`/me/profile`): its forms post here (`_csrf` checked by the guard) and call the same
 * domain functions as `PATCH /api/me/profile` and `PUT|DELETE /api/me/avatar`, then come back
 * with a notice, or show the form again with the refusal in the reader's language.
 */
export const mePages = new Hono<AppEnv>()
	.get("/", userPage, loadViewer, validate("query", MeQuery), async (c) => {
		const { db, keys, now, config } = c.var.deps;
		const { user, csrfToken } = signedInUser(c);
		const query = c.req.valid("query");
		const requested = ME_TABS.find((tab) => tab === query.tab) ?? "images";
		const tab = tabsFor(user.role).includes(requested) ? requested : "images";
		const [profile, balance, content] = await Promise.all([
			publicProfile(db, user.id),
			creditBalance(db, user.id),
			(async (): Promise<MeTabContent> => {
				if (tab === "likes") {
					const page = await likedImagesOf(db, user.id, { cursor: query.cursor, limit: PAGE_SIZE });
					return { tab, generations: page.items.map(generationView), nextPage: nextPageOf(tab, page.nextCursor) };
				}
				if (tab === "styles") {
					const rows = await myStyles(db, user.id);
					return {
						tab,
						styles: rows.map((s) => ({
							id: s.id,
							slug: s.slug,
							title: s.title,
							status: s.status,
							price_credits: s.priceCredits,
							generation_count: s.generationCount,
						})),
					};
				}
				if (tab === "earnings") {
					return { tab, report: await earningsOverview(db, config.earnings, user.id, now()), notice: payoutNoticeOf(query.payout) };
				}
				const [page, progressToken] = await Promise.all([
					listUserGenerations(db, user.id, { cursor: query.cursor, limit: PAGE_SIZE }),
					mintProgressToken(keys.progress, { type: "user", id: user.id }, now()),
				]);
				return { tab: "images", generations: page.items.map(generationView), nextPage: nextPageOf("images", page.nextCursor), progressToken };
			})(),
		]);
		return renderPage(
			c,
			<MePage viewer={c.var.viewer} profile={profile} email={user.email} name={user.name} balance={balance} csrfToken={csrfToken} content={content} />,
		);
	})
	.get("/profile", userPage, loadViewer, validate("query", EditQuery), async (c) => {
		const { user, csrfToken } = signedInUser(c);
		const profile = await publicProfile(c.var.deps.db, user.id);
		const flash: ProfileFlash | null = c.req.valid("query").saved ?? null;
		return renderPage(c, <EditProfilePage viewer={c.var.viewer} profile={profile} csrfToken={csrfToken} flash={flash} />);
	})
	.post("/profile", requireUser, loadViewer, validate("form", ProfileForm), async (c) => {
		const { db } = c.var.deps;
		const { user, csrfToken } = signedInUser(c);
		const typed = c.req.valid("form");
		try {
			await updateProfile(db, user.id, parseInput(ProfileUpdate, typed));
			return c.redirect("/me/profile?saved=profile", 303);
		} catch (err) {
			const problem = formError(err, c.var.i18n);
			if (!problem) throw err;
			const profile = await publicProfile(db, user.id);
			return renderPage(
				c,
				<EditProfilePage viewer={c.var.viewer} profile={profile} csrfToken={csrfToken} error={{ form: "profile", message: problem.message }} values={typed} />,
				problem.status,
			);
		}
	})
	.post("/profile/avatar", requireUser, loadViewer, async (c) => {
		const { db, files, now } = c.var.deps;
		const { user, csrfToken } = signedInUser(c);
		try {
			const [file] = await filesOfField(await requestForm(c.req.raw), "avatar");
			await setAvatar({ db, files, now }, user.id, file);
			return c.redirect("/me/profile?saved=avatar", 303);
		} catch (err) {
			const problem = formError(err, c.var.i18n);
			if (!problem) throw err;
			const profile = await publicProfile(db, user.id);
			return renderPage(
				c,
				<EditProfilePage viewer={c.var.viewer} profile={profile} csrfToken={csrfToken} error={{ form: "avatar", message: problem.message }} />,
				problem.status,
			);
		}
	})
	.post("/profile/avatar/delete", requireUser, async (c) => {
		const { db, files, now } = c.var.deps;
		await removeAvatar({ db, files, now }, signedInUser(c).user.id);
		return c.redirect("/me/profile?saved=avatarRemoved", 303);
	});
