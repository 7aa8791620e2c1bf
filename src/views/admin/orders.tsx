import type { listOrders } from "../../commerce/admin-orders";
import { formatDateTime, formatPrice, plural } from "../../lib/format";
import { type OrderStatus, OrderStatus as OrderStatuses } from "../../shared/commerce";
import { type Column, DataTable, Pager, queryString } from "../table";
import { AdminLayout, type AdminViewer } from "./layout";
import { Card, EmptyState, PageHeader, RefreshLink } from "./parts";
import { OrderStatusBadge, titleCase } from "./status-badge";

/** One order of the list. */
export type OrderSummary = Awaited<ReturnType<typeof listOrders>>["orders"][number];

/** Props of {@link OrdersPage}. */
export type OrdersPageProps = {
	orders: OrderSummary[];
	nextCursor: string | null;
	filters: { status?: OrderStatus; cursor?: string };
	viewer: AdminViewer;
};

const ORDER_COLUMNS: Column<OrderSummary>[] = [
	{
		header: "Order",
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
	{ header: "Buyer", cellProps: { class: "nowrap stack-full" }, cell: (order) => order.email },
	{ header: "Status", cell: (order) => <OrderStatusBadge status={order.status} /> },
	{ header: "Amount", class: "num", cellProps: { class: "nowrap" }, cell: (order) => formatPrice(order.amount_cents, order.currency) },
	{ header: "Created", cellProps: { class: "nowrap stack-full stack-meta", "data-label": "Created" }, cell: (order) => formatDateTime(order.created_at) },
];

/** Orders newest first, filtered by status, with cursor pagination. */
export function OrdersPage({ orders, nextCursor, filters, viewer }: OrdersPageProps) {
	const self = `/admin/orders${queryString({ status: filters.status, cursor: filters.cursor })}`;
	return (
		<AdminLayout title="Orders" section="orders" viewer={viewer}>
			<PageHeader title="Orders" subtitle={`${plural(orders.length, "order")} on this page`} actions={<RefreshLink href={self} />} />
			<form class="filters" method="get" action="/admin/orders" aria-label="Filter orders">
				<div class="field">
					<label for="order-status">Status</label>
					<select id="order-status" name="status">
						<option value="">All statuses</option>
						{OrderStatuses.options.map((status) => (
							<option value={status} selected={filters.status === status}>
								{titleCase(status)}
							</option>
						))}
					</select>
				</div>
				<div class="filters-actions">
					<button class="btn btn-primary" type="submit">
						Apply
					</button>
					{filters.status ? (
						<a class="btn btn-ghost" href="/admin/orders">
							Clear
						</a>
					) : null}
				</div>
			</form>
			<Card class="card-flush">
				<DataTable
					class="table table-stack"
					label="Orders"
					columns={ORDER_COLUMNS}
					rows={orders}
					empty={
						<EmptyState title={filters.status ? "No orders with this status" : "No orders yet"}>Orders appear here as soon as a buyer checks out.</EmptyState>
					}
				/>
			</Card>
			<Pager path="/admin/orders" filters={{ status: filters.status }} cursor={filters.cursor} nextCursor={nextCursor} />
		</AdminLayout>
	);
}
