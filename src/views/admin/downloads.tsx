import type { downloadLogView } from "../../commerce/admin-orders";
import { formatDateTime, plural } from "../../lib/format";
import { AdminLayout, type AdminViewer } from "./layout";
import { Card, EmptyState, PageHeader, queryString, RefreshLink, TableScroll } from "./parts";
import { Badge } from "./status-badge";

/** One line of the download log. */
export type DownloadLine = ReturnType<typeof downloadLogView>;

/** The download log as a table: every attempt, allowed or denied, with its reason. */
export function DownloadLogTable({ downloads, showOrder = true }: { downloads: DownloadLine[]; showOrder?: boolean }) {
	if (downloads.length === 0) return <EmptyState title="No download attempts yet">Every attempt, allowed or denied, is logged here.</EmptyState>;
	return (
		<TableScroll label="Download log">
			<table class="table table-compact">
				<thead>
					<tr>
						<th scope="col">Time</th>
						<th scope="col">Action</th>
						<th scope="col">Result</th>
						<th scope="col">Reason</th>
						<th scope="col" class="num">
							HTTP
						</th>
						{showOrder ? <th scope="col">Order</th> : null}
						<th scope="col">IP hash</th>
						<th scope="col">User agent</th>
					</tr>
				</thead>
				<tbody>
					{downloads.map((line) => (
						<tr>
							<td class="nowrap">
								<time datetime={line.created_at}>{formatDateTime(line.created_at)}</time>
							</td>
							<td>{line.action}</td>
							<td>
								<Badge tone={line.outcome === "allowed" ? "success" : "danger"}>{line.outcome === "allowed" ? "Allowed" : "Denied"}</Badge>
							</td>
							<td class="nowrap">
								{line.reason}
								{line.range ? <span class="cell-sub mono">{line.range}</span> : null}
							</td>
							<td class="num">{line.status}</td>
							{showOrder ? (
								<td class="nowrap">
									{line.order_id ? (
										<a class="mono" href={`/admin/orders/${encodeURIComponent(line.order_id)}`} title={line.order_id}>
											{line.order_id.slice(0, 12)}…
										</a>
									) : (
										// QA2's delivery probe and unreadable tokens belong to no order.
										<span class="muted">—</span>
									)}
								</td>
							) : null}
							<td class="mono" title="Keyed hash of the client IP; the IP itself is never stored">
								{line.ip_hash.slice(0, 10)}…
							</td>
							<td class="ua" title={line.user_agent ?? ""}>
								{line.user_agent || "—"}
							</td>
						</tr>
					))}
				</tbody>
			</table>
		</TableScroll>
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
