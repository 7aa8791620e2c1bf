import { Hono } from "hono";
import { z } from "zod";
import { readAvatar } from "../accounts/avatar";
import { completedStylesOf, publicImagesOf } from "../accounts/my-page";
import { publicProfile } from "../accounts/profile";
import { avatarVersionOf, publicUserView } from "../accounts/public-user";
import { loadViewer } from "../accounts/viewer";
import type { AppEnv } from "../app-env";
import { followState, listFollowers, listFollowing } from "../community/follows";
import { generationView } from "../generation/queries";
import { AppError } from "../lib/errors";
import { validate } from "../lib/validate";
import { CommunityScript } from "../views/community/community-script";
import { FollowButton } from "../views/community/follow-button";
import { FollowListPage } from "../views/profile/follow-list-page";
import { ProfilePage } from "../views/profile/profile-page";
import { renderPage } from "./render-page";

const UserParams = z.object({ id: z.string().min(1).max(64) });
const PageQuery = z.object({ cursor: z.string().max(200).optional() });
const AvatarQuery = z.object({ v: z.string().max(64).optional() });
/** Images per page of a profile. */
const PAGE_SIZE = 24;

/** `?cursor=` for the next page of `path`, or null at the end. */
function nextPageOf(path: string, cursor: string | null): string | null {
	return cursor ? `${path}?cursor=${encodeURIComponent(cursor)}` : null;
}

/**
 * Public profiles: `/users/:id` (picture, nickname, bio, counts, public images newest first and,
 * for artists, their completed styles; a deactivated account says so; a deleted or unknown one
 * is the 404 page), `/users/:id/followers|following` and `/users/:id/avatar`.
 */
export const userPages = new Hono<AppEnv>()
	.get("/:id/avatar", validate("param", UserParams), validate("query", AvatarQuery), async (c) => {
		const { db, files, now } = c.var.deps;
		const found = await readAvatar({ db, files, now }, c.req.valid("param").id);
		if (!found) throw new AppError(404, "NOT_FOUND", "This user has no profile picture.");
		// The URL carries the picture's version (avatarUrlOf): that URL never changes its bytes, so caches keep it for good.
		const current = c.req.valid("query").v === avatarVersionOf(found.key);
		return c.body(found.object.body, 200, {
			"Content-Type": found.object.httpMetadata?.contentType ?? "application/octet-stream",
			"Cache-Control": current ? "public, max-age=31536000, immutable" : "no-cache",
			"X-Content-Type-Options": "nosniff",
			"Content-Security-Policy": "default-src 'none'; sandbox",
		});
	})
	.get("/:id", loadViewer, validate("param", UserParams), validate("query", PageQuery), async (c) => {
		const { db } = c.var.deps;
		const { id } = c.req.valid("param");
		const profile = await publicProfile(db, id);
		const viewerId = c.var.viewer?.user?.id;
		const [images, styles, followed] = await Promise.all([
			publicImagesOf(db, id, { cursor: c.req.valid("query").cursor, limit: PAGE_SIZE }),
			profile.role === "artist" ? completedStylesOf(db, id) : [],
			followState(db, viewerId, [id]),
		]);
		const own = viewerId === id;
		return renderPage(
			c,
			<ProfilePage
				viewer={c.var.viewer}
				profile={profile}
				actions={
					own ? (
						<a class="button button-secondary button-sm" href="/me/profile">
							{c.var.i18n.t("profile:editProfile")}
						</a>
					) : (
						<>
							<FollowButton viewer={c.var.viewer} userId={id} following={followed.has(id)} />
							<CommunityScript />
						</>
					)
				}
				images={images.items.map(generationView)}
				nextPage={nextPageOf(`/users/${id}`, images.nextCursor)}
				styles={styles.map((s) => ({ id: s.id, slug: s.slug, title: s.title, price_credits: s.priceCredits }))}
			/>,
		);
	})
	.get("/:id/followers", loadViewer, validate("param", UserParams), validate("query", PageQuery), async (c) => {
		const { id } = c.req.valid("param");
		const profile = await publicProfile(c.var.deps.db, id);
		const page = await listFollowers(c.var.deps.db, id, c.req.valid("query").cursor);
		return renderPage(
			c,
			<FollowListPage
				viewer={c.var.viewer}
				profile={profile}
				kind="followers"
				people={page.users.map(publicUserView)}
				nextPage={nextPageOf(`/users/${id}/followers`, page.nextCursor)}
			/>,
		);
	})
	.get("/:id/following", loadViewer, validate("param", UserParams), validate("query", PageQuery), async (c) => {
		const { id } = c.req.valid("param");
		const profile = await publicProfile(c.var.deps.db, id);
		const page = await listFollowing(c.var.deps.db, id, c.req.valid("query").cursor);
		return renderPage(
			c,
			<FollowListPage
				viewer={c.var.viewer}
				profile={profile}
				kind="following"
				people={page.users.map(publicUserView)}
				nextPage={nextPageOf(`/users/${id}/following`, page.nextCursor)}
			/>,
		);
	});
