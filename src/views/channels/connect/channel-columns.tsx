import type { ChannelView } from "../../../channels/connect/list";
import { useI18n } from "../../../i18n/context";
import type { Column } from "../../table";

/** Where a channel list's forms post, and the button classes of the page's stylesheet (storefront `button`, dashboard `btn`). */
export type ChannelActions = { base: "/video/channels" | "/admin/channels"; csrfToken: string; button: string; danger: string };

const STATUS_TONE = { connected: "success", needs_reauth: "warning", disconnected: "neutral" } as const;

/** The hidden CSRF field every form of these pages carries. */
export function Csrf({ token }: { token: string }) {
	return <input type="hidden" name="_csrf" value={token} />;
}

/** Reconnect (a needing-reauth channel keeps its plan slot) and a disconnect that asks first, without JavaScript. */
function ChannelButtons({ channel, actions }: { channel: ChannelView; actions: ChannelActions }) {
	const { t } = useI18n();
	return (
		<div class="channel-actions">
			{channel.needs_reauth ? (
				<form method="post" action={`${actions.base}/connect`} class="inline-form">
					<Csrf token={actions.csrfToken} />
					<input type="hidden" name="provider" value={channel.provider} />
					<input type="hidden" name="reconnect" value={channel.id} />
					{channel.provider === "cafe24" ? <input type="hidden" name="account" value={channel.external_id} /> : null}
					<button type="submit" class={actions.button} data-reconnect={channel.id}>
						{t("channels:connect.reconnect")}
					</button>
				</form>
			) : null}
			<details class="confirm">
				<summary>{t("channels:connect.disconnect")}</summary>
				<p>{t("channels:connect.disconnectConfirm", { name: channel.display_name })}</p>
				<form method="post" action={`${actions.base}/${encodeURIComponent(channel.id)}/disconnect`}>
					<Csrf token={actions.csrfToken} />
					<button type="submit" class={actions.danger} data-disconnect={channel.id}>
						{t("channels:connect.disconnectYes")}
					</button>
				</form>
			</details>
		</div>
	);
}

/** The columns of a channel list (user's video channels or the shop's shops): never a token, only the connection's state. */
export function useChannelColumns(actions: ChannelActions): Column<ChannelView>[] {
	const { t, dateTime } = useI18n();
	return [
		{ header: t("channels:connect.columns.provider"), cell: (row) => t(`channels:connect.providers.${row.provider}`) },
		{
			header: t("channels:connect.columns.name"),
			rowHeader: true,
			cellProps: { class: "cell-title" },
			cell: (row) => (
				<>
					{row.display_name}
					<span class="cell-sub">{row.external_id}</span>
					{row.provider === "local" ? (
						<a class="cell-sub" href={`/sandbox/${row.kind === "shop" ? "shops" : "channels"}/${encodeURIComponent(row.external_id)}`}>
							{t("channels:connect.openSandbox")}
						</a>
					) : null}
				</>
			),
		},
		{
			header: t("channels:connect.columns.status"),
			cell: (row) => (
				<>
					<span class={`badge tone-${STATUS_TONE[row.status]} status-${row.status.replace("_", "-")}`} data-channel-status={row.status}>
						{t(`channels:connect.status.${row.status}`)}
					</span>
					{row.needs_reauth ? (
						<p class="alert alert-warning small" role="alert" data-needs-reauth={row.id}>
							{t("channels:connect.reauthNotice", { name: row.display_name })}
							{row.last_error ? <> {t("channels:connect.reauthReason", { reason: row.last_error })}</> : null}
						</p>
					) : null}
				</>
			),
		},
		{
			header: t("channels:connect.columns.expires"),
			cellProps: { class: "nowrap" },
			cell: (row) => (row.token_expires_at ? dateTime(row.token_expires_at) : t("channels:connect.noExpiry")),
		},
		{ header: t("channels:connect.columns.timeZone"), cell: (row) => row.time_zone },
		{ header: <span class="visually-hidden">{t("channels:connect.columns.actions")}</span>, cell: (row) => <ChannelButtons channel={row} actions={actions} /> },
	];
}

/** The banner after a flow or a disconnect; anything else in the query is ignored. */
export type ChannelNotice = "connected" | "denied" | "disconnected";
