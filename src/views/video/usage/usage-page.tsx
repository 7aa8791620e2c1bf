import type { Viewer } from "../../../accounts/viewer";
import { useI18n } from "../../../i18n/context";
import type { PlanName } from "../../../shared/video";
import type { CurrentPlan } from "../../../video/plans";
import type { PlanOffer } from "../../../video/plans/catalog";
import type { MonthCost, ResourceUsage, UsageView } from "../../../video/usage/view";
import { Layout } from "../../layout";
import { type Column, DataTable } from "../../table";
import { VideoNav } from "../nav";

/** What the return from checkout says about a plan purchase. */
export type PlanNotice = { status: "paid" | "pending" | "closed" | "refunded"; plan: PlanName } | { status: "canceled" };

/** Props of {@link UsagePage}. */
export type UsagePageProps = {
	viewer?: Viewer | null;
	csrfToken: string;
	plan: Pick<CurrentPlan, "plan" | "source" | "expiresAt">;
	usage: UsageView;
	resources: ResourceUsage[];
	months: MonthCost[];
	offers: PlanOffer[];
	currency: string;
	notice?: PlanNotice;
	/** While a purchase is pending: reload after `seconds` at `url`. */
	refresh?: { seconds: number; url: string };
};

/** One limit as a bar (`<meter>`): used of limit, or used alone when unlimited. */
function LimitBar({ id, label, used, limit, format }: { id: string; label: string; used: number; limit: number | null; format: (n: number) => string }) {
	const { t } = useI18n();
	const reached = limit !== null && used >= limit;
	return (
		<div class="usage-limit" data-limit={id} data-reached={reached ? "true" : undefined}>
			<div class="usage-limit-head">
				<span id={`usage-${id}`}>{label}</span>
				<strong>
					{limit === null ? `${format(used)} · ${t("video:usage.unlimited")}` : t("video:usage.ofLimit", { used: format(used), limit: format(limit) })}
				</strong>
			</div>
			{limit === null ? null : (
				<meter aria-labelledby={`usage-${id}`} min={0} max={limit} low={limit * 0.7} high={limit * 0.9} optimum={0} value={Math.min(used, limit)} />
			)}
			{reached ? (
				<p class="alert alert-error small" role="alert" data-error-code="PLAN_LIMIT_REACHED">
					{t("video:usage.reached")}
				</p>
			) : null}
		</div>
	);
}

function NoticeBanner({ notice }: { notice: PlanNotice }) {
	const { t } = useI18n();
	if (notice.status === "canceled") return <p class="notice">{t("video:usage.notice.canceled")}</p>;
	const plan = t(`video:usage.plans.${notice.plan}`);
	if (notice.status === "paid")
		return (
			<p class="status-panel status-success" role="status">
				{t("video:usage.notice.paid", { plan })}
			</p>
		);
	if (notice.status === "pending")
		return (
			<p class="status-panel status-info" role="status">
				<span class="spinner" aria-hidden="true" /> {t("video:usage.notice.pending")}
			</p>
		);
	return <p class="notice">{t(`video:usage.notice.${notice.status}`)}</p>;
}

/**
 * Usage and plan: the plan and its period, bars for videos, cost and storage against its limits,
 * what the caches saved, cost per resource and per month, and the plans to buy (forms posting to
 * the provider's checkout, no JavaScript needed).
 */
