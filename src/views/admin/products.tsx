import { useI18n } from "../../i18n/context";
import type { I18n } from "../../i18n/i18n";
import { type ProductStatus, ProductStatus as ProductStatuses, type ProductView, TopicProductKind } from "../../shared/product";
import { type Column, DataTable, Pager, queryString } from "../table";
import { AdminLayout, type AdminViewer } from "./layout";
import { LiveRoot } from "./live";
import { Card, CsrfField, EmptyState, kindText, Notice, PageHeader, RefreshLink } from "./parts";
import { ProductStatusBadge, useProductStatusLabels } from "./status-badge";

/** The list's filters as the query string gave them. */
export type ProductFilters = { status?: ProductStatus; q?: string; cursor?: string };

/** Props of {@link ProductsPage}. */
export type ProductsPageProps = {
	products: ProductView[];
	nextCursor: string | null;
	filters: ProductFilters;
	viewer: AdminViewer;
	/** How many products the last form created (shown once after the redirect). */
	created?: number;
	/** Topic suggestions for the create form. */
	topicIdeas: readonly string[];
};

/** The list's columns; a row's `data-*` and the `data-live` cells are what admin-live.js updates. */
function productColumns(i18n: I18n): Column<ProductView>[] {
	const { t } = i18n;
	return [
		{
			header: t("admin:products.colProduct"),
			rowHeader: true,
			cellProps: { class: "cell-title" },
			cell: (product) => (
				<>
					<a href={`/admin/products/${encodeURIComponent(product.id)}`}>{product.title}</a>
					<span class="cell-sub mono">{product.id}</span>
				</>
			),
		},
		{
			header: t("admin:products.colStatus"),
			cell: (product) => (
				<>
					<ProductStatusBadge status={product.status} live />
					{product.failed_stage ? <span class="cell-sub text-danger">{t("admin:products.stoppedAt", { stage: product.failed_stage })}</span> : null}
				</>
			),
		},
		{
			header: t("admin:products.colScore"),
			class: "num",
			cellProps: { "data-live": "score", "data-label": t("admin:products.colScore") },
			cell: (product) => product.quality_score ?? "—",
		},
		{
			header: t("admin:products.colPrice"),
			class: "num",
			cellProps: { "data-label": t("admin:products.colPrice") },
			cell: (product) => i18n.money(product.price_cents, product.currency),
		},
		{ header: t("admin:products.colKind"), cellProps: { class: "nowrap stack-hide" }, cell: (product) => kindText(i18n, product.kind) },
		{
			header: t("admin:products.colUpdated"),
			cellProps: { class: "nowrap stack-full stack-meta", "data-label": t("admin:products.colUpdated") },
			cell: (product) => (
				<time datetime={product.updated_at} data-live="updated">
					{i18n.dateTime(product.updated_at)}
				</time>
			),
		},
	];
}

function FilterBar({ filters }: { filters: ProductFilters }) {
	const { t } = useI18n();
	const labels = useProductStatusLabels();
	const filtered = Boolean(filters.status || filters.q);
	return (
		<form class="filters" method="get" action="/admin/products" aria-label={t("admin:products.filterLabel")}>
			<div class="field field-grow">
				<label for="filter-q">{t("admin:products.search")}</label>
				<input id="filter-q" name="q" type="search" value={filters.q ?? ""} maxlength={200} placeholder={t("admin:products.searchPlaceholder")} />
			</div>
			<div class="field">
				<label for="filter-status">{t("admin:products.status")}</label>
				<select id="filter-status" name="status">
					<option value="">{t("admin:products.allStatuses")}</option>
					{ProductStatuses.options.map((status) => (
						<option value={status} selected={filters.status === status}>
							{labels[status]}
						</option>
					))}
				</select>
			</div>
			<div class="filters-actions">
				<button class="btn btn-primary" type="submit">
					{t("admin:products.apply")}
				</button>
				{filtered ? (
					<a class="btn btn-ghost" href="/admin/products">
						{t("admin:products.clear")}
					</a>
				) : null}
			</div>
		</form>
	);
}

