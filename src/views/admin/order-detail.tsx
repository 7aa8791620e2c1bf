import type { Child } from "hono/jsx";
import type { adminOrderDetail } from "../../commerce/admin-orders";
import { useI18n } from "../../i18n/context";
import type { I18n } from "../../i18n/i18n";
import { type Column, DataTable } from "../table";
import { DownloadLogTable } from "./downloads";
import { AdminLayout, type AdminViewer } from "./layout";
import { Card, Checksum, CsrfField, EmptyState, Notice, PageHeader, RefreshLink } from "./parts";
import { Badge, GrantStatusBadge, OrderStatusBadge, useOrderStatusLabel } from "./status-badge";

/** An order with items, grants, payment events and downloads. */
export type AdminOrder = Awaited<ReturnType<typeof adminOrderDetail>>["order"];

/** Banners after an order action: keys of the `done` query parameter, each an `admin:order.notices` message. */
export const ORDER_NOTICES = { reissued: "reissued", refunded: "refunded", revoked: "revoked" } as const;

/**
 * Props of {@link OrderDetailPage}. `refundRequestKey` is new for each rendering of the page: the
 * refund form sends it, so the same form sent twice is one refund, and a new page a new one.
 */
export type OrderDetailPageProps = { order: AdminOrder; viewer: AdminViewer; notice?: keyof typeof ORDER_NOTICES; refundRequestKey: string };

function Actions({ order, csrfToken, refundRequestKey }: { order: AdminOrder; csrfToken: string; refundRequestKey: string }) {
	const { t, money } = useI18n();
	const statusLabel = useOrderStatusLabel();
	const base = `/admin/orders/${encodeURIComponent(order.id)}`;
	const canReissue = order.status === "PAID" || order.status === "FULFILLED";
	const canRefund = Boolean(order.payment_intent_id) && ["PAID", "FULFILLED", "DISPUTED"].includes(order.status);
	return (
		<Card title={t("admin:order.actions")} id="actions">
			<div class="action-stack">
				{canReissue ? (
					<form method="post" action={`${base}/reissue`} class="form-stack">
						<CsrfField token={csrfToken} />
						<button class="btn btn-secondary btn-block" type="submit">
							{t("admin:order.reissue")}
						</button>
						<p class="hint">{t("admin:order.reissueHint", { email: order.email })}</p>
					</form>
				) : null}
				{canRefund ? (
					<form method="post" action={`${base}/refund`} class="form-stack refund-form">
						<CsrfField token={csrfToken} />
						<input type="hidden" name="request_key" value={refundRequestKey} />
						<div class="check">
							<input id="refund-confirm" name="confirm" type="checkbox" value="yes" required />
							<label for="refund-confirm">{t("admin:order.refundConfirm", { amount: money(order.amount_cents, order.currency) })}</label>
						</div>
						<button class="btn btn-danger btn-block" type="submit">
							{t("admin:order.refund")}
						</button>
					</form>
				) : null}
				{!canReissue && !canRefund ? <p class="muted small">{t("admin:order.noActions", { status: statusLabel(order.status).toLocaleLowerCase() })}</p> : null}
			</div>
		</Card>
	);
}

