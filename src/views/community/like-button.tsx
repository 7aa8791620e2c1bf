import type { Viewer } from "../../accounts/viewer";
import { useI18n } from "../../i18n/context";
import { FormFields, signInHref } from "./sign-in-link";

/** Props of {@link LikeButton}. */
export type LikeButtonProps = { viewer: Viewer | null | undefined; generationId: string; liked: boolean; count: number };

/**
 * The like toggle of an image: a form post to `/community/generations/:id/like` whose `intent`
 * says what the reader saw (like or unlike), so a double submit is a no-op, never a 409; with
 * JavaScript (/js/community.js) it calls the JSON API and updates the count in place. A
 * signed-out reader sees the count and a sign-in link.
 */
export function LikeButton({ viewer, generationId, liked, count }: LikeButtonProps) {
	const { t } = useI18n();
	const shown = (
		<span class="like-count" data-like-count={count} data-one={t("community:like.count", { count: 1 })} data-other={t("community:like.count", { count: 2 })}>
			{t("community:like.count", { count })}
		</span>
	);
	const user = viewer?.user;
	if (!user) {
		return (
			<span class="like-control">
				{shown}{" "}
				<a class="small" href={signInHref(viewer)}>
					{t("community:like.signIn")}
				</a>
			</span>
		);
	}
	return (
		<form
			class="like-control"
			method="post"
			action={`/community/generations/${generationId}/like`}
			data-community="like"
			data-generation-id={generationId}
			data-liked={liked ? "true" : "false"}
			data-label-like={t("community:like.like")}
			data-label-unlike={t("community:like.unlike")}
		>
			<FormFields csrfToken={user.csrfToken} returnTo={viewer.path} />
			<input type="hidden" name="intent" value={liked ? "unlike" : "like"} />
			<button type="submit" class="button button-ghost button-sm like-button" aria-pressed={liked ? "true" : "false"}>
				<span aria-hidden="true">{liked ? "♥" : "♡"}</span> <span class="like-label">{liked ? t("community:like.unlike") : t("community:like.like")}</span>
			</button>{" "}
			{shown}
		</form>
	);
}
