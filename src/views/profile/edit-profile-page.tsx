import type { PublicProfile } from "../../accounts/profile";
import type { Viewer } from "../../accounts/viewer";
import { useI18n } from "../../i18n/context";
import { Layout } from "../layout";
import { Avatar } from "./avatar";

/** What a saved change says on the page it comes back to (`?saved=`). */
export type ProfileFlash = "profile" | "avatar" | "avatarRemoved";

/** Props of {@link EditProfilePage}. */
export type EditProfilePageProps = {
	viewer?: Viewer | null;
	profile: PublicProfile;
	csrfToken: string;
	flash?: ProfileFlash | null;
	/** A refused change: its message in the reader's language, and which form it came from. */
	error?: { form: "profile" | "avatar"; message: string } | null;
	/** What the person typed, shown again with the error. */
	values?: { nickname?: string; bio?: string };
};

const FLASH_KEY = {
	profile: "profile:edit.saved",
	avatar: "profile:edit.avatarSaved",
	avatarRemoved: "profile:edit.avatarRemoved",
} as const satisfies Record<ProfileFlash, string>;

/**
 * `/me/profile`: nickname and bio (one form), the picture (a multipart form) and its removal;
 * plain forms posting `_csrf`, so it works without JavaScript.
 */
export function EditProfilePage({ viewer, profile, csrfToken, flash, error, values }: EditProfilePageProps) {
	const { t } = useI18n();
	const profileError = error?.form === "profile" ? error.message : null;
	const avatarError = error?.form === "avatar" ? error.message : null;
	return (
		<Layout title={t("profile:edit.title")} viewer={viewer} noindex>
			<p>
				<a href="/me">{t("profile:edit.back")}</a>
			</p>
			<h1>{t("profile:edit.title")}</h1>
			<p class="muted">{t("profile:edit.intro")}</p>
			{flash ? (
				<p class="notice" role="status">
					{t(FLASH_KEY[flash])}
				</p>
			) : null}

			<section class="card form-card" aria-labelledby="avatar-title">
				<h2 id="avatar-title" class="section-title">
					{t("profile:edit.avatar")}
				</h2>
				<div class="profile-avatar-row">
					<Avatar user={profile} size={96} />
					{profile.avatar_url ? null : <span class="muted">{t("profile:edit.noAvatar")}</span>}
				</div>
				{avatarError ? (
					<p class="alert alert-error" role="alert">
						{avatarError}
					</p>
				) : null}
				<form method="post" action="/me/profile/avatar" enctype="multipart/form-data">
					<input type="hidden" name="_csrf" value={csrfToken} />
					<label for="avatar-file">{t("profile:edit.avatar")}</label>
					<input id="avatar-file" type="file" name="avatar" accept="image/png,image/jpeg" required />
					<p class="small muted">{t("profile:edit.avatarHint")}</p>
					<button type="submit" class="button">
						{t("profile:edit.upload")}
					</button>
				</form>
				{profile.avatar_url ? (
					<form method="post" action="/me/profile/avatar/delete">
						<input type="hidden" name="_csrf" value={csrfToken} />
						<button type="submit" class="button button-ghost button-sm">
							{t("profile:edit.removeAvatar")}
						</button>
					</form>
				) : null}
			</section>

			<section class="card form-card" aria-labelledby="profile-form-title">
				<h2 id="profile-form-title" class="section-title">
					{t("profile:edit.title")}
				</h2>
				{profileError ? (
					<p class="alert alert-error" role="alert">
						{profileError}
					</p>
				) : null}
				<form method="post" action="/me/profile">
					<input type="hidden" name="_csrf" value={csrfToken} />
					<label for="nickname">{t("profile:edit.nickname")}</label>
					<input id="nickname" name="nickname" value={values?.nickname ?? profile.nickname} minlength={2} maxlength={20} required autocomplete="nickname" />
					<p class="small muted">{t("profile:edit.nicknameHint")}</p>
					<label for="bio">{t("profile:edit.bio")}</label>
					<textarea id="bio" name="bio" maxlength={160} rows={3}>
						{values?.bio ?? profile.bio}
					</textarea>
					<p class="small muted">{t("profile:edit.bioHint")}</p>
					<button type="submit" class="button">
						{t("profile:edit.save")}
					</button>
				</form>
			</section>
		</Layout>
	);
}
