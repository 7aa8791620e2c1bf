import type { Viewer } from "../../accounts/viewer";
import { useI18n } from "../../i18n/context";
import type { I18n } from "../../i18n/i18n";
import type { CreditMovementKind, CreditPurchaseStatus } from "../../shared/styles";
import { Layout } from "../layout";
import { type Column, DataTable } from "../table";

/** A package on sale. */
export type CreditsPagePackage = { credits: number; price_cents: number; currency: string };

/** One ledger movement. */
export type CreditsPageMovement = { id: string; kind: CreditMovementKind; amount: number; balance_after: number; created_at: string };

/** What the return from checkout says about the purchase. */
export type PurchaseNotice = { id: string; credits: number; status: CreditPurchaseStatus } | { canceled: true };

/** Props of {@link CreditsPage}. */
export type CreditsPageProps = {
	/** Who is looking, for the header (`c.var.viewer`). */
	viewer?: Viewer | null;
	balance: number;
	packages: CreditsPagePackage[];
	history: CreditsPageMovement[];
	csrfToken: string;
	purchase?: PurchaseNotice;
	/** While the purchase is pending: reload after `seconds` at `url` (the page with its back-off counter moved on). */
	refresh?: { seconds: number; url: string };
};

/** The ledger's columns, worded in the reader's language. */
function historyColumns({ t, dateTime }: Pick<I18n, "t" | "dateTime">): Column<CreditsPageMovement>[] {
	return [
		{ header: t("styles:credits.colWhen"), cell: (row) => dateTime(row.created_at) },
		{ header: t("styles:credits.colWhat"), cell: (row) => t(`styles:credits.kind.${row.kind}`) },
		{ header: t("styles:credits.colMovement"), cellProps: { class: "mono small break" }, cell: (row) => row.id },
		{
			header: t("styles:credits.colAmount"),
			class: "num",
			cellProps: (row) => ({ class: row.amount > 0 ? "amount-in" : row.amount < 0 ? "amount-out" : undefined }),
			cell: (row) => (row.amount > 0 ? `+${row.amount}` : String(row.amount)),
		},
		{ header: t("styles:credits.colBalanceAfter"), class: "num", cell: (row) => row.balance_after },
	];
}

/** The notice at the top after checkout: credited, still waiting for the payment, canceled, or failed (PAYMENT_FAILED). */
function PurchaseBanner({ purchase }: { purchase: PurchaseNotice }) {
	const { t } = useI18n();
	if ("canceled" in purchase) return <p class="notice">{t("styles:credits.checkoutCanceled")}</p>;
	if (purchase.status === "paid")
		return (
			<p class="status-panel status-success" role="status">
				<span class="badge badge-success">{t("styles:credits.paid")}</span> {t("styles:credits.paidText", { count: purchase.credits })}
			</p>
		);
	if (purchase.status === "canceled") return <p class="notice">{t("styles:credits.notCompleted")}</p>;
	if (purchase.status === "failed")
		return (
			<p class="alert alert-error" role="alert" data-error-code="PAYMENT_FAILED">
				<strong>{t("errors:title.PAYMENT_FAILED")}</strong> (PAYMENT_FAILED): {t("errors:message.PAYMENT_FAILED")}
			</p>
		);
	if (purchase.status !== "pending") return <p class="notice">{t("styles:credits.reversed", { count: purchase.credits })}</p>;
	return (
		<p class="status-panel status-info" role="status">
			<span class="badge badge-info">
				<span class="spinner" aria-hidden="true" />
				{t("styles:credits.pending")}
			</span>{" "}
			{t("styles:credits.pendingText", { count: purchase.credits })}
		</p>
	);
}

/**
 * Credits: the balance, the packages with a Buy button each (a form posting to the payment
 * provider's checkout, no JavaScript needed), and every ledger movement with its id.
 */
export function CreditsPage({ balance, packages, history, csrfToken, purchase, refresh, viewer }: CreditsPageProps) {
	const waiting = purchase !== undefined && !("canceled" in purchase) && purchase.status === "pending";
	const { t, dateTime, money } = useI18n();
	return (
		<Layout title={t("styles:credits.title")} viewer={viewer} noindex refreshSeconds={waiting ? refresh?.seconds : undefined} refreshUrl={refresh?.url}>
			<header class="credits-head">
				<h1>{t("styles:credits.title")}</h1>
				<p class="balance-line">
					{t("styles:credits.balance")}{" "}
					<strong class="balance-amount" data-balance>
						{balance}
					</strong>{" "}
					{t("styles:credits.creditsWord")}
				</p>
			</header>
			{purchase ? <PurchaseBanner purchase={purchase} /> : null}

			<section aria-labelledby="packages-title" class="credits-section">
				<h2 id="packages-title" class="section-title">
					{t("styles:credits.buyTitle")}
				</h2>
				<ul class="package-grid">
					{packages.map((pkg) => (
						<li class="card package-card">
							<p class="package-credits">
								<strong>{pkg.credits}</strong> {t("styles:credits.creditsWord")}
							</p>
							<p class="package-price">{money(pkg.price_cents, pkg.currency)}</p>
							<form method="post" action="/credits/buy">
								<input type="hidden" name="_csrf" value={csrfToken} />
								<input type="hidden" name="credits" value={String(pkg.credits)} />
								<button type="submit" class="button button-primary button-block">
									{t("styles:credits.buy", { count: pkg.credits })}
								</button>
							</form>
						</li>
					))}
				</ul>
			</section>

			<section aria-labelledby="history-title" class="credits-section">
				<h2 id="history-title" class="section-title">
					{t("styles:credits.historyTitle")}
				</h2>
				<DataTable
					class="ledger-table"
					label={t("styles:credits.historyLabel")}
					columns={historyColumns({ t, dateTime })}
					rows={history}
					empty={<p class="muted">{t("styles:credits.noMovements")}</p>}
				/>
			</section>
		</Layout>
	);
}
