import type { Child } from "hono/jsx";
import type { PublicProfile } from "../../accounts/profile";
import { useI18n } from "../../i18n/context";
import { Avatar } from "./avatar";

/** The top of a profile: picture, nickname, role badge, bio, follower and following counts (linking to the lists). */
export function ProfileHead({ profile, actions }: { profile: PublicProfile; actions?: Child }) {
	const { t, date } = useI18n();
	return (
		<header class="profile-head">
			<Avatar user={profile} size={96} />
			<div class="profile-head-body">
				<h1 class="profile-nickname">
					{profile.nickname} {profile.role === "artist" ? <span class="badge badge-info">{t("profile:role.artist")}</span> : null}
				</h1>
				<p class="profile-bio">{profile.bio ? profile.bio : <span class="muted">{t("profile:noBio")}</span>}</p>
				<p class="profile-counts small">
					<a href={`/users/${profile.id}/followers`} data-follower-count={profile.follower_count}>
						{t("profile:followers", { count: profile.follower_count })}
					</a>
					{" · "}
					<a href={`/users/${profile.id}/following`}>{t("profile:following", { count: profile.following_count })}</a>
					{" · "}
					<span class="muted">{t("profile:joined", { date: date(profile.created_at) })}</span>
				</p>
				{actions ? <div class="profile-actions">{actions}</div> : null}
			</div>
		</header>
	);
}
