import type { adminOrderDetail } from "../../commerce/admin-orders";
import { formatBytes, formatDateTime, formatPrice, plural } from "../../lib/format";
import { type Column, DataTable } from "../table";
import { DownloadLogTable } from "./downloads";
import { AdminLayout, type AdminViewer } from "./layout";
import { Card, Checksum, CsrfField, EmptyState, Notice, PageHeader, RefreshLink } from "./parts";
import { Badge, GrantStatusBadge, OrderStatusBadge } from "./status-badge";

/** An order with items, grants, payment events and downloads. */
export type AdminOrder = Awaited<ReturnType<typeof adminOrderDetail>>["order"];

/** Banners after an order action; keys of the `done` query parameter. */
export const ORDER_NOTICES = {
	reissued: "A mail with the buyer's order page and fresh download links was queued; its delivery shows under Mails.",
	refunded: "Refund requested. The order and its grants change when the provider confirms it.",
	revoked: "The grant was revoked: its links and open downloads stop working now.",
} as const;

/**
 * Props of {@link OrderDetailPage}. `refundRequestKey` is new for each rendering of the page: the
 * refund form sends it, so the same form sent twice is one refund, and a new page a new one.
 */
export type OrderDetailPageProps = { order: AdminOrder; viewer: AdminViewer; notice?: keyof typeof ORDER_NOTICES; refundRequestKey: string };

function Actions({ order, csrfToken, refundRequestKey }: { order: AdminOrder; csrfToken: string; refundRequestKey: string }) {
	const base = `/admin/orders/${encodeURIComponent(order.id)}`;
	const canReissue = order.status === "PAID" || order.status === "FULFILLED";
	const canRefund = Boolean(order.payment_intent_id) && ["PAID", "FULFILLED", "DISPUTED"].includes(order.status);
	return (
		<Card title="Actions" id="actions">
			<div class="action-stack">
				{canReissue ? (
					<form method="post" action={`${base}/reissue`} class="form-stack">
						<CsrfField token={csrfToken} />
						<button class="btn btn-secondary btn-block" type="submit">
							Re-issue links
						</button>
						<p class="hint">E-mails {order.email} their order page again.</p>
					</form>
				) : null}
				{canRefund ? (
					<form method="post" action={`${base}/refund`} class="form-stack refund-form">
						<CsrfField token={csrfToken} />
						<input type="hidden" name="request_key" value={refundRequestKey} />
						<div class="check">
							<input id="refund-confirm" name="confirm" type="checkbox" value="yes" required />
							<label for="refund-confirm">Refund {formatPrice(order.amount_cents, order.currency)} in full; the buyer loses access to the downloads.</label>
						</div>
						<button class="btn btn-danger btn-block" type="submit">
							Refund order
						</button>
					</form>
				) : null}
				{!canReissue && !canRefund ? <p class="muted small">No actions for a {order.status.toLowerCase()} order.</p> : null}
			</div>
		</Card>
	);
}

function Summary({ order }: { order: AdminOrder }) {
	const rows: [string, string | null][] = [
		["Buyer", order.email],
		["Provider", order.provider],
		["Checkout session", order.checkout_session_id],
		["Payment", order.payment_intent_id],
		["Created", formatDateTime(order.created_at)],
		["Paid", order.paid_at && formatDateTime(order.paid_at)],
		["Fulfilled", order.fulfilled_at && formatDateTime(order.fulfilled_at)],
		["Refunded", order.refunded_at && formatDateTime(order.refunded_at)],
		["Disputed", order.disputed_at && formatDateTime(order.disputed_at)],
		["Consent", order.consent_at ? `${formatDateTime(order.consent_at)}: “${order.consent_text ?? ""}”` : null],
	];
	return (
		<Card title="Details" id="details">
			<dl class="facts">
				{rows
					.filter((row): row is [string, string] => Boolean(row[1]))
					.map(([label, value]) => (
						<div>
							<dt>{label}</dt>
							<dd class="break">{value}</dd>
						</div>
					))}
			</dl>
		</Card>
	);
}

function Grants({ order, csrfToken }: { order: AdminOrder; csrfToken: string }) {
	const titles = new Map(order.items.map((item) => [item.id, item.title]));
	const columns: Column<AdminOrder["grants"][number]>[] = [
		{
			header: "Grant",
			rowHeader: true,
			cellProps: { class: "cell-title" },
			cell: (grant) => (
				<>
					<span>{titles.get(grant.order_item_id ?? "") ?? "Item"}</span>
					<span class="cell-sub mono">{grant.id}</span>
				</>
			),
		},
		{ header: "Status", cell: (grant) => <GrantStatusBadge status={grant.status} /> },
		{
			header: "Used",
			class: "num",
			cellProps: { class: "nowrap" },
			cell: (grant) => `${grant.downloads_used} / ${grant.max_downloads}`,
		},
		{ header: "Expires", cellProps: { class: "nowrap" }, cell: (grant) => (grant.expires_at ? formatDateTime(grant.expires_at) : "Never") },
		{
			header: <span class="visually-hidden">Action</span>,
			cellProps: { class: "cell-action" },
			cell: (grant) =>
				grant.status === "REVOKED" ? null : (
					<form method="post" action={`/admin/grants/${encodeURIComponent(grant.id)}/revoke`}>
						<CsrfField token={csrfToken} />
						<button class="btn btn-danger-ghost btn-sm" type="submit" aria-label={`Revoke grant ${grant.id}`}>
							Revoke
						</button>
					</form>
				),
		},
	];
	return (
		<DataTable
			class="table table-compact"
			label="Grants"
			columns={columns}
			rows={order.grants}
			empty={<EmptyState title="No grants">Grants are issued when the order is paid.</EmptyState>}
		/>
	);
}

