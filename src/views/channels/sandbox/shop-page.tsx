import type { Viewer } from "../../../accounts/viewer";
import type { SandboxItem, SandboxProduct } from "../../../channels/local/sandbox-store";
import { useI18n } from "../../../i18n/context";
import { Layout } from "../../layout";
import { type Column, DataTable } from "../../table";
import { ExpireTokensForm, SandboxBanner, SandboxCsrf, SandboxNotice } from "./sandbox-parts";

/** What the shop page says after an action. */
export type SandboxShopNotice = "bought" | "not_for_sale" | "expired";

/** `/sandbox/shops/:account`: the products the app pushed to this sandbox shop, as the shop holds them, with a "buy one" button each. */
export function SandboxShopPage({
	viewer,
	csrfToken,
	account,
	name,
	products,
	notice,
}: {
	viewer?: Viewer | null;
	csrfToken: string;
	account: string;
	name: string;
	products: SandboxItem<SandboxProduct>[];
	notice?: SandboxShopNotice;
}) {
	const { t, money, number, dateTime } = useI18n();
	const yesNo = (value: boolean) => (value ? t("channels:connect.sandbox.shop.yes") : t("channels:connect.sandbox.shop.no"));
	const columns: Column<SandboxItem<SandboxProduct>>[] = [
		{ header: t("channels:connect.sandbox.shop.columns.name"), rowHeader: true, cell: (row) => row.data.name },
		{ header: t("channels:connect.sandbox.shop.columns.price"), class: "num", cell: (row) => money(row.data.priceCents, row.data.currency) },
		{
			header: t("channels:connect.sandbox.shop.columns.display"),
			cell: (row) => <span data-display={String(row.data.display)}>{yesNo(row.data.display)}</span>,
		},
		{
			header: t("channels:connect.sandbox.shop.columns.selling"),
			cell: (row) => <span data-selling={String(row.data.selling)}>{yesNo(row.data.selling)}</span>,
		},
		{
			header: t("channels:connect.sandbox.shop.columns.stock"),
			class: "num",
			cell: (row) => (row.data.stock === null ? t("channels:connect.sandbox.shop.unlimited") : number(row.data.stock)),
		},
		{ header: t("channels:connect.sandbox.shop.columns.outsideId"), cell: (row) => <code>{row.id}</code> },
		{ header: t("channels:connect.sandbox.shop.columns.updated"), cellProps: { class: "nowrap" }, cell: (row) => dateTime(row.updatedAt) },
		{
			header: t("channels:connect.sandbox.shop.columns.sales"),
			class: "num",
			cell: (row) => <span data-sales={row.data.orders.length}>{number(row.data.orders.length)}</span>,
		},
		{
			header: <span class="visually-hidden">{t("channels:connect.sandbox.shop.columns.buy")}</span>,
			cell: (row) => (
				<form method="post" action={`/sandbox/shops/${encodeURIComponent(account)}/products/${encodeURIComponent(row.id)}/buy`}>
					<SandboxCsrf token={csrfToken} />
					<button type="submit" class="button button-secondary" disabled={!(row.data.display && row.data.selling)} data-buy={row.id}>
						{t("channels:connect.sandbox.shop.buyOne")}
					</button>
				</form>
			),
		},
	];
	const noticeText =
		notice === "bought"
			? t("channels:connect.sandbox.shop.bought")
			: notice === "not_for_sale"
				? t("channels:connect.sandbox.shop.notForSale")
				: notice === "expired"
					? t("channels:connect.sandbox.expire.done")
					: null;
	return (
		<Layout title={t("channels:connect.sandbox.shop.title", { name })} viewer={viewer} noindex>
			<h1>{t("channels:connect.sandbox.shop.title", { name })}</h1>
			<SandboxBanner />
			<SandboxNotice text={noticeText} tone={notice === "not_for_sale" ? "info" : "success"} />
			<DataTable
				class="ledger-table"
				label={t("channels:connect.sandbox.shop.title", { name })}
				columns={columns}
				rows={products}
				rowProps={(row) => ({ "data-product": row.id })}
				empty={<p class="muted">{t("channels:connect.sandbox.shop.empty")}</p>}
			/>
			<ExpireTokensForm account={account} back="shop" csrfToken={csrfToken} />
		</Layout>
	);
}
