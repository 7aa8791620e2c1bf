import type { PublicProfile } from "../../accounts/profile";
import type { PublicUser } from "../../accounts/public-user";
import type { Viewer } from "../../accounts/viewer";
import { useI18n } from "../../i18n/context";
import { Layout } from "../layout";
import { MoreLink } from "../more-link";
import { Avatar } from "./avatar";

/** Props of {@link FollowListPage}. */
export type FollowListPageProps = {
	viewer?: Viewer | null;
	profile: PublicProfile;
	kind: "followers" | "following";
	people: PublicUser[];
	nextPage: string | null;
};

/** `/users/:id/followers` and `/users/:id/following`: people, newest follow first, a plain "more" link for the next page. */
export function FollowListPage({ viewer, profile, kind, people, nextPage }: FollowListPageProps) {
	const { t } = useI18n();
	const title = t(kind === "followers" ? "profile:followList.followersTitle" : "profile:followList.followingTitle", { nickname: profile.nickname });
	return (
		<Layout title={title} viewer={viewer}>
			<p>
				<a href={`/users/${profile.id}`}>{t("profile:followList.back", { nickname: profile.nickname })}</a>
			</p>
			<h1>{title}</h1>
			{people.length > 0 ? (
				<ul class="people-list">
					{people.map((person) => (
						<li class="card person-row">
							<Avatar user={person} size={40} />
							<a href={`/users/${person.id}`}>{person.nickname}</a>
							{person.role === "artist" ? <span class="badge badge-info">{t("profile:role.artist")}</span> : null}
							<span class="small muted">{t("profile:followers", { count: person.follower_count })}</span>
						</li>
					))}
				</ul>
			) : (
				<p class="muted">{t(kind === "followers" ? "profile:followList.emptyFollowers" : "profile:followList.emptyFollowing")}</p>
			)}
			<MoreLink href={nextPage} label={t("profile:more")} />
		</Layout>
	);
}