const ITEM_COLUMNS: Column<AdminOrder["items"][number]>[] = [
	{
		header: "Product",
		rowHeader: true,
		cellProps: { class: "cell-title" },
		cell: (item) => (
			<>
				<a href={`/admin/products/${encodeURIComponent(item.product_id)}`}>{item.title}</a>
				<span class="cell-sub break">
					v{item.version} · {item.file_name} · {formatBytes(item.package_size)}
				</span>
			</>
		),
	},
	{ header: "Price", class: "num", cellProps: { class: "nowrap" }, cell: (item) => formatPrice(item.price_cents, item.currency) },
	{ header: "Package SHA-256", cell: (item) => <Checksum sha256={item.package_sha256} /> },
];

const EVENT_COLUMNS: Column<AdminOrder["payment_events"][number]>[] = [
	{ header: "Type", rowHeader: true, cellProps: { class: "mono nowrap" }, cell: (event) => event.type },
	{ header: "Outcome", cell: (event) => (event.outcome ? <Badge tone="neutral">{event.outcome}</Badge> : <span class="muted">pending</span>) },
	{
		header: "Received",
		cellProps: { class: "nowrap" },
		cell: (event) => (
			<>
				{formatDateTime(event.received_at)}
				<span class="cell-sub">{event.processed_at ? `processed ${event.processed_at.slice(11, 19)} UTC` : "not processed"}</span>
			</>
		),
	},
];

const MAIL_TONES = { queued: "info", sent: "success", dead: "danger" } as const;

const MAIL_COLUMNS: Column<AdminOrder["mails"][number]>[] = [
	{ header: "Mail", rowHeader: true, cellProps: { class: "nowrap" }, cell: (mail) => (mail.kind === "receipt" ? "Receipt" : "Re-issued links") },
	{
		header: "Status",
		cell: (mail) => (
			<>
				<Badge tone={MAIL_TONES[mail.status]}>{mail.status === "dead" ? "dead-lettered" : mail.status}</Badge>
				<span class="cell-sub">{plural(mail.attempts, "attempt")}</span>
			</>
		),
	},
	{ header: "Last error", cellProps: { class: "break small" }, cell: (mail) => mail.last_error ?? <span class="muted">none</span> },
	{
		header: "Queued",
		cellProps: { class: "nowrap" },
		cell: (mail) => (
			<>
				{formatDateTime(mail.created_at)}
				<span class="cell-sub">{mail.sent_at ? `sent ${formatDateTime(mail.sent_at)}` : "not sent"}</span>
			</>
		),
	},
];

/**
 * One order: what was bought, the payment events received, the mails to the buyer (a
 * dead-lettered one shows here), the download grants (each revocable), the download log, and
 * the actions (re-issue links, refund).
 */
export function OrderDetailPage({ order, viewer, notice, refundRequestKey }: OrderDetailPageProps) {
	const self = `/admin/orders/${encodeURIComponent(order.id)}`;
	return (
		<AdminLayout title={`Order ${order.id}`} section="orders" viewer={viewer}>
			<PageHeader
				back={{ href: "/admin/orders", label: "Orders" }}
				title={
					<>
						Order <span class="mono title-id">{order.id}</span>
					</>
				}
				subtitle={
					<>
						<OrderStatusBadge status={order.status} /> <strong>{formatPrice(order.amount_cents, order.currency)}</strong> · {order.email}
					</>
				}
				actions={<RefreshLink href={self} />}
			/>
			{notice ? <Notice>{ORDER_NOTICES[notice]}</Notice> : null}
			<div class="detail-grid">
				<div class="detail-main">
					<Card title="Items" id="items" class="card-flush-table">
						<DataTable class="table table-compact" label="Items" columns={ITEM_COLUMNS} rows={order.items} />
					</Card>
					<Card title="Grants" id="grants" class="card-flush-table">
						<Grants order={order} csrfToken={viewer.csrfToken} />
					</Card>
					<Card
						title="Payment events"
						id="events"
						class="card-flush-table"
						aside={<span class="muted small">{plural(order.payment_events.length, "event")}</span>}
					>
						<DataTable
							class="table table-compact"
							label="Payment events"
							columns={EVENT_COLUMNS}
							rows={order.payment_events}
							empty={<EmptyState title="No events received">The provider's webhook events for this order appear here.</EmptyState>}
						/>
					</Card>
					<Card title="Mails" id="mails" class="card-flush-table" aside={<span class="muted small">{plural(order.mails.length, "mail")}</span>}>
						<DataTable
							class="table table-compact"
							label="Mails"
							columns={MAIL_COLUMNS}
							rows={order.mails}
							empty={<EmptyState title="No mails">The receipt and re-issued links appear here, with their delivery.</EmptyState>}
						/>
					</Card>
					<Card
						title="Download log"
						id="downloads"
						class="card-flush-table"
						aside={<a href={`/admin/downloads?order_id=${encodeURIComponent(order.id)}`}>Open in log</a>}
					>
						<DownloadLogTable downloads={order.downloads} showOrder={false} />
					</Card>
				</div>
				<aside class="detail-side" aria-label="Actions and details">
					<Actions order={order} csrfToken={viewer.csrfToken} refundRequestKey={refundRequestKey} />
					<Summary order={order} />
				</aside>
			</div>
		</AdminLayout>
	);
}
