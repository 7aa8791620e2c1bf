import type { Viewer } from "../../accounts/viewer";
import { formatDateTime, formatPrice } from "../../lib/format";
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

const KIND_LABEL: Record<CreditMovementKind, string> = {
	welcome: "Welcome credits",
	purchase: "Purchase",
	hold: "Held for a generation",
	capture: "Generation paid",
	refund: "Refund",
	reversal: "Payment refunded or disputed",
	reinstate: "Dispute settled for you",
};

const HISTORY_COLUMNS: Column<CreditsPageMovement>[] = [
	{ header: "When", cell: (row) => formatDateTime(row.created_at) },
	{ header: "What", cell: (row) => KIND_LABEL[row.kind] },
	{ header: "Movement", cellProps: { class: "mono small break" }, cell: (row) => row.id },
	{
		header: "Amount",
		class: "num",
		cellProps: (row) => ({ class: row.amount > 0 ? "amount-in" : row.amount < 0 ? "amount-out" : undefined }),
		cell: (row) => (row.amount > 0 ? `+${row.amount}` : String(row.amount)),
	},
	{ header: "Balance after", class: "num", cell: (row) => row.balance_after },
];

/** The notice at the top after checkout: credited, still waiting for the payment, or canceled. */
function PurchaseBanner({ purchase }: { purchase: PurchaseNotice }) {
	if ("canceled" in purchase) return <p class="notice">Checkout canceled. You have not been charged.</p>;
	if (purchase.status === "paid")
		return (
			<p class="status-panel status-success" role="status">
				<span class="badge badge-success">Paid</span> {purchase.credits} credits were added to your balance. Thank you!
			</p>
		);
	if (purchase.status === "canceled") return <p class="notice">This purchase was not completed. You have not been charged.</p>;
	if (purchase.status !== "pending")
		return <p class="notice">The payment for these {purchase.credits} credits was refunded or disputed, so they were taken back.</p>;
	return (
		<p class="status-panel status-info" role="status">
			<span class="badge badge-info">
				<span class="spinner" aria-hidden="true" />
				Pending
			</span>{" "}
			Waiting for the payment confirmation of {purchase.credits} credits… This page refreshes by itself.
		</p>
	);
}

/**
 * Credits: the balance, the packages with a Buy button each (a form posting to the payment
 * provider's checkout, no JavaScript needed), and every ledger movement with its id.
 */
export function CreditsPage({ balance, packages, history, csrfToken, purchase, refresh, viewer }: CreditsPageProps) {
	const waiting = purchase !== undefined && !("canceled" in purchase) && purchase.status === "pending";
	return (
		<Layout title="Credits" viewer={viewer} noindex refreshSeconds={waiting ? refresh?.seconds : undefined} refreshUrl={refresh?.url}>
			<header class="credits-head">
				<h1>Credits</h1>
				<p class="balance-line">
					Balance:{" "}
					<strong class="balance-amount" data-balance>
						{balance}
					</strong>{" "}
					credits
				</p>
			</header>
			{purchase ? <PurchaseBanner purchase={purchase} /> : null}

			<section aria-labelledby="packages-title" class="credits-section">
				<h2 id="packages-title" class="section-title">
					Buy credits
				</h2>
				<ul class="package-grid">
					{packages.map((pkg) => (
						<li class="card package-card">
							<p class="package-credits">
								<strong>{pkg.credits}</strong> credits
							</p>
							<p class="package-price">{formatPrice(pkg.price_cents, pkg.currency)}</p>
							<form method="post" action="/credits/buy">
								<input type="hidden" name="_csrf" value={csrfToken} />
								<input type="hidden" name="credits" value={String(pkg.credits)} />
								<button type="submit" class="button button-primary button-block">
									Buy {pkg.credits} credits
								</button>
							</form>
						</li>
					))}
				</ul>
			</section>

			<section aria-labelledby="history-title" class="credits-section">
				<h2 id="history-title" class="section-title">
					History
				</h2>
				<DataTable class="ledger-table" label="Credit history" columns={HISTORY_COLUMNS} rows={history} empty={<p class="muted">No movements yet.</p>} />
			</section>
		</Layout>
	);
}
