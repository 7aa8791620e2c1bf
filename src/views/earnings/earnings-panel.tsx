import type { PayoutView } from "../../earnings/payouts";
import type { EarningsByStyle, EarningsDay, EarningsOverview } from "../../earnings/report";
import { useI18n } from "../../i18n/context";
import type { I18n } from "../../i18n/i18n";
import type { PayoutStatus } from "../../shared/community";
import { type Column, DataTable } from "../table";

/** What the payout form's last post did (`/me?tab=earnings&payout=…`), see src/routes/earnings-pages.tsx. */
export type PayoutNotice = "requested" | "below_minimum" | "over_balance";

/** Props of {@link EarningsPanel}. */
export type EarningsPanelProps = {
	/** `earningsOverview(db, config.earnings, artistId, now)` (src/earnings/report.ts). */
	report: EarningsOverview;
	csrfToken: string;
	/** From the query after a payout request (`payoutNoticeOf`). */
	notice?: PayoutNotice;
};

const STATUS_BADGE: Record<PayoutStatus, string> = { requested: "badge badge-info", paid: "badge badge-success", rejected: "badge" };

/** The `payout` query parameter of /me as a notice; anything else is ignored rather than echoed. */
export function payoutNoticeOf(value: string | undefined): PayoutNotice | undefined {
	return value === "requested" || value === "below_minimum" || value === "over_balance" ? value : undefined;
}

function dayColumns({ t, number }: I18n): Column<EarningsDay>[] {
	return [
		{ header: t("earnings:panel.colDay"), rowHeader: true, cellProps: { class: "nowrap" }, cell: (row) => row.day },
		{ header: t("earnings:panel.colCredits"), class: "num", cell: (row) => number(row.credits) },
		{ header: t("earnings:panel.colGenerations"), class: "num", cell: (row) => number(row.generations) },
	];
}

function styleColumns({ t, number }: I18n): Column<EarningsByStyle>[] {
	return [
		{ header: t("earnings:panel.colStyle"), rowHeader: true, cell: (row) => <a href={`/styles/${encodeURIComponent(row.style.slug)}`}>{row.style.title}</a> },
		{ header: t("earnings:panel.colCredits"), class: "num", cell: (row) => number(row.credits) },
		{ header: t("earnings:panel.colGenerations"), class: "num", cell: (row) => number(row.generations) },
	];
}

function payoutColumns({ t, number, money, dateTime }: I18n): Column<PayoutView>[] {
	return [
		{ header: t("earnings:panel.colRequested"), cellProps: { class: "nowrap" }, cell: (row) => dateTime(row.created_at) },
		{
			header: t("earnings:panel.colAmount"),
			class: "num",
			cell: (row) => `${t("earnings:panel.creditsValue", { count: row.credits, formatted: number(row.credits) })} · ${money(row.amount_cents, row.currency)}`,
		},
		{ header: t("earnings:panel.colStatus"), cell: (row) => <span class={STATUS_BADGE[row.status]}>{t(`earnings:status.${row.status}`)}</span> },
		{ header: t("earnings:panel.colDecided"), cellProps: { class: "nowrap" }, cell: (row) => (row.decided_at ? dateTime(row.decided_at) : "—") },
	];
}

/**
 * An artist's earnings on /me (the earnings tab, rendered by the my-page views): what can be
 * requested and its money value, the last 30 days by day and by style, the payout form (a plain
 * POST to /me/payouts that comes back here) and the payout history.
 */
export function EarningsPanel({ report, csrfToken, notice }: EarningsPanelProps) {
	const i18n = useI18n();
	const { t, number, money } = i18n;
	const canRequest = report.requestable >= report.payout_minimum;
	return (
		<section class="earnings-panel" aria-labelledby="earnings-title">
			<h2 id="earnings-title" class="section-title">
				{t("earnings:panel.title")}
			</h2>
			{notice === "requested" ? (
				<p class="status-panel status-success" role="status">
					{t("earnings:panel.requested")}
				</p>
			) : null}
			{notice === "below_minimum" ? (
				<p class="alert alert-error" role="alert" data-error-code="VALIDATION_FAILED">
					{t("earnings:panel.belowMinimum", { minimum: number(report.payout_minimum) })}
				</p>
			) : null}
			{notice === "over_balance" ? (
				<p class="alert alert-error" role="alert" data-error-code="INSUFFICIENT_TOKENS">
					{t("earnings:panel.overBalance")}
				</p>
			) : null}
			<p class="balance-line">
				{t("earnings:panel.balance")}{" "}
				<strong class="balance-amount" data-earnings-balance={String(report.balance)}>
					{t("earnings:panel.creditsValue", { count: report.balance, formatted: number(report.balance) })}
				</strong>{" "}
				<span class="muted">({t("earnings:panel.moneyValue", { money: money(report.balance * report.cents_per_credit, report.currency) })})</span>
			</p>
			<p class="muted small">{t("earnings:panel.rate", { money: money(report.cents_per_credit, report.currency), minimum: number(report.payout_minimum) })}</p>

			<h3 class="earnings-subtitle">{t("earnings:panel.requestTitle")}</h3>
			{canRequest ? (
				<form method="post" action="/me/payouts" class="payout-form">
					<input type="hidden" name="_csrf" value={csrfToken} />
					<label for="payout-amount">{t("earnings:panel.amountLabel")}</label>{" "}
					<input
						id="payout-amount"
						name="amount"
						type="number"
						inputmode="numeric"
						min={String(report.payout_minimum)}
						max={String(report.requestable)}
						step="1"
						value={String(report.requestable)}
						required
					/>{" "}
					<button type="submit" class="button button-primary">
						{t("earnings:panel.requestButton")}
					</button>
				</form>
			) : (
				<p class="muted">{t("earnings:panel.belowMinimum", { minimum: number(report.payout_minimum) })}</p>
			)}

			<p class="muted small">{t("earnings:panel.window")}</p>
			<h3 class="earnings-subtitle">{t("earnings:panel.byDay")}</h3>
			<DataTable
				class="ledger-table"
				label={t("earnings:panel.byDay")}
				columns={dayColumns(i18n)}
				rows={report.by_day}
				empty={<p class="muted">{t("earnings:panel.noEarnings", { percent: report.share_percent })}</p>}
			/>
			<h3 class="earnings-subtitle">{t("earnings:panel.byStyle")}</h3>
			<DataTable
				class="ledger-table"
				label={t("earnings:panel.byStyle")}
				columns={styleColumns(i18n)}
				rows={report.by_style}
				empty={<p class="muted">{t("earnings:panel.noEarnings", { percent: report.share_percent })}</p>}
			/>
			<h3 class="earnings-subtitle">{t("earnings:panel.history")}</h3>
			<DataTable
				class="ledger-table"
				label={t("earnings:panel.history")}
				columns={payoutColumns(i18n)}
				rows={report.payouts}
				empty={<p class="muted">{t("earnings:panel.noPayouts")}</p>}
			/>
		</section>
	);
}
