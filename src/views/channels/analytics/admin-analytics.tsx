import type { OrdersPoint, ShopOrders } from "../../../channels/analytics/shop-queries";
import { SERIES_DAYS } from "../../../channels/analytics/video-queries";
import { useI18n } from "../../../i18n/context";
import { DayChart } from "../../admin/charts";
import { AdminLayout, type AdminViewer } from "../../admin/layout";
import { Card, EmptyState, PageHeader } from "../../admin/parts";
import { type Column, DataTable } from "../../table";

/** Props of {@link AdminAnalyticsPage}: what `GET /api/analytics/shops` answers. */
export type AdminAnalyticsPageProps = { viewer: AdminViewer; shops: ShopOrders[]; now: Date };

/** The last {@link SERIES_DAYS} UTC days (`YYYY-MM-DD`), oldest first, ending with `now`'s. */
export function lastDays(now: Date): string[] {
	const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
	return Array.from({ length: SERIES_DAYS }, (_, i) => new Date(today - (SERIES_DAYS - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}

/** A shop's windows summed per UTC day (the dashboard's charts are per day). */
function perDay(days: string[], series: OrdersPoint[]) {
	const orders = new Map<string, number>();
	const revenue = new Map<string, number>();
	for (const point of series) {
		const day = point.at.slice(0, 10);
		orders.set(day, (orders.get(day) ?? 0) + point.orders);
		revenue.set(day, (revenue.get(day) ?? 0) + point.revenue_cents);
	}
	return { orders: days.map((day) => orders.get(day) ?? 0), revenue: days.map((day) => revenue.get(day) ?? 0) };
}

function ShopSection({ shop, days }: { shop: ShopOrders; days: string[] }) {
	const { t, money, number } = useI18n();
	const currency = shop.currency ?? "usd";
	const cash = (cents: number) => (shop.currency ? money(cents, currency) : number(cents));
	const daily = perDay(days, shop.series);
	const columns: Column<ShopOrders["products"][number]>[] = [
		{ header: t("channels:analytics.admin.colProduct"), rowHeader: true, cell: (row) => <a href={`/admin/products/${row.product_id}`}>{row.title}</a> },
		{ header: t("channels:analytics.orders"), class: "num", cell: (row) => number(row.orders) },
		{ header: t("channels:analytics.revenue"), class: "num", cell: (row) => money(row.revenue_cents, row.currency) },
	];
	return (
		<Card title={shop.display_name} id={`shop-${shop.id}`}>
			<dl class="kpis">
				<div class="kpi">
					<dt>{t("channels:analytics.orders")}</dt>
					<dd>
						<span class="kpi-value">{number(shop.orders)}</span>
					</dd>
				</div>
				<div class="kpi">
					<dt>{t("channels:analytics.revenue")}</dt>
					<dd>
						<span class="kpi-value">{cash(shop.revenue_cents)}</span>
					</dd>
				</div>
			</dl>
			{shop.series.length === 0 ? (
				<EmptyState title={t("channels:analytics.admin.noOrders")} />
			) : (
				<>
					<DayChart
						id={`shop-chart-${shop.id}`}
						title={t("channels:analytics.admin.revenueChart", { shop: shop.display_name })}
						description={t("channels:analytics.admin.revenueDescription", { orders: number(shop.orders), revenue: cash(shop.revenue_cents) })}
						days={days}
						kind="bar"
						unit={100}
						series={[
							{ name: t("channels:analytics.revenue"), values: daily.revenue, format: cash },
							{ name: t("channels:analytics.admin.ordersSeries"), values: daily.orders, format: number },
						]}
					/>
					<h3>{t("channels:analytics.admin.productsTitle")}</h3>
					<DataTable class="table table-compact" label={t("channels:analytics.admin.productsTitle")} columns={columns} rows={shop.products} />
				</>
			)}
		</Card>
	);
}

/** `/admin/analytics`: per shop, its orders and revenue of the last 30 days, a chart per day and a table per product. */
export function AdminAnalyticsPage({ viewer, shops, now }: AdminAnalyticsPageProps) {
	const { t } = useI18n();
	const days = lastDays(now);
	return (
		<AdminLayout title={t("channels:analytics.admin.title")} section="analytics" viewer={viewer}>
			<PageHeader title={t("channels:analytics.admin.title")} subtitle={t("channels:analytics.admin.intro")} />
			{shops.length === 0 ? <EmptyState title={t("channels:analytics.admin.none")} /> : shops.map((shop) => <ShopSection shop={shop} days={days} />)}
		</AdminLayout>
	);
}
