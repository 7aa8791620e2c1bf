import { formatDateTime, formatPrice, plural } from "../../lib/format";
import { type ProductStatus, ProductStatus as ProductStatuses, type ProductView, TopicProductKind } from "../../shared/product";
import { kindLabel } from "../format";
import { type Column, DataTable, Pager, queryString } from "../table";
import { AdminLayout, type AdminViewer } from "./layout";
import { LiveRoot } from "./live";
import { Card, CsrfField, EmptyState, Notice, PageHeader, RefreshLink } from "./parts";
import { PRODUCT_STATUS_LABELS, ProductStatusBadge } from "./status-badge";

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
const PRODUCT_COLUMNS: Column<ProductView>[] = [
	{
		header: "Product",
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
		header: "Status",
		cell: (product) => (
			<>
				<ProductStatusBadge status={product.status} live />
				{product.failed_stage ? <span class="cell-sub text-danger">stopped at {product.failed_stage}</span> : null}
			</>
		),
	},
	{ header: "Score", class: "num", cellProps: { "data-live": "score", "data-label": "Score" }, cell: (product) => product.quality_score ?? "—" },
	{ header: "Price", class: "num", cellProps: { "data-label": "Price" }, cell: (product) => formatPrice(product.price_cents, product.currency) },
	{ header: "Kind", cellProps: { class: "nowrap stack-hide" }, cell: (product) => kindLabel(product.kind) },
	{
		header: "Updated",
		cellProps: { class: "nowrap stack-full stack-meta", "data-label": "Updated" },
		cell: (product) => (
			<time datetime={product.updated_at} data-live="updated">
				{formatDateTime(product.updated_at)}
			</time>
		),
	},
];

function FilterBar({ filters }: { filters: ProductFilters }) {
	const filtered = Boolean(filters.status || filters.q);
	return (
		<form class="filters" method="get" action="/admin/products" aria-label="Filter products">
			<div class="field field-grow">
				<label for="filter-q">Search titles</label>
				<input id="filter-q" name="q" type="search" value={filters.q ?? ""} maxlength={200} placeholder="e.g. sourdough" />
			</div>
			<div class="field">
				<label for="filter-status">Status</label>
				<select id="filter-status" name="status">
					<option value="">All statuses</option>
					{ProductStatuses.options.map((status) => (
						<option value={status} selected={filters.status === status}>
							{PRODUCT_STATUS_LABELS[status]}
						</option>
					))}
				</select>
			</div>
			<div class="filters-actions">
				<button class="btn btn-primary" type="submit">
					Apply
				</button>
				{filtered ? (
					<a class="btn btn-ghost" href="/admin/products">
						Clear
					</a>
				) : null}
			</div>
		</form>
	);
}

function CreateForms({ csrfToken, topicIdeas }: { csrfToken: string; topicIdeas: readonly string[] }) {
	return (
		<div class="grid-2" id="create">
			<Card title="New product" id="new-product">
				<form method="post" action="/admin/products" class="form-grid">
					<CsrfField token={csrfToken} />
					<div class="field span-2">
						<label for="new-topic">Topic</label>
						<input
							id="new-topic"
							name="topic"
							type="text"
							required
							minlength={3}
							maxlength={200}
							list="topic-ideas"
							placeholder="sourdough baking for beginners"
						/>
					</div>
					<div class="field">
						<label for="new-kind">Kind</label>
						<select id="new-kind" name="kind">
							{TopicProductKind.options.map((kind) => (
								<option value={kind}>{kindLabel(kind)}</option>
							))}
						</select>
					</div>
					<div class="field">
						<label for="new-price">Price (USD)</label>
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
							Dollars, e.g. 19 or 19.99
						</p>
					</div>
					<div class="field">
						<label for="new-limit">Download limit</label>
						<input id="new-limit" name="download_limit" type="number" required min={1} max={100} value="5" aria-describedby="new-limit-hint" />
						<p class="hint" id="new-limit-hint">
							Downloads per purchase
						</p>
					</div>
					<div class="form-actions">
						<button class="btn btn-primary" type="submit">
							Create product
						</button>
					</div>
				</form>
				<datalist id="topic-ideas">
					{topicIdeas.map((idea) => (
						<option value={idea} />
					))}
				</datalist>
			</Card>
			<Card title="Batch" id="new-batch">
				<form method="post" action="/admin/products/batch" class="form-grid">
					<CsrfField token={csrfToken} />
					<div class="field">
						<label for="batch-count">How many</label>
						<input id="batch-count" name="batch" type="number" required min={1} max={50} value="5" aria-describedby="batch-count-hint" />
						<p class="hint" id="batch-count-hint">
							1 to 50
						</p>
					</div>
					<div class="field">
						<label for="batch-topic">Topic (optional)</label>
						<input id="batch-topic" name="topic" type="text" minlength={3} maxlength={200} list="topic-ideas" aria-describedby="batch-topic-hint" />
						<p class="hint" id="batch-topic-hint">
							Empty: varied topics
						</p>
					</div>
					<p class="form-note span-2 muted small">Batch products use the defaults: $19.00, 5 downloads, links valid for a day.</p>
					<div class="form-actions span-2">
						<button class="btn btn-primary" type="submit">
							Start batch
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
	const filtered = Boolean(filters.status || filters.q);
	const subtitle = `${plural(products.length, "product")} on this page`;
	return (
		<AdminLayout title="Products" section="products" viewer={viewer} live>
			<PageHeader
				title="Products"
				subtitle={subtitle}
				actions={
					<>
						<RefreshLink href={self} />
						<a class="btn btn-primary" href="#create">
							New product
						</a>
					</>
				}
			/>
			{created ? <Notice>{`${plural(created, "product")} created. Progress updates below as the pipeline runs.`}</Notice> : null}
			<FilterBar filters={filters} />
			<Card class="card-flush">
				<LiveRoot>
					<DataTable
						class="table table-stack"
						label="Products"
						columns={PRODUCT_COLUMNS}
						rows={products}
						rowProps={(product) => ({
							"data-product-id": product.id,
							"data-status": product.status,
							"data-failed": product.failed_stage ?? "",
							"data-title": product.title,
						})}
						empty={
							<EmptyState title={filtered ? "No products match these filters" : "No products yet"}>
								{filtered ? "Try another status or search." : "Create one below, or start a batch."}
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
