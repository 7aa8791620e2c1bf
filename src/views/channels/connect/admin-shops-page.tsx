import type { ChannelView, OfferedProvider } from "../../../channels/connect/list";
import { useI18n } from "../../../i18n/context";
import { AdminLayout, type AdminViewer } from "../../admin/layout";
import { Card, Notice, PageHeader } from "../../admin/parts";
import { DataTable } from "../../table";
import { type ChannelNotice, Csrf, useChannelColumns } from "./channel-columns";

/** Props of {@link AdminShopsPage}. */
export type AdminShopsPageProps = { viewer: AdminViewer; shops: ChannelView[]; providers: OfferedProvider[]; notice?: ChannelNotice };

/** The connect form of one shop provider: Cafe24 asks for the mall's id first; the sandbox does not. */
function ConnectForm({ provider, csrfToken }: { provider: OfferedProvider; csrfToken: string }) {
	const { t } = useI18n();
	return (
		<form method="post" action="/admin/channels/connect" class="stack-form" data-connect-form={provider.provider}>
			<Csrf token={csrfToken} />
			<input type="hidden" name="provider" value={provider.provider} />
			{provider.needs_account ? (
				<>
					<label for={`account-${provider.provider}`}>{t("channels:connect.admin.mallId")}</label>
					<input
						id={`account-${provider.provider}`}
						name="account"
						required
						pattern="[a-z0-9][a-z0-9_\-]{1,49}"
						autocomplete="off"
						aria-describedby={`account-${provider.provider}-hint`}
					/>
					<p class="hint" id={`account-${provider.provider}-hint`}>
						{t("channels:connect.admin.mallIdHint")}
					</p>
				</>
			) : null}
			<button type="submit" class="btn btn-primary" data-connect={provider.provider}>
				{provider.provider === "cafe24"
					? t("channels:connect.admin.connectCafe24")
					: provider.provider === "local"
						? t("channels:connect.admin.connectSandbox")
						: t("channels:connect.video.connectWith", { provider: t(`channels:connect.providers.${provider.provider}`) })}
			</button>
		</form>
	);
}

/** `/admin/channels`: the shop's connected shops, connecting a Cafe24 mall or the sandbox shop, disconnecting; a link to the sync log. */
export function AdminShopsPage({ viewer, shops, providers, notice }: AdminShopsPageProps) {
	const { t } = useI18n();
	const columns = useChannelColumns({
		base: "/admin/channels",
		csrfToken: viewer.csrfToken,
		button: "btn btn-secondary btn-sm",
		danger: "btn btn-danger btn-sm",
	});
	return (
		<AdminLayout title={t("channels:connect.admin.title")} section="channels" viewer={viewer}>
			<PageHeader
				title={t("channels:connect.admin.title")}
				subtitle={t("channels:connect.admin.subtitle")}
				actions={
					<a class="btn btn-secondary" href="/admin/sync-log">
						{t("channels:connect.admin.syncLog")}
					</a>
				}
			/>
			{notice ? (
				<Notice tone={notice === "denied" ? "info" : "success"}>
					<span data-notice={notice}>{t(`channels:connect.notices.${notice}`)}</span>
				</Notice>
			) : null}
			<Card title={t("channels:connect.admin.listTitle")}>
				<DataTable
					class="table table-compact table-stack"
					label={t("channels:connect.admin.listTitle")}
					columns={columns}
					rows={shops}
					rowProps={(row) => ({ "data-channel": row.id })}
					empty={<p class="muted">{t("channels:connect.admin.empty")}</p>}
				/>
			</Card>
			<Card title={t("channels:connect.admin.connectTitle")}>
				{providers.length === 0 ? <p class="muted">{t("channels:connect.admin.noProviders")}</p> : null}
				{providers.map((provider) => (
					<ConnectForm provider={provider} csrfToken={viewer.csrfToken} />
				))}
			</Card>
		</AdminLayout>
	);
}

/**
 * The step between the connect form and an outside provider: the dashboard's CSP keeps forms to
 * this origin (`form-action 'self'`, which browsers apply to a form's redirect too), so the
 * admin follows a link to the provider instead.
 */
export function AdminContinuePage({ viewer, provider, authorizeUrl }: { viewer: AdminViewer; provider: OfferedProvider["provider"]; authorizeUrl: string }) {
	const { t } = useI18n();
	const name = t(`channels:connect.providers.${provider}`);
	return (
		<AdminLayout title={t("channels:connect.admin.continueTitle", { provider: name })} section="channels" viewer={viewer}>
			<PageHeader
				title={t("channels:connect.admin.continueTitle", { provider: name })}
				back={{ href: "/admin/channels", label: t("channels:connect.admin.title") }}
			/>
			<Card title={name}>
				<p>{t("channels:connect.admin.continueText", { provider: name })}</p>
				<a class="btn btn-primary" href={authorizeUrl} rel="noreferrer" data-authorize-url>
					{t("channels:connect.admin.continue", { provider: name })}
				</a>
			</Card>
		</AdminLayout>
	);
}