export function UsagePage({ viewer, csrfToken, plan, usage, resources, months, offers, currency, notice, refresh }: UsagePageProps) {
	const { t, money, bytes, number, date } = useI18n();
	const cash = (cents: number) => money(cents, currency);
	const resourceColumns: Column<ResourceUsage>[] = [
		{ header: t("video:usage.colResource"), rowHeader: true, cell: (row) => t(`video:usage.resources.${row.resource}`) },
		{ header: t("video:usage.colCalls"), class: "num", cell: (row) => number(row.calls) },
		{ header: t("video:usage.colHits"), class: "num", cell: (row) => number(row.cache_hits) },
		{ header: t("video:usage.colCost"), class: "num", cell: (row) => cash(row.cost_cents) },
		{ header: t("video:usage.colSaved"), class: "num", cell: (row) => cash(row.saved_cents) },
	];
	const monthColumns: Column<MonthCost>[] = [
		{ header: t("video:usage.colMonth"), rowHeader: true, cell: (row) => row.month },
		{ header: t("video:usage.colCost"), class: "num", cell: (row) => cash(row.cost_cents) },
		{ header: t("video:usage.colSaved"), class: "num", cell: (row) => cash(row.saved_cents) },
	];
	return (
		<Layout
			title={t("video:usage.title")}
			viewer={viewer}
			noindex
			refreshSeconds={notice?.status === "pending" ? refresh?.seconds : undefined}
			refreshUrl={refresh?.url}
		>
			<VideoNav current="usage" />
			<header class="usage-head">
				<h1>{t("video:usage.title")}</h1>
				<p class="usage-plan" data-plan={plan.plan}>
					<strong>{t("video:usage.planLine", { plan: t(`video:usage.plans.${plan.plan}`) })}</strong> · {t(`video:usage.source.${plan.source}`)}
					{plan.expiresAt ? <> · {t("video:usage.until", { date: date(plan.expiresAt) })}</> : null}
				</p>
				<p class="muted">{t("video:usage.periodSince", { date: date(usage.period_start) })}</p>
			</header>
			{notice ? <NoticeBanner notice={notice} /> : null}

			<section aria-labelledby="usage-limits-title" class="usage-section">
				<h2 id="usage-limits-title" class="section-title">
					{t("video:usage.limitsTitle")}
				</h2>
				<LimitBar id="videos" label={t("video:usage.videos")} used={usage.videos_used} limit={usage.videos_limit} format={number} />
				<LimitBar id="cost" label={t("video:usage.cost")} used={usage.cost_cents} limit={usage.cost_limit_cents} format={cash} />
				<LimitBar id="storage" label={t("video:usage.storage")} used={usage.storage_bytes} limit={usage.storage_limit_bytes} format={bytes} />
			</section>

			<section aria-labelledby="usage-saved-title" class="usage-section">
				<h2 id="usage-saved-title" class="section-title">
					{t("video:usage.savedTitle")}
				</h2>
				<p data-saved={usage.saved_by_cache_cents}>{t("video:usage.savedText", { amount: cash(usage.saved_by_cache_cents) })}</p>
			</section>

			<section aria-labelledby="usage-resources-title" class="usage-section">
				<h2 id="usage-resources-title" class="section-title">
					{t("video:usage.byResourceTitle")}
				</h2>
				<DataTable class="ledger-table" label={t("video:usage.byResourceTitle")} columns={resourceColumns} rows={resources} />
			</section>

			<section aria-labelledby="usage-months-title" class="usage-section">
				<h2 id="usage-months-title" class="section-title">
					{t("video:usage.byMonthTitle")}
				</h2>
				<DataTable class="ledger-table" label={t("video:usage.byMonthTitle")} columns={monthColumns} rows={months} />
			</section>

			<section aria-labelledby="usage-plans-title" class="usage-section">
				<h2 id="usage-plans-title" class="section-title">
					{t("video:usage.buyTitle")}
				</h2>
				<p class="muted">{t("video:usage.renews")}</p>
				<ul class="package-grid plan-grid">
					{offers.map((offer) => (
						<li class="card package-card" data-plan-offer={offer.plan}>
							<h3>{t(`video:usage.plans.${offer.plan}`)}</h3>
							<p class="package-price">
								{offer.price_cents === 0 ? t("video:usage.free") : t("video:usage.perMonth", { price: money(offer.price_cents, offer.currency) })}
							</p>
							<ul class="plan-limits">
								<li>{offer.videos_limit === null ? t("video:usage.limitVideosUnlimited") : t("video:usage.limitVideos", { count: offer.videos_limit })}</li>
								<li>
									{offer.channels_limit === null ? t("video:usage.limitChannelsUnlimited") : t("video:usage.limitChannels", { count: offer.channels_limit })}
								</li>
								<li>{t("video:usage.limitStorage", { size: bytes(offer.storage_limit_bytes) })}</li>
								<li>{t("video:usage.limitCost", { amount: money(offer.cost_limit_cents, offer.currency) })}</li>
							</ul>
							{offer.plan === plan.plan ? <p class="badge badge-success">{t("video:usage.current")}</p> : null}
							{offer.plan === "free" ? null : (
								<form method="post" action="/video/usage/buy">
									<input type="hidden" name="_csrf" value={csrfToken} />
									<input type="hidden" name="plan" value={offer.plan} />
									<button type="submit" class="button button-primary button-block">
										{t("video:usage.buy", { plan: t(`video:usage.plans.${offer.plan}`) })}
									</button>
								</form>
							)}
						</li>
					))}
				</ul>
			</section>
		</Layout>
	);
}
