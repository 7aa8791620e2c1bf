import type { Viewer } from "../../../accounts/viewer";
import type { ChannelView, OfferedProvider } from "../../../channels/connect/list";
import { useI18n } from "../../../i18n/context";
import { Layout } from "../../layout";
import { DataTable } from "../../table";
import { VideoNav } from "../../video/nav";
import { type ChannelNotice, Csrf, useChannelColumns } from "./channel-columns";

/** Props of {@link ChannelsPage}. */
export type ChannelsPageProps = {
	viewer?: Viewer | null;
	csrfToken: string;
	channels: ChannelView[];
	providers: OfferedProvider[];
	allowance: { used: number; limit: number | null };
	notice?: ChannelNotice;
};

/**
 * `/video/channels`: the user's video channels (status, when the connection lapses, a reconnect
 * button when the provider refused the tokens, disconnect after a confirmation), the plan's
 * channel count, and a connect button per offered platform.
 */
export function ChannelsPage({ viewer, csrfToken, channels, providers, allowance, notice }: ChannelsPageProps) {
	const { t, number } = useI18n();
	const columns = useChannelColumns({ base: "/video/channels", csrfToken, button: "button button-secondary", danger: "button button-danger" });
	const full = allowance.limit !== null && allowance.used >= allowance.limit;
	return (
		<Layout title={t("channels:connect.video.title")} viewer={viewer} noindex>
			<VideoNav current="channels" />
			<header class="usage-head">
				<h1>{t("channels:connect.video.title")}</h1>
				<p class="muted">{t("channels:connect.video.intro")}</p>
				<p data-channel-count={allowance.used} data-channel-limit={allowance.limit ?? "none"}>
					{allowance.limit === null
						? t("channels:connect.video.countUnlimited", { used: number(allowance.used) })
						: t("channels:connect.video.count", { used: number(allowance.used), limit: number(allowance.limit) })}
				</p>
			</header>
			{notice ? (
				<p class={notice === "denied" ? "notice" : "status-panel status-success"} role="status" data-notice={notice}>
					{t(`channels:connect.notices.${notice}`)}
				</p>
			) : null}

			<section aria-labelledby="channels-list-title" class="usage-section">
				<h2 id="channels-list-title" class="section-title">
					{t("channels:connect.video.listTitle")}
				</h2>
				<DataTable
					class="ledger-table"
					label={t("channels:connect.video.listTitle")}
					columns={columns}
					rows={channels}
					rowProps={(row) => ({ "data-channel": row.id })}
					empty={<p class="muted">{t("channels:connect.video.empty")}</p>}
				/>
			</section>

			<section aria-labelledby="channels-connect-title" class="usage-section">
				<h2 id="channels-connect-title" class="section-title">
					{t("channels:connect.video.connectTitle")}
				</h2>
				{full ? (
					<p class="alert alert-error small" role="alert" data-error-code="PLAN_LIMIT_REACHED">
						{t("channels:connect.video.limitReached")} <a href="/video/usage">{t("channels:connect.video.upgrade")}</a>
					</p>
				) : null}
				{providers.length === 0 ? <p class="muted">{t("channels:connect.video.noProviders")}</p> : null}
				<ul class="channel-connect">
					{providers.map((offered) => (
						<li>
							<form method="post" action="/video/channels/connect">
								<Csrf token={csrfToken} />
								<input type="hidden" name="provider" value={offered.provider} />
								<button type="submit" class="button button-primary" disabled={full} data-connect={offered.provider}>
									{t("channels:connect.video.connectWith", { provider: t(`channels:connect.providers.${offered.provider}`) })}
								</button>
							</form>
						</li>
					))}
				</ul>
			</section>
		</Layout>
	);
}
