import type { Viewer } from "../../accounts/viewer";
import { useI18n } from "../../i18n/context";
import { FormFields, signInHref } from "./sign-in-link";

/** Props of {@link FollowButton}. `followerCount`, when given, is shown and kept current by /js/community.js. */
export type FollowButtonProps = { viewer: Viewer | null | undefined; userId: string; following: boolean; followerCount?: number };

/**
 * Follow or unfollow a person: a plain form post to `/community/users/:id/follow|unfollow`
 * (works without JavaScript), which /js/community.js turns into a call of the JSON API. Nothing
 * for one's own profile; a sign-in link for a signed-out reader.
 */
export function FollowButton({ viewer, userId, following, followerCount }: FollowButtonProps) {
	const { t } = useI18n();
	const count =
		followerCount === undefined ? null : (
			<span
				class="follower-count muted small"
				data-follower-count={followerCount}
				data-one={t("community:follow.followers", { count: 1 })}
				data-other={t("community:follow.followers", { count: 2 })}
			>
				{t("community:follow.followers", { count: followerCount })}
			</span>
		);
	const user = viewer?.user;
	if (!user) {
		return (
			<span class="follow-control">
				{count}
				<a class="button button-secondary button-sm" href={signInHref(viewer)}>
					{t("community:follow.signIn")}
				</a>
			</span>
		);
	}
	if (user.id === userId) return <span class="follow-control">{count}</span>;
	return (
		<form
			class="follow-control"
			method="post"
			action={`/community/users/${userId}/${following ? "unfollow" : "follow"}`}
			data-community="follow"
			data-user-id={userId}
			data-following={following ? "true" : "false"}
			data-label-follow={t("community:follow.follow")}
			data-label-unfollow={t("community:follow.unfollow")}
		>
			<FormFields csrfToken={user.csrfToken} returnTo={viewer.path} />
			{count}
			<button type="submit" class={`button button-sm ${following ? "button-secondary" : ""}`} aria-pressed={following ? "true" : "false"}>
				{following ? t("community:follow.unfollow") : t("community:follow.follow")}
			</button>
		</form>
	);
}
