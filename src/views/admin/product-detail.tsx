import { formatBytes, formatDate, formatDateTime, formatPrice, plural } from "../../lib/format";
import type { productDetail } from "../../pipeline/product-queries";
import { kindLabel } from "../format";
import { type Column, DataTable } from "../table";
import { AdminLayout, type AdminViewer } from "./layout";
import { LiveRoot } from "./live";
import { Card, Checksum, CsrfField, durationText, EmptyState, Notice, PageHeader, RefreshLink } from "./parts";
import { QaReportCard } from "./qa-report";
import { Badge, ProductStatusBadge, type Tone, titleCase } from "./status-badge";

/** Everything `productDetail` returns. */
export type ProductDetail = Awaited<ReturnType<typeof productDetail>>;

/** Banners after a product action; keys of the `done` query parameter. */
export const PRODUCT_NOTICES = {
	retried: "The pipeline restarted from the failed stage.",
	unpublished: "The product is out of the storefront.",
	published: "The product is back in the storefront.",
} as const;

/** Props of {@link ProductDetailPage}. */
export type ProductDetailPageProps = {
	detail: ProductDetail;
	viewer: AdminViewer;
	/** QA_THRESHOLD, so the meters colour scores below it. */
	threshold: number;
	notice?: keyof typeof PRODUCT_NOTICES;
};

/** One file of the package's manifest.json. */
type ManifestEntry = NonNullable<ProductDetail["package"]>["manifest"]["files"][number];

const RUN_TONES: Record<string, Tone> = { running: "info", succeeded: "success", failed: "danger", error: "warning", dead_lettered: "danger" };

/** `2025-03-04T14:05:03.120Z` → `"Mar 4, 2025, 14:05:03"`: stage runs need the seconds. */
function timeWithSeconds(iso: string): string {
	return `${formatDate(iso)}, ${iso.slice(11, 19)}`;
}

function Actions({ product, csrfToken, hasPackage }: { product: ProductDetail["product"]; csrfToken: string; hasPackage: boolean }) {
	const base = `/admin/products/${encodeURIComponent(product.id)}`;
	const unpublish =
		product.status === "PUBLISHED" ? (
			<form method="post" action={`${base}/unpublish`} class="form-stack">
				<CsrfField token={csrfToken} />
				<div class="field">
					<label for="unpublish-reason">Reason (optional)</label>
					<input id="unpublish-reason" name="reason" type="text" maxlength={500} placeholder="e.g. typo in the guide" />
				</div>
				<button class="btn btn-danger btn-block" type="submit">
					Unpublish
				</button>
			</form>
		) : null;
	const publish =
		product.status === "UNPUBLISHED" ? (
			<form method="post" action={`${base}/publish`}>
				<CsrfField token={csrfToken} />
				<button class="btn btn-primary btn-block" type="submit">
					Publish again
				</button>
			</form>
		) : null;
	return (
		<Card title="Actions" id="actions">
			<div class="action-stack">
				{unpublish}
				{publish}
				{!unpublish && !publish ? <p class="muted small">Publishing actions appear once the product is published or unpublished.</p> : null}
				{hasPackage ? (
					<a class="btn btn-secondary btn-block" href={`/api/products/${encodeURIComponent(product.id)}/package`}>
						Download package (ZIP)
					</a>
				) : null}
				{product.status === "PUBLISHED" ? (
					<a class="btn btn-ghost btn-block" href={`/products/${encodeURIComponent(product.slug)}`}>
						View in the storefront
					</a>
				) : null}
			</div>
		</Card>
	);
}

function Facts({ product }: { product: ProductDetail["product"] }) {
	const rows: [string, string][] = [
		["Topic", product.topic],
		["Kind", kindLabel(product.kind)],
		["Price", formatPrice(product.price_cents, product.currency)],
		["Downloads per purchase", String(product.download_limit)],
		["Link lifetime", product.link_ttl_seconds % 3600 === 0 ? plural(product.link_ttl_seconds / 3600, "hour") : plural(product.link_ttl_seconds, "second")],
		["Access", product.access_days ? plural(product.access_days, "day") : "No expiry"],
		["Version", String(product.version)],
		["Slug", product.slug],
		["Created", formatDateTime(product.created_at)],
		["Updated", formatDateTime(product.updated_at)],
		["Published", product.published_at ? formatDateTime(product.published_at) : "—"],
	];
	return (
		<Card title="Details" id="details">
			<dl class="facts">
				{rows.map(([label, value]) => (
					<div>
						<dt>{label}</dt>
						<dd>{value}</dd>
					</div>
				))}
			</dl>
		</Card>
	);
}

