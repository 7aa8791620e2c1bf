import type { PublicUser } from "../../accounts/public-user";
import { useI18n } from "../../i18n/context";

/** Avatar sizes in pixels, each with its class in public/css/store.css (no inline styles: the CSP forbids them). */
export type AvatarSize = 40 | 48 | 96;

/** A person's picture, or the first letter of their nickname in a circle when they have none. */
export function Avatar({ user, size = 48 }: { user: Pick<PublicUser, "nickname" | "avatar_url">; size?: AvatarSize }) {
	const { t } = useI18n();
	const label = t("profile:avatarAlt", { nickname: user.nickname });
	return user.avatar_url ? (
		<img class={`user-avatar user-avatar-${size}`} src={user.avatar_url} alt={label} width={size} height={size} />
	) : (
		<span class={`user-avatar user-avatar-${size}`} role="img" aria-label={label}>
			{Array.from(user.nickname)[0]?.toUpperCase() ?? "?"}
		</span>
	);
}
