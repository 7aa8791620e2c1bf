import type { Viewer } from "../../../accounts/viewer";
import type { SandboxItem, SandboxVideo } from "../../../channels/local/sandbox-store";
import { useI18n } from "../../../i18n/context";
import { Layout } from "../../layout";
import { type Column, DataTable } from "../../table";
import { ExpireTokensForm, SandboxBanner, SandboxNotice } from "./sandbox-parts";

const VISIBILITIES = ["public", "private", "unlisted"] as const;

/** A sandbox video's visibility in the reader's words (an unknown value is shown as stored). */
export function useVisibilityLabel(): (visibility: string) => string {
	const { t } = useI18n();
	return (visibility) =>
		(VISIBILITIES as readonly string[]).includes(visibility)
			? t(`channels:connect.sandbox.visibility.${visibility as (typeof VISIBILITIES)[number]}`)
			: visibility;
}

/** `/sandbox/channels/:account`: the videos the app uploaded to this sandbox channel, with their counters. */
export function SandboxChannelPage({
	viewer,
	csrfToken,
	account,
	name,
	videos,
	expired,
}: {
	viewer?: Viewer | null;
	csrfToken: string;
	account: string;
	name: string;
	videos: SandboxItem<SandboxVideo>[];
	expired: boolean;
}) {
	const { t, number, dateTime } = useI18n();
	const visibility = useVisibilityLabel();
	const columns: Column<SandboxItem<SandboxVideo>>[] = [
		{
			header: t("channels:connect.sandbox.channel.columns.title"),
			rowHeader: true,
			cell: (row) => <a href={`/sandbox/channels/${encodeURIComponent(account)}/videos/${encodeURIComponent(row.id)}`}>{row.data.title}</a>,
		},
		{ header: t("channels:connect.sandbox.channel.columns.visibility"), cell: (row) => visibility(row.data.visibility) },
		{
			header: t("channels:connect.sandbox.channel.columns.tags"),
			cell: (row) => (row.data.tags.length > 0 ? row.data.tags.map((tag) => `#${tag}`).join(" ") : t("channels:connect.sandbox.channel.noTags")),
		},
		{ header: t("channels:connect.sandbox.channel.columns.views"), class: "num", cell: (row) => <span data-views={row.views}>{number(row.views)}</span> },
		{ header: t("channels:connect.sandbox.channel.columns.likes"), class: "num", cell: (row) => <span data-likes={row.likes}>{number(row.likes)}</span> },
		{ header: t("channels:connect.sandbox.channel.columns.comments"), class: "num", cell: (row) => number(row.comments) },
		{ header: t("channels:connect.sandbox.channel.columns.uploaded"), cellProps: { class: "nowrap" }, cell: (row) => dateTime(row.createdAt) },
	];
	return (
		<Layout title={t("channels:connect.sandbox.channel.title", { name })} viewer={viewer} noindex>
			<h1>{t("channels:connect.sandbox.channel.title", { name })}</h1>
			<SandboxBanner />
			<SandboxNotice text={expired ? t("channels:connect.sandbox.expire.done") : null} tone="success" />
			<DataTable
				class="ledger-table"
				label={t("channels:connect.sandbox.channel.title", { name })}
				columns={columns}
				rows={videos}
				rowProps={(row) => ({ "data-video": row.id })}
				empty={<p class="muted">{t("channels:connect.sandbox.channel.empty")}</p>}
			/>
			<ExpireTokensForm account={account} back="channel" csrfToken={csrfToken} />
		</Layout>
	);
}
