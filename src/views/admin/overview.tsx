import type { adminOverview } from "../../admin/overview";
import { useI18n } from "../../i18n/context";
import type { I18n } from "../../i18n/i18n";
import { type ProductStatus, ProductStatus as ProductStatuses } from "../../shared/product";
import { DayChart, dayText } from "./charts";
import { AdminLayout, type AdminViewer } from "./layout";
import { Card, EmptyState, PageHeader, RefreshLink } from "./parts";
import { ProductStatusBadge, useProductStatusLabels } from "./status-badge";

/** The figures `adminOverview` returns. */
export type Overview = Awaited<ReturnType<typeof adminOverview>>;

/** Props of {@link OverviewPage}. */
export type OverviewPageProps = { overview: Overview; viewer: AdminViewer; currency?: string };

/** Status counts as cards, every state shown (zero included) so the pipeline reads left to right. */
function StatusCards({ counts }: { counts: Record<string, number> }) {
	const { t } = useI18n();
	const labels = useProductStatusLabels();
	return (
		<ul class="status-grid">
			{ProductStatuses.options.map((status: ProductStatus) => (
				<li>
					<a class={`status-card ${(counts[status] ?? 0) === 0 ? "is-zero" : ""}`} href={`/admin/products?status=${status}`}>
						<span class="status-card-count">{counts[status] ?? 0}</span>
						<ProductStatusBadge status={status} />
						<span class="visually-hidden">{t("admin:overview.showStatus", { status: labels[status] })}</span>
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
	const { t } = useI18n();
	const id = `gate-${name.toLowerCase()}`;
	return (
		<div class="gate">
			<h3 class="gate-name">{name}</h3>
			<p class="gate-reports muted small">
				{gate.reports ? t("admin:overview.gatePassed", { passed: gate.passed, count: gate.reports }) : t("admin:overview.noReports")}
			</p>
			<div class="meter-row">
				<span id={`${id}-rate`}>{t("admin:overview.passRate")}</span>
				<meter aria-labelledby={`${id}-rate`} min={0} max={100} low={50} high={80} optimum={100} value={gate.pass_rate ?? 0}>
					{gate.pass_rate ?? 0}%
				</meter>
				<strong class="meter-value">{gate.pass_rate === null ? "—" : `${gate.pass_rate}%`}</strong>
			</div>
			<div class="meter-row">
				<span id={`${id}-score`}>{t("admin:overview.averageScore")}</span>
				<meter aria-labelledby={`${id}-score`} min={0} max={100} low={60} high={80} optimum={100} value={gate.average_score ?? 0}>
					{t("admin:overview.outOf100", { value: gate.average_score ?? 0 })}
				</meter>
				<strong class="meter-value">{gate.average_score === null ? "—" : gate.average_score}</strong>
			</div>
		</div>
	);
}

function peakText(i18n: I18n, days: string[], values: number[], format: (n: number) => string): string {
	let best = -1;
	values.forEach((value, i) => {
		if (value > 0 && (best < 0 || value > (values[best] ?? 0))) best = i;
	});
	const day = days[best];
	return best < 0 || !day
		? i18n.t("admin:overview.noActivity")
		: i18n.t("admin:overview.busiest", { day: dayText(i18n.locale, day), value: format(values[best] ?? 0) });
}

/**
 * The overview: headline figures, products per pipeline state, sales and downloads over the
 * last 14 days, how the QA gates are doing, and the latest failures with their reasons.
 */
export function OverviewPage({ overview, viewer, currency = "usd" }: OverviewPageProps) {
	const i18n = useI18n();
	const { t, locale, dateTime } = i18n;
	const days = overview.sales.map((d) => d.day);
	const revenue = overview.sales.map((d) => d.revenue_cents);
	const orders = overview.sales.map((d) => d.orders);
	const downloads = overview.downloads.map((d) => d.downloads);
	const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
	const money = (cents: number) => i18n.money(Math.round(cents), currency);
	const count = (n: number) => i18n.number(Math.round(n * 10) / 10);
	const orderCount = (n: number) => t("admin:overview.orderCount", { count: n });
	const downloadCount = (n: number) => t("admin:overview.downloadCount", { count: n });
	const range = days.length ? `${dayText(locale, days[0] ?? "")} – ${dayText(locale, days.at(-1) ?? "")}` : "";
	const inPipeline = ["DRAFT", "GENERATING", "QA1_PASSED", "PACKAGING", "PACKAGED", "QA2_PASSED"].reduce((n, s) => n + (overview.status_counts[s] ?? 0), 0);
	return (
		<AdminLayout title={t("admin:overview.title")} section="overview" viewer={viewer}>
			<PageHeader title={t("admin:overview.title")} subtitle={t("admin:overview.subtitle", { range })} actions={<RefreshLink href="/admin" />} />
			<dl class="kpis">
				<Kpi label={t("admin:overview.revenue")} value={money(sum(revenue))} hint={t("admin:overview.hint14")} />
				<Kpi label={t("admin:overview.orders")} value={i18n.number(sum(orders))} hint={t("admin:overview.hintPaid")} />
				<Kpi label={t("admin:overview.downloads")} value={i18n.number(sum(downloads))} hint={t("admin:overview.hint14")} />
				<Kpi
					label={t("admin:overview.published")}
					value={i18n.number(overview.status_counts.PUBLISHED ?? 0)}
					hint={t("admin:overview.inPipeline", { n: i18n.number(inPipeline) })}
				/>
			</dl>
			<Card title={t("admin:overview.byStatus")} id="statuses" aside={<a href="/admin/products">{t("admin:overview.allProducts")}</a>}>
				<StatusCards counts={overview.status_counts} />
			</Card>
			<div class="grid-2">
				<Card title={t("admin:overview.revenue")} id="revenue" aside={<span class="muted small">{money(sum(revenue))}</span>}>
					<DayChart
						id="chart-revenue"
						kind="bar"
						title={t("admin:overview.revenueChart")}
						description={t("admin:overview.revenueDesc", {
							total: money(sum(revenue)),
							orders: orderCount(sum(orders)),
							peak: peakText(i18n, days, revenue, money),
						})}
						days={days}
						unit={100}
						axisFormat={(cents) => money(cents).replace(/\.00$/, "")}
						series={[
							{ name: t("admin:overview.revenue"), values: revenue, format: money },
							{ name: t("admin:overview.orders"), values: orders, format: count },
						]}
					/>
				</Card>
				<Card title={t("admin:overview.activity")} id="activity" aside={<span class="muted small">{downloadCount(sum(downloads))}</span>}>
					<DayChart
						id="chart-activity"
						kind="line"
						title={t("admin:overview.activityChart")}
						description={t("admin:overview.activityDesc", {
							orders: orderCount(sum(orders)),
							downloads: downloadCount(sum(downloads)),
							peak: peakText(i18n, days, downloads, downloadCount),
						})}
						days={days}
						series={[
							{ name: t("admin:overview.orders"), values: orders, format: count },
							{ name: t("admin:overview.downloads"), values: downloads, format: count },
						]}
					/>
				</Card>
			</div>
			<div class="grid-2 grid-2-wide">
				<Card title={t("admin:overview.qualityGates")} id="qa">
					<div class="gates">
						<GateStat name="QA1" gate={overview.qa.qa1} />
						<GateStat name="QA2" gate={overview.qa.qa2} />
					</div>
				</Card>
				<Card title={t("admin:overview.recentFailures")} id="failures">
					{overview.recent_failures.length === 0 ? (
						<EmptyState title={t("admin:overview.noFailures")}>{t("admin:overview.noFailuresText")}</EmptyState>
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
										<span class="stage-chip">{failure.failed_stage}</span> {failure.last_error ?? t("admin:parts.noReason")}
									</p>
									<p class="muted small">
										<time datetime={failure.updated_at}>{dateTime(failure.updated_at)}</time>
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
