import type { downloadLogView } from "../../commerce/admin-orders";
import { formatDateTime, plural } from "../../lib/format";
import { type Column, DataTable, queryString } from "../table";
import { AdminLayout, type AdminViewer } from "./layout";
import { Card, EmptyState, PageHeader, RefreshLink } from "./parts";
import { Badge } from "./status-badge";

/** One line of the download log. */
export type DownloadLine = ReturnType<typeof downloadLogView>;

/** The order an attempt belongs to, as a link; only in the log of every order. */
const ORDER_COLUMN: Column<DownloadLine> = {
	header: "Order",
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
};

/** The download log as a table: every attempt, allowed or denied, with its reason. */
export function DownloadLogTable({ downloads, showOrder = true }: { downloads: DownloadLine[]; showOrder?: boolean }) {
	const columns: Column<DownloadLine>[] = [
		{ header: "Time", cellProps: { class: "nowrap" }, cell: (line) => <time datetime={line.created_at}>{formatDateTime(line.created_at)}</time> },
		{ header: "Action", cell: (line) => line.action },
		{
			header: "Result",
			cell: (line) => <Badge tone={line.outcome === "allowed" ? "success" : "danger"}>{line.outcome === "allowed" ? "Allowed" : "Denied"}</Badge>,
		},
		{
			header: "Reason",
			cellProps: { class: "nowrap" },
			cell: (line) => (
				<>
					{line.reason}
					{line.range ? <span class="cell-sub mono">{line.range}</span> : null}
				</>
			),
		},
		{ header: "HTTP", class: "num", cell: (line) => line.status },
		...(showOrder ? [ORDER_COLUMN] : []),
		{
			header: "IP hash",
			cellProps: { class: "mono", title: "Keyed hash of the client IP; the IP itself is never stored" },
			cell: (line) => `${line.ip_hash.slice(0, 10)}…`,
		},
		{ header: "User agent", cellProps: (line) => ({ class: "ua", title: line.user_agent ?? "" }), cell: (line) => line.user_agent || "—" },
	];
	return (
		<DataTable
			class="table table-compact"
			label="Download log"
			columns={columns}
			rows={downloads}
			empty={<EmptyState title="No download attempts yet">Every attempt, allowed or denied, is logged here.</EmptyState>}
		/>
	);
}

/** Props of {@link DownloadsPage}. */
export type DownloadsPageProps = { downloads: DownloadLine[]; orderId?: string; viewer: AdminViewer; limit: number };

/** The download log, newest first, optionally for one order. */
export function DownloadsPage({ downloads, orderId, viewer, limit }: DownloadsPageProps) {
	const denied = downloads.filter((line) => line.outcome === "denied").length;
	return (
		<AdminLayout title="Downloads" section="downloads" viewer={viewer}>
			<PageHeader
				title="Downloads"
				subtitle={`${plural(downloads.length, "attempt")}${denied ? ` · ${denied} denied` : ""}${downloads.length === limit ? ` (latest ${limit})` : ""}`}
				actions={<RefreshLink href={`/admin/downloads${queryString({ order_id: orderId })}`} />}
			/>
			<form class="filters" method="get" action="/admin/downloads" aria-label="Filter downloads">
				<div class="field field-grow">
					<label for="download-order">Order ID</label>
					<input id="download-order" name="order_id" type="text" value={orderId ?? ""} maxlength={64} spellcheck={false} placeholder="ord_…" />
				</div>
				<div class="filters-actions">
					<button class="btn btn-primary" type="submit">
						Filter
					</button>
					{orderId ? (
						<a class="btn btn-ghost" href="/admin/downloads">
							Clear
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