function Timeline({ runs }: { runs: ProductDetail["stage_runs"] }) {
	if (runs.length === 0) return <EmptyState title="No stage has run yet">The first stage starts as soon as the queue delivers it.</EmptyState>;
	return (
		<ol class="timeline">
			{runs.map((run) => (
				<li class={`timeline-item run-${run.outcome}`}>
					<span class="timeline-dot" aria-hidden="true" />
					<div class="timeline-body">
						<p class="timeline-head">
							<strong class="stage-name">{run.stage}</strong>
							<span class="muted small">
								attempt {run.attempt} · delivery {run.delivery}
								{run.version > 1 ? ` · v${run.version}` : ""}
							</span>
							<Badge tone={RUN_TONES[run.outcome] ?? "neutral"}>{titleCase(run.outcome)}</Badge>
						</p>
						<p class="timeline-meta small muted">
							<time datetime={run.started_at}>{timeWithSeconds(run.started_at)}</time>
							{run.finished_at ? (
								<>
									{" → "}
									<time datetime={run.finished_at}>{run.finished_at.slice(11, 19)}</time>
								</>
							) : (
								" → running"
							)}
							{" · "}
							{durationText(run.started_at, run.finished_at)}
						</p>
						{run.error ? <p class="run-error">{run.error}</p> : null}
					</div>
				</li>
			))}
		</ol>
	);
}

const FILE_COLUMNS: Column<ProductDetail["files"][number]>[] = [
	{
		header: "Path",
		rowHeader: true,
		cellProps: { class: "nowrap" },
		cell: (file) => (
			<>
				<span class="mono">{file.path}</span>
				<span class="cell-sub">{file.content_type}</span>
			</>
		),
	},
	{ header: "Size", class: "num", cellProps: { class: "nowrap" }, cell: (file) => formatBytes(file.size) },
	{ header: "SHA-256", cell: (file) => <Checksum sha256={file.sha256} /> },
];

function Files({ files }: { files: ProductDetail["files"] }) {
	const total = files.reduce((n, file) => n + file.size, 0);
	return (
		<DataTable
			class="table table-compact"
			label="Files"
			caption="Files of the current generation"
			captionClass="visually-hidden"
			columns={FILE_COLUMNS}
			rows={files}
			empty={<EmptyState title="No files yet">Files appear once the generate stage has written them.</EmptyState>}
			footer={
				<>
					<th scope="row">{plural(files.length, "file")}</th>
					<td class="num nowrap">{formatBytes(total)}</td>
					<td />
				</>
			}
		/>
	);
}

function PackageCard({ pkg, files }: { pkg: NonNullable<ProductDetail["package"]>; files: ProductDetail["files"] }) {
	const known = new Map(files.map((file) => [file.path, file.sha256]));
	const matches = (entry: ManifestEntry) => known.get(entry.path) === entry.sha256;
	const columns: Column<ManifestEntry>[] = [
		{ header: "Manifest entry", rowHeader: true, cellProps: { class: "mono nowrap" }, cell: (entry) => entry.path },
		{ header: "Size", class: "num", cellProps: { class: "nowrap" }, cell: (entry) => formatBytes(entry.size) },
		{ header: "SHA-256", cell: (entry) => <Checksum sha256={entry.sha256} /> },
		{ header: "Matches file", cell: (entry) => (matches(entry) ? <Badge tone="success">Yes</Badge> : <Badge tone="danger">No</Badge>) },
	];
	return (
		<>
			<dl class="facts-inline">
				<div>
					<dt>ZIP size</dt>
					<dd>{formatBytes(pkg.size)}</dd>
				</div>
				<div>
					<dt>Version</dt>
					<dd>{pkg.version}</dd>
				</div>
				<div>
					<dt>Packaged</dt>
					<dd>{formatDateTime(pkg.created_at)}</dd>
				</div>
				<div class="span-all">
					<dt>ZIP SHA-256</dt>
					<dd>
						<Checksum sha256={pkg.sha256} />
					</dd>
				</div>
			</dl>
			<DataTable
				class="table table-compact"
				label="Package manifest"
				caption="manifest.json: each packaged file with its size and checksum"
				captionClass="visually-hidden"
				columns={columns}
				rows={pkg.manifest.files}
				rowProps={(entry) => ({ class: matches(entry) ? "" : "row-fail" })}
			/>
		</>
	);
}

