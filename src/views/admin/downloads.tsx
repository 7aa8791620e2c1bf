import type { downloadLogView } from "../../commerce/admin-orders";
import { useI18n } from "../../i18n/context";
import { type Column, DataTable, queryString } from "../table";
import { AdminLayout, type AdminViewer } from "./layout";
import { Card, EmptyState, PageHeader, RefreshLink } from "./parts";
import { Badge } from "./status-badge";

/** One line of the download log. */
export type DownloadLine = ReturnType<typeof downloadLogView>;

/** The order an attempt belongs to, as a link; only in the log of every order. */
const orderColumn = (header: string): Column<DownloadLine> => ({
	header,
	cellProps: { class: "nowrap" },
	cell: (line) =>
		line.order_id ? (
			<a class="mono" href={`/admin/orders/${encodeURIComponent(line.order_id)}`} title={line.order_id}>
				{line.order_id.slice(0, 12)}…
			</a>
		) : (
			// QA2's delivery probe and unreadable tokens belong to no order.
			<span class="muted">—</span>
		),
});

/** The download log as a table: every attempt, allowed or denied, with its reason. */
export function DownloadLogTable({ downloads, showOrder = true }: { downloads: DownloadLine[]; showOrder?: boolean }) {
	const { t, dateTime } = useI18n();
	const columns: Column<DownloadLine>[] = [
		{
			header: t("admin:downloads.colTime"),
			cellProps: { class: "nowrap" },
			cell: (line) => <time datetime={line.created_at}>{dateTime(line.created_at)}</time>,
		},
		{ header: t("admin:downloads.colAction"), cell: (line) => line.action },
		{
			header: t("admin:downloads.colResult"),
			cell: (line) => (
				<Badge tone={line.outcome === "allowed" ? "success" : "danger"}>
					{line.outcome === "allowed" ? t("admin:downloads.allowed") : t("admin:downloads.deniedBadge")}
				</Badge>
			),
		},
		{
			header: t("admin:downloads.colReason"),
			cellProps: { class: "nowrap" },
			cell: (line) => (
				<>
					{line.reason}
					{line.range ? <span class="cell-sub mono">{line.range}</span> : null}
				</>
			),
		},
		{ header: t("admin:downloads.colHttp"), class: "num", cell: (line) => line.status },
		...(showOrder ? [orderColumn(t("admin:downloads.colOrder"))] : []),
		{
			header: t("admin:downloads.colIpHash"),
			cellProps: { class: "mono", title: t("admin:downloads.ipHashTitle") },
			cell: (line) => `${line.ip_hash.slice(0, 10)}…`,
		},
		{
			header: t("admin:downloads.colUserAgent"),
			cellProps: (line) => ({ class: "ua", title: line.user_agent ?? "" }),
			cell: (line) => line.user_agent || "—",
		},
	];
	return (
		<DataTable
			class="table table-compact"
			label={t("admin:downloads.logLabel")}
			columns={columns}
			rows={downloads}
			empty={<EmptyState title={t("admin:downloads.none")}>{t("admin:downloads.noneText")}</EmptyState>}
		/>
	);
}

/** Props of {@link DownloadsPage}. */
export type DownloadsPageProps = { downloads: DownloadLine[]; orderId?: string; viewer: AdminViewer; limit: number };

/** The download log, newest first, optionally for one order. */
export function DownloadsPage({ downloads, orderId, viewer, limit }: DownloadsPageProps) {
	const { t } = useI18n();
	const denied = downloads.filter((line) => line.outcome === "denied").length;
	const subtitle = [
		t("admin:downloads.attempts", { count: downloads.length }),
		denied ? t("admin:downloads.denied", { n: denied }) : "",
		downloads.length === limit ? t("admin:downloads.latest", { limit }) : "",
	].join("");
	return (
		<AdminLayout title={t("admin:downloads.title")} section="downloads" viewer={viewer}>
			<PageHeader
				title={t("admin:downloads.title")}
				subtitle={subtitle}
				actions={<RefreshLink href={`/admin/downloads${queryString({ order_id: orderId })}`} />}
			/>
			<form class="filters" method="get" action="/admin/downloads" aria-label={t("admin:downloads.filterLabel")}>
				<div class="field field-grow">
					<label for="download-order">{t("admin:downloads.orderId")}</label>
					<input id="download-order" name="order_id" type="text" value={orderId ?? ""} maxlength={64} spellcheck={false} placeholder="ord_…" />
				</div>
				<div class="filters-actions">
					<button class="btn btn-primary" type="submit">
						{t("admin:downloads.filter")}
					</button>
					{orderId ? (
						<a class="btn btn-ghost" href="/admin/downloads">
							{t("admin:downloads.clear")}
						</a>
					) : null}
				</div>
			</form>
			<Card class="card-flush">
				<DownloadLogTable downloads={downloads} />
			</Card>
		</AdminLayout>
	);
}
