import type { adminOverview } from "../../admin/overview";
import { formatDate, formatDateTime, formatPrice, plural } from "../../lib/format";
import { type ProductStatus, ProductStatus as ProductStatuses } from "../../shared/product";
import { DayChart } from "./charts";
import { AdminLayout, type AdminViewer } from "./layout";
import { Card, EmptyState, PageHeader, RefreshLink } from "./parts";
import { PRODUCT_STATUS_LABELS, ProductStatusBadge } from "./status-badge";

/** The figures `adminOverview` returns. */
export type Overview = Awaited<ReturnType<typeof adminOverview>>;

/** Props of {@link OverviewPage}. */
export type OverviewPageProps = { overview: Overview; viewer: AdminViewer; currency?: string };

/** Status counts as cards, every state shown (zero included) so the pipeline reads left to right. */
function StatusCards({ counts }: { counts: Record<string, number> }) {
	return (
		<ul class="status-grid">
			{ProductStatuses.options.map((status: ProductStatus) => (
				<li>
					<a class={`status-card ${(counts[status] ?? 0) === 0 ? "is-zero" : ""}`} href={`/admin/products?status=${status}`}>
						<span class="status-card-count">{counts[status] ?? 0}</span>
						<ProductStatusBadge status={status} />
						<span class="visually-hidden"> — show {PRODUCT_STATUS_LABELS[status]} products</span>
					</a>
				</li>
			))}
		</ul>
	);
}

function Kpi({ label, value, hint }: { label: string; value: string; hint?: string }) {
	return (
		<div class="kpi">
			<dt>{label}</dt>
			<dd>
				<span class="kpi-value">{value}</span>
				{hint ? <span class="kpi-hint">{hint}</span> : null}
			</dd>
		</div>
	);
}

function GateStat({ name, gate }: { name: string; gate: Overview["qa"]["qa1"] }) {
	const id = `gate-${name.toLowerCase()}`;
	return (
		<div class="gate">
			<h3 class="gate-name">{name}</h3>
			<p class="gate-reports muted small">{gate.reports ? `${gate.passed} of ${plural(gate.reports, "report")} passed` : "No reports yet"}</p>
			<div class="meter-row">
				<span id={`${id}-rate`}>Pass rate</span>
				<meter aria-labelledby={`${id}-rate`} min={0} max={100} low={50} high={80} optimum={100} value={gate.pass_rate ?? 0}>
					{gate.pass_rate ?? 0}%
				</meter>
				<strong class="meter-value">{gate.pass_rate === null ? "—" : `${gate.pass_rate}%`}</strong>
			</div>
			<div class="meter-row">
				<span id={`${id}-score`}>Average score</span>
				<meter aria-labelledby={`${id}-score`} min={0} max={100} low={60} high={80} optimum={100} value={gate.average_score ?? 0}>
					{gate.average_score ?? 0} of 100
				</meter>
				<strong class="meter-value">{gate.average_score === null ? "—" : gate.average_score}</strong>
			</div>
		</div>
	);
}

function peakText(days: string[], values: number[], format: (n: number) => string): string {
	let best = -1;
	values.forEach((value, i) => {
		if (value > 0 && (best < 0 || value > (values[best] ?? 0))) best = i;
	});
	const day = days[best];
	return best < 0 || !day ? "No activity in this period." : `Busiest day: ${formatDate(day)} with ${format(values[best] ?? 0)}.`;
}

/**
 * The overview: headline figures, products per pipeline state, sales and downloads over the
 * last 14 days, how the QA gates are doing, and the latest failures with their reasons.
 */
export function OverviewPage({ overview, viewer, currency = "usd" }: OverviewPageProps) {
	const days = overview.sales.map((d) => d.day);
	const revenue = overview.sales.map((d) => d.revenue_cents);
	const orders = overview.sales.map((d) => d.orders);
	const downloads = overview.downloads.map((d) => d.downloads);
	const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
	const money = (cents: number) => formatPrice(Math.round(cents), currency);
	const count = (n: number) => String(Math.round(n * 10) / 10);
	const range = days.length ? `${formatDate(days[0] ?? "")} – ${formatDate(days.at(-1) ?? "")}` : "";
	const inPipeline = ["DRAFT", "GENERATING", "QA1_PASSED", "PACKAGING", "PACKAGED", "QA2_PASSED"].reduce((n, s) => n + (overview.status_counts[s] ?? 0), 0);
	return (
		<AdminLayout title="Overview" section="overview" viewer={viewer}>
			<PageHeader title="Overview" subtitle={`Last 14 days · ${range} (UTC)`} actions={<RefreshLink href="/admin" />} />
			<dl class="kpis">
				<Kpi label="Revenue" value={money(sum(revenue))} hint="14 days" />
				<Kpi label="Orders" value={String(sum(orders))} hint="paid, 14 days" />
				<Kpi label="Downloads" value={String(sum(downloads))} hint="14 days" />
				<Kpi label="Published" value={String(overview.status_counts.PUBLISHED ?? 0)} hint={`${inPipeline} in the pipeline`} />
			</dl>
			<Card title="Products by status" id="statuses" aside={<a href="/admin/products">All products</a>}>
				<StatusCards counts={overview.status_counts} />
			</Card>
			<div class="grid-2">
				<Card title="Revenue" id="revenue" aside={<span class="muted small">{money(sum(revenue))}</span>}>
					<DayChart
						id="chart-revenue"
						kind="bar"
						title="Revenue per day, last 14 days"
						description={`Total ${money(sum(revenue))} from ${plural(sum(orders), "order")}. ${peakText(days, revenue, money)}`}
						days={days}
						unit={100}
						axisFormat={(cents) => money(cents).replace(/\.00$/, "")}
						series={[
							{ name: "Revenue", values: revenue, format: money },
							{ name: "Orders", values: orders, format: count },
						]}
					/>
				</Card>
				<Card title="Orders and downloads" id="activity" aside={<span class="muted small">{plural(sum(downloads), "download")}</span>}>
					<DayChart
						id="chart-activity"
						kind="line"
						title="Paid orders and downloads per day, last 14 days"
						description={`${plural(sum(orders), "order")} and ${plural(sum(downloads), "download")} in total. ${peakText(days, downloads, (n) => plural(n, "download"))}`}
						days={days}
						series={[
							{ name: "Orders", values: orders, format: count },
							{ name: "Downloads", values: downloads, format: count },
						]}
					/>
				</Card>
			</div>
			<div class="grid-2 grid-2-wide">
				<Card title="Quality gates" id="qa">
					<div class="gates">
						<GateStat name="QA1" gate={overview.qa.qa1} />
						<GateStat name="QA2" gate={overview.qa.qa2} />
					</div>
				</Card>
				<Card title="Recent failures" id="failures">
					{overview.recent_failures.length === 0 ? (
						<EmptyState title="No failures">Every product is moving or done.</EmptyState>
					) : (
						<ul class="failure-list">
							{overview.recent_failures.map((failure) => (
								<li class="failure">
									<div class="failure-head">
										<a class="failure-title" href={`/admin/products/${encodeURIComponent(failure.id)}`}>
											{failure.title}
										</a>
										<ProductStatusBadge status={failure.status} />
									</div>
									<p class="failure-reason">
										<span class="stage-chip">{failure.failed_stage}</span> {failure.last_error ?? "No reason recorded."}
									</p>
									<p class="muted small">
										<time datetime={failure.updated_at}>{formatDateTime(failure.updated_at)}</time>
									</p>
								</li>
							))}
						</ul>
					)}
				</Card>
			</div>
		</AdminLayout>
	);
}