function Summary({ order }: { order: AdminOrder }) {
	const { t, dateTime } = useI18n();
	const rows: [string, Child][] = [
		[t("admin:order.buyer"), order.email],
		[t("admin:order.provider"), order.provider],
		[t("admin:order.checkoutSession"), order.checkout_session_id],
		[t("admin:order.payment"), order.payment_intent_id],
		[t("admin:order.created"), dateTime(order.created_at)],
		[t("admin:order.paid"), order.paid_at && dateTime(order.paid_at)],
		[t("admin:order.fulfilled"), order.fulfilled_at && dateTime(order.fulfilled_at)],
		[t("admin:order.refunded"), order.refunded_at && dateTime(order.refunded_at)],
		[t("admin:order.disputed"), order.disputed_at && dateTime(order.disputed_at)],
		[
			t("admin:order.consent"),
			// The buyer's own words, in the language they checked out in (marked so).
			order.consent_at ? (
				<>
					{dateTime(order.consent_at)}: <q lang={order.locale}>{order.consent_text ?? ""}</q>
				</>
			) : null,
		],
	];
	return (
		<Card title={t("admin:order.details")} id="details">
			<dl class="facts">
				{rows
					.filter(([, value]) => Boolean(value))
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
	const { t, dateTime } = useI18n();
	const titles = new Map(order.items.map((item) => [item.id, item.title]));
	const columns: Column<AdminOrder["grants"][number]>[] = [
		{
			header: t("admin:order.colGrant"),
			rowHeader: true,
			cellProps: { class: "cell-title" },
			cell: (grant) => (
				<>
					<span>{titles.get(grant.order_item_id ?? "") ?? t("admin:order.item")}</span>
					<span class="cell-sub mono">{grant.id}</span>
				</>
			),
		},
		{ header: t("admin:order.colStatus"), cell: (grant) => <GrantStatusBadge status={grant.status} /> },
		{
			header: t("admin:order.colUsed"),
			class: "num",
			cellProps: { class: "nowrap" },
			cell: (grant) => `${grant.downloads_used} / ${grant.max_downloads}`,
		},
		{
			header: t("admin:order.colExpires"),
			cellProps: { class: "nowrap" },
			cell: (grant) => (grant.expires_at ? dateTime(grant.expires_at) : t("admin:order.never")),
		},
		{
			header: <span class="visually-hidden">{t("admin:order.colAction")}</span>,
			cellProps: { class: "cell-action" },
			cell: (grant) =>
				grant.status === "REVOKED" ? null : (
					<form method="post" action={`/admin/grants/${encodeURIComponent(grant.id)}/revoke`}>
						<CsrfField token={csrfToken} />
						<button class="btn btn-danger-ghost btn-sm" type="submit" aria-label={t("admin:order.revokeLabel", { id: grant.id })}>
							{t("admin:order.revoke")}
						</button>
					</form>
				),
		},
	];
	return (
		<DataTable
			class="table table-compact"
			label={t("admin:order.grants")}
			columns={columns}
			rows={order.grants}
			empty={<EmptyState title={t("admin:order.noGrants")}>{t("admin:order.noGrantsText")}</EmptyState>}
		/>
	);
}

function itemColumns(i18n: I18n): Column<AdminOrder["items"][number]>[] {
	const { t } = i18n;
	return [
		{
			header: t("admin:order.colProduct"),
			rowHeader: true,
			cellProps: { class: "cell-title" },
			cell: (item) => (
				<>
					<a href={`/admin/products/${encodeURIComponent(item.product_id)}`}>{item.title}</a>
					<span class="cell-sub break">
						v{item.version} · {item.file_name} · {i18n.bytes(item.package_size)}
					</span>
				</>
			),
		},
		{ header: t("admin:order.colPrice"), class: "num", cellProps: { class: "nowrap" }, cell: (item) => i18n.money(item.price_cents, item.currency) },
		{ header: t("admin:order.colPackageSha"), cell: (item) => <Checksum sha256={item.package_sha256} /> },
	];
}

function eventColumns(i18n: I18n): Column<AdminOrder["payment_events"][number]>[] {
	const { t } = i18n;
	return [
		{ header: t("admin:order.colType"), rowHeader: true, cellProps: { class: "mono nowrap" }, cell: (event) => event.type },
		{
			header: t("admin:order.colOutcome"),
			cell: (event) => (event.outcome ? <Badge tone="neutral">{event.outcome}</Badge> : <span class="muted">{t("admin:order.pending")}</span>),
		},
		{
			header: t("admin:order.colReceived"),
			cellProps: { class: "nowrap" },
			cell: (event) => (
				<>
					{i18n.dateTime(event.received_at)}
					<span class="cell-sub">
						{event.processed_at ? t("admin:order.processedAt", { time: i18n.dateTime(event.processed_at) }) : t("admin:order.notProcessed")}
					</span>
				</>
			),
		},
	];
}

const MAIL_TONES = { queued: "info", sent: "success", dead: "danger" } as const;

function mailColumns(i18n: I18n): Column<AdminOrder["mails"][number]>[] {
	const { t } = i18n;
	return [
		{
			header: t("admin:order.colMail"),
			rowHeader: true,
			cellProps: { class: "nowrap" },
			cell: (mail) => (mail.kind === "receipt" ? t("admin:order.mailReceipt") : t("admin:order.mailReissue")),
		},
		{
			header: t("admin:order.colStatus"),
			cell: (mail) => (
				<>
					<Badge tone={MAIL_TONES[mail.status]}>{t(`admin:order.mailStatus.${mail.status}`)}</Badge>
					<span class="cell-sub">{t("admin:order.attempts", { count: mail.attempts })}</span>
				</>
			),
		},
		{
			header: t("admin:order.colLastError"),
			cellProps: { class: "break small" },
			cell: (mail) => mail.last_error ?? <span class="muted">{t("admin:order.none")}</span>,
		},
		{
			header: t("admin:order.colQueued"),
			cellProps: { class: "nowrap" },
			cell: (mail) => (
				<>
					{i18n.dateTime(mail.created_at)}
					<span class="cell-sub">{mail.sent_at ? t("admin:order.sentAt", { time: i18n.dateTime(mail.sent_at) }) : t("admin:order.notSent")}</span>
				</>
			),
		},
	];
}

/**
 * One order: what was bought, the payment events received, the mails to the buyer (a
 * dead-lettered one shows here), the download grants (each revocable), the download log, and
 * the actions (re-issue links, refund).
 */
export function OrderDetailPage({ order, viewer, notice, refundRequestKey }: OrderDetailPageProps) {
	const i18n = useI18n();
	const { t } = i18n;
	const self = `/admin/orders/${encodeURIComponent(order.id)}`;
	return (
		<AdminLayout title={t("admin:order.title", { id: order.id })} section="orders" viewer={viewer}>
			<PageHeader
				back={{ href: "/admin/orders", label: t("admin:order.back") }}
				title={
					<>
						{t("admin:order.heading")} <span class="mono title-id">{order.id}</span>
					</>
				}
				subtitle={
					<>
						<OrderStatusBadge status={order.status} /> <strong>{i18n.money(order.amount_cents, order.currency)}</strong> · {order.email}
					</>
				}
				actions={<RefreshLink href={self} />}
			/>
			{notice ? <Notice>{t(`admin:order.notices.${ORDER_NOTICES[notice]}`)}</Notice> : null}
			<div class="detail-grid">
				<div class="detail-main">
					<Card title={t("admin:order.items")} id="items" class="card-flush-table">
						<DataTable class="table table-compact" label={t("admin:order.items")} columns={itemColumns(i18n)} rows={order.items} />
					</Card>
					<Card title={t("admin:order.grants")} id="grants" class="card-flush-table">
						<Grants order={order} csrfToken={viewer.csrfToken} />
					</Card>
					<Card
						title={t("admin:order.paymentEvents")}
						id="events"
						class="card-flush-table"
						aside={<span class="muted small">{t("admin:order.eventCount", { count: order.payment_events.length })}</span>}
					>
						<DataTable
							class="table table-compact"
							label={t("admin:order.paymentEvents")}
							columns={eventColumns(i18n)}
							rows={order.payment_events}
							empty={<EmptyState title={t("admin:order.noEvents")}>{t("admin:order.noEventsText")}</EmptyState>}
						/>
					</Card>
					<Card
						title={t("admin:order.mails")}
						id="mails"
						class="card-flush-table"
						aside={<span class="muted small">{t("admin:order.mailCount", { count: order.mails.length })}</span>}
					>
						<DataTable
							class="table table-compact"
							label={t("admin:order.mails")}
							columns={mailColumns(i18n)}
							rows={order.mails}
							empty={<EmptyState title={t("admin:order.noMails")}>{t("admin:order.noMailsText")}</EmptyState>}
						/>
					</Card>
					<Card
						title={t("admin:order.downloadLog")}
						id="downloads"
						class="card-flush-table"
						aside={<a href={`/admin/downloads?order_id=${encodeURIComponent(order.id)}`}>{t("admin:order.openInLog")}</a>}
					>
						<DownloadLogTable downloads={order.downloads} showOrder={false} />
					</Card>
				</div>
				<aside class="detail-side" aria-label={t("admin:order.sideLabel")}>
					<Actions order={order} csrfToken={viewer.csrfToken} refundRequestKey={refundRequestKey} />
					<Summary order={order} />
				</aside>
			</div>
		</AdminLayout>
	);
}