function CreateForms({ csrfToken, topicIdeas }: { csrfToken: string; topicIdeas: readonly string[] }) {
	const i18n = useI18n();
	const { t } = i18n;
	return (
		<div class="grid-2" id="create">
			<Card title={t("admin:products.newProduct")} id="new-product">
				<form method="post" action="/admin/products" class="form-grid">
					<CsrfField token={csrfToken} />
					<div class="field span-2">
						<label for="new-topic">{t("admin:products.topic")}</label>
						<input
							id="new-topic"
							name="topic"
							type="text"
							required
							minlength={3}
							maxlength={200}
							list="topic-ideas"
							placeholder={t("admin:products.topicPlaceholder")}
						/>
					</div>
					<div class="field">
						<label for="new-kind">{t("admin:products.kind")}</label>
						<select id="new-kind" name="kind">
							{TopicProductKind.options.map((kind) => (
								<option value={kind}>{kindText(i18n, kind)}</option>
							))}
						</select>
					</div>
					<div class="field">
						<label for="new-price">{t("admin:products.price")}</label>
						<input
							id="new-price"
							name="price"
							type="text"
							inputmode="decimal"
							required
							value="19.00"
							pattern="\d{1,6}(\.\d{1,2})?"
							aria-describedby="new-price-hint"
						/>
						<p class="hint" id="new-price-hint">
							{t("admin:products.priceHint")}
						</p>
					</div>
					<div class="field">
						<label for="new-limit">{t("admin:products.downloadLimit")}</label>
						<input id="new-limit" name="download_limit" type="number" required min={1} max={100} value="5" aria-describedby="new-limit-hint" />
						<p class="hint" id="new-limit-hint">
							{t("admin:products.downloadLimitHint")}
						</p>
					</div>
					<div class="form-actions">
						<button class="btn btn-primary" type="submit">
							{t("admin:products.create")}
						</button>
					</div>
				</form>
				<datalist id="topic-ideas">
					{topicIdeas.map((idea) => (
						<option value={idea} />
					))}
				</datalist>
			</Card>
			<Card title={t("admin:products.batch")} id="new-batch">
				<form method="post" action="/admin/products/batch" class="form-grid">
					<CsrfField token={csrfToken} />
					<div class="field">
						<label for="batch-count">{t("admin:products.howMany")}</label>
						<input id="batch-count" name="batch" type="number" required min={1} max={50} value="5" aria-describedby="batch-count-hint" />
						<p class="hint" id="batch-count-hint">
							{t("admin:products.howManyHint")}
						</p>
					</div>
					<div class="field">
						<label for="batch-topic">{t("admin:products.batchTopic")}</label>
						<input id="batch-topic" name="topic" type="text" minlength={3} maxlength={200} list="topic-ideas" aria-describedby="batch-topic-hint" />
						<p class="hint" id="batch-topic-hint">
							{t("admin:products.batchTopicHint")}
						</p>
					</div>
					<p class="form-note span-2 muted small">{t("admin:products.batchNote", { price: i18n.money(1900, "usd") })}</p>
					<div class="form-actions span-2">
						<button class="btn btn-primary" type="submit">
							{t("admin:products.startBatch")}
						</button>
					</div>
				</form>
			</Card>
		</div>
	);
}

/**
 * The product list: filters (status, title search), the table with a status badge per product
 * that admin-live.js keeps current while the pipeline works, pagination, and the create forms.
 */
export function ProductsPage({ products, nextCursor, filters, viewer, created, topicIdeas }: ProductsPageProps) {
	const self = `/admin/products${queryString({ status: filters.status, q: filters.q, cursor: filters.cursor })}`;
	const i18n = useI18n();
	const { t } = i18n;
	const filtered = Boolean(filters.status || filters.q);
	const subtitle = t("admin:products.subtitle", { count: products.length });
	return (
		<AdminLayout title={t("admin:products.title")} section="products" viewer={viewer} live>
			<PageHeader
				title={t("admin:products.title")}
				subtitle={subtitle}
				actions={
					<>
						<RefreshLink href={self} />
						<a class="btn btn-primary" href="#create">
							{t("admin:products.newProduct")}
						</a>
					</>
				}
			/>
			{created ? <Notice>{t("admin:products.created", { count: created })}</Notice> : null}
			<FilterBar filters={filters} />
			<Card class="card-flush">
				<LiveRoot>
					<DataTable
						class="table table-stack"
						label={t("admin:products.tableLabel")}
						columns={productColumns(i18n)}
						rows={products}
						rowProps={(product) => ({
							"data-product-id": product.id,
							"data-status": product.status,
							"data-failed": product.failed_stage ?? "",
							"data-title": product.title,
						})}
						empty={
							<EmptyState title={filtered ? t("admin:products.noMatch") : t("admin:products.none")}>
								{filtered ? t("admin:products.noMatchText") : t("admin:products.noneText")}
							</EmptyState>
						}
					/>
				</LiveRoot>
			</Card>
			<Pager path="/admin/products" filters={{ status: filters.status, q: filters.q }} cursor={filters.cursor} nextCursor={nextCursor} />
			<CreateForms csrfToken={viewer.csrfToken} topicIdeas={topicIdeas} />
		</AdminLayout>
	);
}
