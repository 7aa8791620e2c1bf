import type { ProductShopsPageData } from "../../../channels/sync/page-data";
import type { ProductChannelView } from "../../../channels/sync/settings";
import { useI18n } from "../../../i18n/context";
import type { I18n } from "../../../i18n/i18n";
import { AdminLayout, type AdminViewer } from "../../admin/layout";
import { Card, CsrfField, EmptyState, Notice, PageHeader } from "../../admin/parts";
import { Badge } from "../../admin/status-badge";
import { type Column, DataTable } from "../../table";
import { ProductEditForm } from "./product-edit-form";
import { SyncLogTable } from "./sync-log-table";

/** The banners after an action on the page (`?done=…`). */
export const PRODUCT_SHOPS_NOTICES = { saved: "saved", queued: "queued", none: "none", edited: "edited", price: "price" } as const;
export type ProductShopsNotice = keyof typeof PRODUCT_SHOPS_NOTICES;

const STATUS_TONE = { connected: "success", needs_reauth: "warning", disconnected: "neutral" } as const;

function listingState({ t }: I18n, listing: ProductChannelView["listing"]) {
	if (!listing) return <Badge tone="neutral">{t("channels:sync.product.notListed")}</Badge>;
	if (!listing.external_id) return <Badge tone="info">{t("channels:sync.product.pending")}</Badge>;
	return listing.hidden ? <Badge tone="warning">{t("channels:sync.product.hidden")}</Badge> : <Badge tone="success">{t("channels:sync.product.listed")}</Badge>;
}

function columns(i18n: I18n, base: string, csrfToken: string): Column<ProductChannelView>[] {
	const { t } = i18n;
	return [
		{
			header: t("channels:sync.product.colShop"),
			rowHeader: true,
			cell: (shop) => (
				<>
					{shop.display_name}
					<span class="cell-sub">{t(`channels:connect.providers.${shop.provider}`)}</span>
				</>
			),
		},
		{
			header: t("channels:sync.product.colStatus"),
			cell: (shop) => <Badge tone={STATUS_TONE[shop.status]}>{t(`channels:connect.status.${shop.status}`)}</Badge>,
		},
		{
			header: t("channels:sync.product.colEnabled"),
			cell: (shop) => (
				<form method="post" action={`${base}/${encodeURIComponent(shop.channel_id)}`} class="inline-form">
					<CsrfField token={csrfToken} />
					<input type="hidden" name="enabled" value={shop.enabled ? "false" : "true"} />
					<span data-enabled={String(shop.enabled)}>{shop.enabled ? t("channels:sync.product.enabled") : t("channels:sync.product.disabled")}</span>{" "}
					<button type="submit" class="btn btn-secondary btn-sm" data-toggle={shop.channel_id}>
						{shop.enabled ? t("channels:sync.product.disable") : t("channels:sync.product.enable")}
					</button>
				</form>
			),
		},
		{ header: t("channels:sync.product.colListing"), cell: (shop) => listingState(i18n, shop.listing) },
		{ header: t("channels:sync.product.colExternalId"), cellProps: { class: "mono" }, cell: (shop) => shop.listing?.external_id ?? "—" },
		{
			header: t("channels:sync.product.colLastSync"),
			cellProps: { class: "nowrap" },
			cell: (shop) =>
				shop.listing?.last_synced_at ? (
					<time datetime={shop.listing.last_synced_at}>{i18n.dateTime(shop.listing.last_synced_at)}</time>
				) : (
					t("channels:sync.product.never")
				),
		},
	];
}

/** Props of {@link ProductShopsPage}. */
export type ProductShopsPageProps = { viewer: AdminViewer; data: ProductShopsPageData; notice?: ProductShopsNotice; queued?: number };

/** `/admin/products/:id/channels`: each shop with its toggle, the listing's state, the shop's id and last sync; "sync now"; recent syncs. */
export function ProductShopsPage({ viewer, data, notice, queued }: ProductShopsPageProps) {
	const i18n = useI18n();
	const { t } = i18n;
	const { product } = data;
	const productPath = `/admin/products/${encodeURIComponent(product.id)}`;
	const base = `${productPath}/channels`;
	const title = t("channels:sync.product.title", { title: product.title });
	return (
		<AdminLayout title={title} section="products" viewer={viewer}>
			<PageHeader
				title={title}
				subtitle={t("channels:sync.product.subtitle")}
				back={{ href: productPath, label: t("channels:sync.product.back") }}
				actions={
					<form method="post" action={`${base}/sync`} class="inline-form">
						<CsrfField token={viewer.csrfToken} />
						<button type="submit" class="btn btn-primary" title={t("channels:sync.product.syncNowHint")} data-sync-now={product.id}>
							{t("channels:sync.product.syncNow")}
						</button>
					</form>
				}
			/>
			{notice === "queued" ? <Notice>{t("channels:sync.product.notices.queued", { count: queued ?? 0 })}</Notice> : null}
			{notice === "edited" ? <Notice>{t("channels:sync.edit.saved")}</Notice> : null}
			{notice === "saved" || notice === "none" ? (
				<Notice tone={notice === "none" ? "info" : "success"}>{t(`channels:sync.product.notices.${notice}`)}</Notice>
			) : null}
			{product.status !== "PUBLISHED" ? <Notice tone="info">{t("channels:sync.product.notPublished")}</Notice> : null}
			<Card class="card-flush">
				<DataTable
					class="table table-stack"
					label={title}
					columns={columns(i18n, base, viewer.csrfToken)}
					rows={data.channels}
					empty={
						<EmptyState title={t("channels:sync.product.noShops")}>
							{t("channels:sync.product.noShopsText")} <a href="/admin/channels">{t("channels:sync.product.connectShop")}</a>
						</EmptyState>
					}
				/>
			</Card>
			<ProductEditForm
				product={product}
				csrfToken={viewer.csrfToken}
				error={notice === "price" ? t("channels:sync.edit.badPrice", { currency: product.currency.toUpperCase() }) : undefined}
			/>
			<Card
				title={t("channels:sync.product.recent")}
				id="recent-syncs"
				aside={<a href={`/admin/sync-log?product_id=${encodeURIComponent(product.id)}`}>{t("channels:sync.product.allEntries")}</a>}
			>
				<SyncLogTable entries={data.recent} empty={t("channels:sync.log.none")} emptyText={t("channels:sync.log.noneText")} />
			</Card>
		</AdminLayout>
	);
}
