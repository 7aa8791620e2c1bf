import type { listOrders } from "../../commerce/admin-orders";
import { formatDateTime, formatPrice, plural } from "../../lib/format";
import { type OrderStatus, OrderStatus as OrderStatuses } from "../../shared/commerce";
import { AdminLayout, type AdminViewer } from "./layout";
import { Card, EmptyState, PageHeader, Pager, queryString, RefreshLink, TableScroll } from "./parts";
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
				{orders.length === 0 ? (
					<EmptyState title={filters.status ? "No orders with this status" : "No orders yet"}>Orders appear here as soon as a buyer checks out.</EmptyState>
				) : (
					<TableScroll label="Orders">
						<table class="table table-stack">
							<thead>
								<tr>
									<th scope="col">Order</th>
									<th scope="col">Buyer</th>
									<th scope="col">Status</th>
									<th scope="col" class="num">
										Amount
									</th>
									<th scope="col">Created</th>
								</tr>
							</thead>
							<tbody>
								{orders.map((order) => (
									<tr>
										<th scope="row" class="cell-title">
											<a class="mono" href={`/admin/orders/${encodeURIComponent(order.id)}`}>
												{order.id}
											</a>
											<span class="cell-sub">{order.provider}</span>
										</th>
										<td class="nowrap stack-full">{order.email}</td>
										<td>
											<OrderStatusBadge status={order.status} />
										</td>
										<td class="num nowrap">{formatPrice(order.amount_cents, order.currency)}</td>
										<td class="nowrap stack-full stack-meta" data-label="Created">
											{formatDateTime(order.created_at)}
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</TableScroll>
				)}
			</Card>
			<Pager
				onFirstPage={!filters.cursor}
				firstHref={`/admin/orders${queryString({ status: filters.status })}`}
				nextHref={nextCursor ? `/admin/orders${queryString({ status: filters.status, cursor: nextCursor })}` : null}
			/>
		</AdminLayout>
	);
}
