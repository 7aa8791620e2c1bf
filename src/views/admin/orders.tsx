import type { listOrders } from "../../commerce/admin-orders";
import { useI18n } from "../../i18n/context";
import type { I18n } from "../../i18n/i18n";
import { type OrderStatus, OrderStatus as OrderStatuses } from "../../shared/commerce";
import { type Column, DataTable, Pager, queryString } from "../table";
import { AdminLayout, type AdminViewer } from "./layout";
import { Card, EmptyState, PageHeader, RefreshLink } from "./parts";
import { OrderStatusBadge, useOrderStatusLabel } from "./status-badge";

/** One order of the list. */
export type OrderSummary = Awaited<ReturnType<typeof listOrders>>["orders"][number];

/** Props of {@link OrdersPage}. */
export type OrdersPageProps = {
	orders: OrderSummary[];
	nextCursor: string | null;
	filters: { status?: OrderStatus; cursor?: string };
	viewer: AdminViewer;
};

function orderColumns(i18n: I18n): Column<OrderSummary>[] {
	const { t } = i18n;
	return [
		{
			header: t("admin:orders.colOrder"),
			rowHeader: true,
			cellProps: { class: "cell-title" },
			cell: (order) => (
				<>
					<a class="mono" href={`/admin/orders/${encodeURIComponent(order.id)}`}>
						{order.id}
					</a>
					<span class="cell-sub">{order.provider}</span>
				</>
			),
		},
		{ header: t("admin:orders.colBuyer"), cellProps: { class: "nowrap stack-full" }, cell: (order) => order.email },
		{ header: t("admin:orders.colStatus"), cell: (order) => <OrderStatusBadge status={order.status} /> },
		{ header: t("admin:orders.colAmount"), class: "num", cellProps: { class: "nowrap" }, cell: (order) => i18n.money(order.amount_cents, order.currency) },
		{
			header: t("admin:orders.colCreated"),
			cellProps: { class: "nowrap stack-full stack-meta", "data-label": t("admin:orders.colCreated") },
			cell: (order) => i18n.dateTime(order.created_at),
		},
	];
}

/** Orders newest first, filtered by status, with cursor pagination. */
export function OrdersPage({ orders, nextCursor, filters, viewer }: OrdersPageProps) {
	const i18n = useI18n();
	const { t } = i18n;
	const statusLabel = useOrderStatusLabel();
	const self = `/admin/orders${queryString({ status: filters.status, cursor: filters.cursor })}`;
	return (
		<AdminLayout title={t("admin:orders.title")} section="orders" viewer={viewer}>
			<PageHeader title={t("admin:orders.title")} subtitle={t("admin:orders.subtitle", { count: orders.length })} actions={<RefreshLink href={self} />} />
			<form class="filters" method="get" action="/admin/orders" aria-label={t("admin:orders.filterLabel")}>
				<div class="field">
					<label for="order-status">{t("admin:orders.status")}</label>
					<select id="order-status" name="status">
						<option value="">{t("admin:orders.allStatuses")}</option>
						{OrderStatuses.options.map((status) => (
							<option value={status} selected={filters.status === status}>
								{statusLabel(status)}
							</option>
						))}
					</select>
				</div>
				<div class="filters-actions">
					<button class="btn btn-primary" type="submit">
						{t("admin:orders.apply")}
					</button>
					{filters.status ? (
						<a class="btn btn-ghost" href="/admin/orders">
							{t("admin:orders.clear")}
						</a>
					) : null}
				</div>
			</form>
			<Card class="card-flush">
				<DataTable
					class="table table-stack"
					label={t("admin:orders.tableLabel")}
					columns={orderColumns(i18n)}
					rows={orders}
					empty={<EmptyState title={filters.status ? t("admin:orders.noneWithStatus") : t("admin:orders.none")}>{t("admin:orders.noneText")}</EmptyState>}
				/>
			</Card>
			<Pager path="/admin/orders" filters={{ status: filters.status }} cursor={filters.cursor} nextCursor={nextCursor} />
		</AdminLayout>
	);
}
