import type { Viewer } from "../accounts/viewer";
import { useI18n } from "../i18n/context";
import type { NotificationKind } from "../shared/styles";
import { Layout } from "./layout";

/** One notification as the page lists it. */
export type NotificationItem = {
	id: string;
	kind: NotificationKind;
	title: string;
	body: string;
	link: string | null;
	read: boolean;
	created_at: string;
	/** How many people a grouped row (likes, comments, replies, followers) stands for; its title names the latest and counts the others. */
	actor_count?: number;
};

/** Props of {@link NotificationsPage}. */
export type NotificationsPageProps = { viewer?: Viewer | null; notifications: NotificationItem[]; unread: number; csrfToken: string };

/**
 * The user's notifications, newest first, the unread ones highlighted; each can be marked read,
 * or all at once, with plain form posts.
 */
export function NotificationsPage({ notifications, unread, csrfToken, viewer }: NotificationsPageProps) {
	const { t, dateTime } = useI18n();
	return (
		<Layout title={t("account:notifications.title")} viewer={viewer} noindex>
			<div class="section-head">
				<h1>{t("account:notifications.title")}</h1>
				{unread > 0 ? (
					<form method="post" action="/notifications/read-all">
						<input type="hidden" name="_csrf" value={csrfToken} />
						<button type="submit" class="button button-secondary button-sm">
							{t("account:notifications.markAllRead", { count: unread })}
						</button>
					</form>
				) : null}
			</div>
			<p class="muted small" role="status">
				{unread === 0 ? t("account:notifications.allCaughtUp") : t("account:notifications.unreadCount", { count: unread })}
			</p>
			{notifications.length > 0 ? (
				<ul class="notification-list">
					{notifications.map((n) => (
						<li
							class={`card notification ${n.read ? "notification-read" : "notification-unread"}${(n.actor_count ?? 1) > 1 ? " notification-grouped" : ""}`}
							data-notification-id={n.id}
							data-kind={n.kind}
							data-actor-count={n.actor_count ?? 1}
						>
							<div class="notification-main">
								<p class="notification-title">
									{n.read ? null : <span class="visually-hidden">{t("account:notifications.unreadPrefix")}</span>}
									{n.link ? <a href={n.link}>{n.title}</a> : n.title}
								</p>
								{n.body ? <p class="small">{n.body}</p> : null}
								<p class="small muted">{dateTime(n.created_at)}</p>
							</div>
							{n.read ? null : (
								<form method="post" action={`/notifications/${n.id}/read`}>
									<input type="hidden" name="_csrf" value={csrfToken} />
									<button type="submit" class="button button-ghost button-sm">
										{t("account:notifications.markRead")}
									</button>
								</form>
							)}
						</li>
					))}
				</ul>
			) : (
				<div class="empty-state">
					<p class="muted">{t("account:notifications.empty")}</p>
				</div>
			)}
		</Layout>
	);
}
