import type { AdminPayoutView } from "../../earnings/payouts";
import type { ArtistEarnings } from "../../earnings/report";
import { useI18n } from "../../i18n/context";
import type { I18n } from "../../i18n/i18n";
import type { PayoutStatus } from "../../shared/community";
import { AdminLayout, type AdminViewer } from "../admin/layout";
import { Card, CsrfField, EmptyState, Notice, PageHeader, RefreshLink } from "../admin/parts";
import { Badge, type Tone } from "../admin/status-badge";
import { type Column, DataTable } from "../table";

/** Banners after an action (`?done=`), each an `earnings:admin.notices` message. */
export const EARNINGS_NOTICES = { paid: "paid", rejected: "rejected", refunded: "refunded" } as const;

/** Props of {@link AdminEarningsPage}. */
export type AdminEarningsPageProps = {
	artists: ArtistEarnings[];
	payouts: AdminPayoutView[];
	/** The payout list's filter, when one is chosen. */
	status?: PayoutStatus;
	sharePercent: number;
	viewer: AdminViewer;
	notice?: keyof typeof EARNINGS_NOTICES;
};

const STATUS_TONES: Record<PayoutStatus, Tone> = { requested: "warning", paid: "success", rejected: "neutral" };

function artistColumns({ t, number }: I18n): Column<ArtistEarnings>[] {
	return [
		{
			header: t("earnings:admin.colArtist"),
			rowHeader: true,
			cell: (row) => <a href={`/users/${encodeURIComponent(row.artist.id)}`}>{row.artist.nickname ?? row.artist.id}</a>,
		},
		{ header: t("earnings:admin.colTotal"), class: "num", cell: (row) => number(row.total) },
		{ header: t("earnings:admin.colRecent"), class: "num", cell: (row) => number(row.recent) },
		{ header: t("earnings:admin.colBalance"), class: "num", cell: (row) => number(row.balance) },
	];
}

function payoutColumns(i18n: I18n, csrfToken: string): Column<AdminPayoutView>[] {
	const { t, number, money, dateTime } = i18n;
	return [
		{ header: t("earnings:admin.colArtist"), rowHeader: true, cell: (row) => row.artist.nickname ?? row.artist.id },
		{ header: t("earnings:admin.colRequested"), cellProps: { class: "nowrap" }, cell: (row) => dateTime(row.created_at) },
		{ header: t("earnings:admin.colCredits"), class: "num", cell: (row) => number(row.credits) },
		{ header: t("earnings:admin.colMoney"), class: "num", cell: (row) => money(row.amount_cents, row.currency) },
		{ header: t("earnings:admin.colStatus"), cell: (row) => <Badge tone={STATUS_TONES[row.status]}>{t(`earnings:status.${row.status}`)}</Badge> },
		{
			header: t("earnings:admin.colActions"),
			cell: (row) =>
				row.status === "requested" ? (
					<div class="artist-actions">
						<form method="post" action={`/admin/earnings/payouts/${encodeURIComponent(row.id)}/paid`}>
							<CsrfField token={csrfToken} />
							<button class="btn btn-primary btn-sm" type="submit">
								{t("earnings:admin.markPaid")}
							</button>
						</form>
						<form method="post" action={`/admin/earnings/payouts/${encodeURIComponent(row.id)}/reject`}>
							<CsrfField token={csrfToken} />
							<button class="btn btn-danger-ghost btn-sm" type="submit">
								{t("earnings:admin.reject")}
							</button>
						</form>
					</div>
				) : row.decided_at ? (
					dateTime(row.decided_at)
				) : (
					"—"
				),
		},
	];
}

/** `/admin/earnings`: what each artist earned, the payout requests with Paid / Reject, and refunding a completed generation by id. */
export function AdminEarningsPage({ artists, payouts, status, sharePercent, viewer, notice }: AdminEarningsPageProps) {
	const i18n = useI18n();
	const { t } = i18n;
	const filters: (PayoutStatus | undefined)[] = [undefined, "requested", "paid", "rejected"];
	return (
		<AdminLayout title={t("earnings:admin.title")} section="earnings" viewer={viewer}>
			<PageHeader
				title={t("earnings:admin.heading")}
				subtitle={t("earnings:admin.subtitle", { percent: sharePercent })}
				actions={<RefreshLink href="/admin/earnings" />}
			/>
			{notice ? <Notice>{t(`earnings:admin.notices.${EARNINGS_NOTICES[notice]}`)}</Notice> : null}
			<Card title={t("earnings:admin.payouts")} id="payouts" class="card-flush-table">
				<p class="filters">
					{filters.map((filter) => (
						<a
							class="btn btn-ghost btn-sm"
							href={filter ? `/admin/earnings?status=${filter}#payouts` : "/admin/earnings#payouts"}
							aria-current={filter === status ? "page" : undefined}
						>
							{filter ? t(`earnings:status.${filter}`) : t("earnings:admin.filterAll")}
						</a>
					))}
				</p>
				<DataTable
					class="table table-compact"
					label={t("earnings:admin.payouts")}
					columns={payoutColumns(i18n, viewer.csrfToken)}
					rows={payouts}
					empty={<EmptyState title={t("earnings:admin.noPayouts")} />}
				/>
			</Card>
			<Card title={t("earnings:admin.byArtist")} id="artists" class="card-flush-table">
				<DataTable
					class="table table-compact"
					label={t("earnings:admin.byArtist")}
					columns={artistColumns(i18n)}
					rows={artists}
					empty={<EmptyState title={t("earnings:admin.noArtists")} />}
				/>
			</Card>
			<Card title={t("earnings:admin.refundTitle")} id="refund">
				<p class="muted">{t("earnings:admin.refundText")}</p>
				<form method="post" action="/admin/earnings/refund" class="artist-actions">
					<CsrfField token={viewer.csrfToken} />
					<label for="refund-generation">{t("earnings:admin.refundLabel")}</label>
					<input id="refund-generation" name="generation_id" type="text" required maxlength={64} pattern="gen_[0-9a-f]+" autocomplete="off" />
					<button class="btn btn-danger-ghost" type="submit">
						{t("earnings:admin.refundButton")}
					</button>
				</form>
			</Card>
		</AdminLayout>
	);
}
