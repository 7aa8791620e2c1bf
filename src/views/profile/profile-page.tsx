import type { Child } from "hono/jsx";
import type { PublicProfile } from "../../accounts/profile";
import type { Viewer } from "../../accounts/viewer";
import type { GenerationView } from "../../generation/queries";
import { useI18n } from "../../i18n/context";
import { Layout } from "../layout";
import { GenerationCard } from "../me/generation-card";
import { MoreLink } from "../more-link";
import { ProfileHead } from "./profile-head";

/** One completed style on an artist's profile. */
export type ProfileStyle = { id: string; slug: string; title: string; price_credits: number };

/** Props of {@link ProfilePage}. */
export type ProfilePageProps = {
	viewer?: Viewer | null;
	profile: PublicProfile;
	/** The follow button (H2's FollowButton), or the edit link on one's own profile. */
	actions?: Child;
	images: GenerationView[];
	nextPage: string | null;
	styles: ProfileStyle[];
};

/** `/users/:id`: a person's public profile: who they are, their public images and, for artists, their styles. */
export function ProfilePage({ viewer, profile, actions, images, nextPage, styles }: ProfilePageProps) {
	const { t } = useI18n();
	return (
		<Layout title={profile.nickname} viewer={viewer}>
			<ProfileHead profile={profile} actions={actions} />
			{profile.status === "deactivated" ? (
				<p class="notice" role="status">
					{t("profile:deactivated")}
				</p>
			) : null}
			{profile.role === "artist" ? (
				<section class="me-section" aria-labelledby="profile-styles-title">
					<h2 id="profile-styles-title" class="section-title">
						{t("profile:styles")}
					</h2>
					{styles.length > 0 ? (
						<ul class="my-styles">
							{styles.map((style) => (
								<li class="card my-style">
									<a href={`/styles/${style.slug}`}>{style.title}</a>
									<span class="small muted">{t("profile:perImage", { count: style.price_credits })}</span>
								</li>
							))}
						</ul>
					) : (
						<p class="muted">{t("profile:noStyles")}</p>
					)}
				</section>
			) : null}
			<section class="me-section" aria-labelledby="profile-images-title">
				<h2 id="profile-images-title" class="section-title">
					{t("profile:images")}
				</h2>
				{images.length > 0 ? (
					<ul class="generation-grid">
						{images.map((generation) => (
							<GenerationCard generation={generation} />
						))}
					</ul>
				) : (
					<p class="muted">{t("profile:noImages")}</p>
				)}
				<MoreLink href={nextPage} label={t("profile:more")} />
			</section>
		</Layout>
	);
}
