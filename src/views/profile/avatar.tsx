import type { PublicUser } from "../../accounts/public-user";
import { useI18n } from "../../i18n/context";

/** A person's picture, or the first letter of their nickname in a circle when they have none. */
export function Avatar({ user, size = 48 }: { user: Pick<PublicUser, "nickname" | "avatar_url">; size?: number }) {
	const { t } = useI18n();
	const style = `width:${size}px;height:${size}px`;
	return user.avatar_url ? (
		<img class="avatar" src={user.avatar_url} alt={t("profile:avatarAlt", { nickname: user.nickname })} width={size} height={size} style={style} />
	) : (
		<span class="avatar avatar-initial" style={style} role="img" aria-label={t("profile:avatarAlt", { nickname: user.nickname })}>
			{Array.from(user.nickname)[0]?.toUpperCase() ?? "?"}
		</span>
	);
}