function History({ events }: { events: ProductDetail["publish_history"] }) {
	if (events.length === 0) return <p class="muted small">Never published.</p>;
	return (
		<ol class="history">
			{[...events].reverse().map((event) => (
				<li>
					<Badge tone={event.action === "PUBLISHED" ? "success" : "warning"}>{titleCase(event.action)}</Badge>
					<span class="small">
						v{event.version} · <time datetime={event.created_at}>{formatDateTime(event.created_at)}</time>
					</span>
					<p class="history-reason small muted">{event.reason}</p>
				</li>
			))}
		</ol>
	);
}

/**
 * A product with everything the pipeline recorded: status (kept current by admin-live.js), the
 * failure and its reason, QA reports, stage runs, files, package and publish history, and the
 * actions its state allows.
 */
export function ProductDetailPage({ detail, viewer, threshold, notice }: ProductDetailPageProps) {
	const { product } = detail;
	const self = `/admin/products/${encodeURIComponent(product.id)}`;
	const reports = [...detail.qa_reports].reverse();
	return (
		<AdminLayout title={product.title} section="products" viewer={viewer} live>
			<PageHeader
				back={{ href: "/admin/products", label: "Products" }}
				title={product.title}
				subtitle={<span class="mono">{product.id}</span>}
				actions={<RefreshLink href={self} />}
			/>
			{notice ? <Notice>{PRODUCT_NOTICES[notice]}</Notice> : null}
			<LiveRoot mode="detail">
				<div class="status-strip" data-product-id={product.id} data-status={product.status} data-failed={product.failed_stage ?? ""} data-title={product.title}>
					<div>
						<span class="strip-label">Status</span>
						<ProductStatusBadge status={product.status} live />
					</div>
					<div>
						<span class="strip-label">Quality score</span>
						<strong class="strip-value" data-live="score">
							{product.quality_score ?? "—"}
						</strong>
					</div>
					<div>
						<span class="strip-label">Price</span>
						<strong class="strip-value">{formatPrice(product.price_cents, product.currency)}</strong>
					</div>
					<div>
						<span class="strip-label">QA reports</span>
						<strong class="strip-value">{detail.qa_reports.length}</strong>
					</div>
					<p class="strip-stale" data-live="stale" hidden>
						The pipeline has moved on. <a href={self}>Reload</a> for its latest reports.
					</p>
				</div>
			</LiveRoot>
			{product.failed_stage ? (
				<section class="failure-banner" aria-labelledby="failure-title">
					<h2 id="failure-title">Stopped at {product.failed_stage}</h2>
					<p class="failure-error">{product.last_error ?? "No reason recorded."}</p>
					<form method="post" action={`${self}/retry`}>
						<CsrfField token={viewer.csrfToken} />
						<button class="btn btn-primary" type="submit">
							Retry from {product.failed_stage}
						</button>
					</form>
				</section>
			) : null}
			<div class="detail-grid">
				<div class="detail-main">
					<Card title="QA reports" id="qa" aside={<span class="muted small">threshold {threshold}</span>}>
						{reports.length === 0 ? (
							<EmptyState title="No QA reports yet">QA1 reports once the files are generated.</EmptyState>
						) : (
							<div class="qa-list">
								{reports.map((report, i) => (
									<QaReportCard report={report} idPrefix={`qa${report.stage}-${report.attempt}-${i}`} open={i === 0 || !report.passed} threshold={threshold} />
								))}
							</div>
						)}
					</Card>
					<Card title="Stage runs" id="runs" aside={<span class="muted small">{plural(detail.stage_runs.length, "run")}</span>}>
						<Timeline runs={detail.stage_runs} />
					</Card>
					<Card title="Files" id="files" class="card-flush-table">
						<Files files={detail.files} />
					</Card>
					<Card title="Package" id="package" class="card-flush-table">
						{detail.package ? (
							<PackageCard pkg={detail.package} files={detail.files} />
						) : (
							<EmptyState title="Not packaged yet">The ZIP and its manifest appear after the package stage.</EmptyState>
						)}
					</Card>
				</div>
				<aside class="detail-side" aria-label="Actions and details">
					<Actions product={product} csrfToken={viewer.csrfToken} hasPackage={detail.package !== null} />
					<Facts product={product} />
					<Card title="Publish history" id="history">
						<History events={detail.publish_history} />
					</Card>
				</aside>
			</div>
		</AdminLayout>
	);
}
