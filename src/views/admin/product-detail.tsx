import { useI18n } from "../../i18n/context";
import type { I18n } from "../../i18n/i18n";
import type { productDetail } from "../../pipeline/product-queries";
import { type Column, DataTable } from "../table";
import { AdminLayout, type AdminViewer } from "./layout";
import { LiveRoot } from "./live";
import {
	Card,
	Checksum,
	CsrfField,
	clockTime,
	dateTimeWithSeconds,
	durationText,
	EmptyState,
	kindText,
	Notice,
	PageHeader,
	RefreshLink,
	Slotted,
} from "./parts";
import { QaReportCard } from "./qa-report";
import { Badge, ProductStatusBadge, type Tone, titleCase } from "./status-badge";

/** Everything `productDetail` returns. */
export type ProductDetail = Awaited<ReturnType<typeof productDetail>>;

/** Banners after a product action: keys of the `done` query parameter, each an `admin:product.notices` message. */
export const PRODUCT_NOTICES = { retried: "retried", unpublished: "unpublished", published: "published" } as const;

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

const RUN_TONES: Record<"running" | "succeeded" | "failed" | "error" | "dead_lettered", Tone> = {
	running: "info",
	succeeded: "success",
	failed: "danger",
	error: "warning",
	dead_lettered: "danger",
};

/** A stage run's outcome in the reader's words; an unknown one as it is stored. */
function outcomeText({ t }: I18n, outcome: string): string {
	return outcome in RUN_TONES ? t(`admin:runOutcome.${outcome as keyof typeof RUN_TONES}`) : titleCase(outcome);
}

function Actions({ product, csrfToken, hasPackage }: { product: ProductDetail["product"]; csrfToken: string; hasPackage: boolean }) {
	const { t } = useI18n();
	const base = `/admin/products/${encodeURIComponent(product.id)}`;
	const unpublish =
		product.status === "PUBLISHED" ? (
			<form method="post" action={`${base}/unpublish`} class="form-stack">
				<CsrfField token={csrfToken} />
				<div class="field">
					<label for="unpublish-reason">{t("admin:product.reason")}</label>
					<input id="unpublish-reason" name="reason" type="text" maxlength={500} placeholder={t("admin:product.reasonPlaceholder")} />
				</div>
				<button class="btn btn-danger btn-block" type="submit">
					{t("admin:product.unpublish")}
				</button>
			</form>
		) : null;
	const publish =
		product.status === "UNPUBLISHED" ? (
			<form method="post" action={`${base}/publish`}>
				<CsrfField token={csrfToken} />
				<button class="btn btn-primary btn-block" type="submit">
					{t("admin:product.publishAgain")}
				</button>
			</form>
		) : null;
	return (
		<Card title={t("admin:product.actions")} id="actions">
			<div class="action-stack">
				{unpublish}
				{publish}
				{!unpublish && !publish ? <p class="muted small">{t("admin:product.noPublishActions")}</p> : null}
				{hasPackage ? (
					<a class="btn btn-secondary btn-block" href={`/api/products/${encodeURIComponent(product.id)}/package`}>
						{t("admin:product.downloadPackage")}
					</a>
				) : null}
				{product.status === "PUBLISHED" ? (
					<a class="btn btn-ghost btn-block" href={`/products/${encodeURIComponent(product.slug)}`}>
						{t("admin:product.viewInStore")}
					</a>
				) : null}
				<a class="btn btn-ghost btn-block" href={`/admin/products/${encodeURIComponent(product.id)}/channels`} data-shops-link>
					{t("channels:sync.shopsLink")}
				</a>
			</div>
		</Card>
	);
}

/** "template" and "llm:<model>" (comma-separated when versions differed) in the reader's words. */
function writerText({ t }: I18n, writer: string | null): string {
	if (!writer) return "—";
	return writer
		.split(", ")
		.map((one) =>
			one === "template" ? t("admin:product.writerTemplate") : one.startsWith("llm:") ? t("admin:product.writerLlm", { model: one.slice(4) }) : one,
		)
		.join(", ");
}

function Facts({ product, writer }: { product: ProductDetail["product"]; writer: string | null }) {
	const i18n = useI18n();
	const { t, dateTime } = i18n;
	const ttl = product.link_ttl_seconds;
	const rows: [string, string][] = [
		[t("admin:product.topic"), product.topic],
		[t("admin:product.kind"), kindText(i18n, product.kind)],
		[t("admin:product.price"), i18n.money(product.price_cents, product.currency)],
		[t("admin:product.downloadsPerPurchase"), i18n.number(product.download_limit)],
		[t("admin:product.linkLifetime"), ttl % 3600 === 0 ? t("admin:product.hours", { count: ttl / 3600 }) : t("admin:product.seconds", { count: ttl })],
		[t("admin:product.access"), product.access_days ? t("admin:product.days", { count: product.access_days }) : t("admin:product.noExpiry")],
		[t("admin:product.version"), String(product.version)],
		[t("admin:product.writer"), writerText(i18n, writer)],
		[t("admin:product.slug"), product.slug],
		[t("admin:product.created"), dateTime(product.created_at)],
		[t("admin:product.updated"), dateTime(product.updated_at)],
		[t("admin:product.published"), product.published_at ? dateTime(product.published_at) : "—"],
	];
	return (
		<Card title={t("admin:product.details")} id="details">
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
	const i18n = useI18n();
	const { t } = i18n;
	if (runs.length === 0) return <EmptyState title={t("admin:product.noRuns")}>{t("admin:product.noRunsText")}</EmptyState>;
	return (
		<ol class="timeline">
			{runs.map((run) => (
				<li class={`timeline-item run-${run.outcome}`}>
					<span class="timeline-dot" aria-hidden="true" />
					<div class="timeline-body">
						<p class="timeline-head">
							<strong class="stage-name">{run.stage}</strong>
							<span class="muted small">
								{t("admin:product.attemptDelivery", { attempt: run.attempt, delivery: run.delivery })}
								{run.version > 1 ? ` · v${run.version}` : ""}
							</span>
							<Badge tone={RUN_TONES[run.outcome as keyof typeof RUN_TONES] ?? "neutral"}>{outcomeText(i18n, run.outcome)}</Badge>
						</p>
						<p class="timeline-meta small muted">
							<time datetime={run.started_at}>{dateTimeWithSeconds(i18n, run.started_at)}</time>
							{run.finished_at ? (
								<>
									{" → "}
									<time datetime={run.finished_at}>{clockTime(i18n, run.finished_at)}</time>
								</>
							) : (
								` → ${t("admin:product.running")}`
							)}
							{" · "}
							{durationText(i18n, run.started_at, run.finished_at)}
						</p>
						{run.error ? <p class="run-error">{run.error}</p> : null}
					</div>
				</li>
			))}
		</ol>
	);
}

function fileColumns(i18n: I18n): Column<ProductDetail["files"][number]>[] {
	return [
		{
			header: i18n.t("admin:product.colPath"),
			rowHeader: true,
			cellProps: { class: "nowrap" },
			cell: (file) => (
				<>
					<span class="mono">{file.path}</span>
					<span class="cell-sub">{file.content_type}</span>
				</>
			),
		},
		{ header: i18n.t("admin:product.colSize"), class: "num", cellProps: { class: "nowrap" }, cell: (file) => i18n.bytes(file.size) },
		{ header: "SHA-256", cell: (file) => <Checksum sha256={file.sha256} /> },
	];
}

function Files({ files }: { files: ProductDetail["files"] }) {
	const i18n = useI18n();
	const { t } = i18n;
	const total = files.reduce((n, file) => n + file.size, 0);
	return (
		<DataTable
			class="table table-compact"
			label={t("admin:product.filesLabel")}
			caption={t("admin:product.filesCaption")}
			captionClass="visually-hidden"
			columns={fileColumns(i18n)}
			rows={files}
			empty={<EmptyState title={t("admin:product.noFiles")}>{t("admin:product.noFilesText")}</EmptyState>}
			footer={
				<>
					<th scope="row">{t("admin:product.fileCount", { count: files.length })}</th>
					<td class="num nowrap">{i18n.bytes(total)}</td>
					<td />
				</>
			}
		/>
	);
}

function PackageCard({ pkg, files }: { pkg: NonNullable<ProductDetail["package"]>; files: ProductDetail["files"] }) {
	const i18n = useI18n();
	const { t } = i18n;
	const known = new Map(files.map((file) => [file.path, file.sha256]));
	const matches = (entry: ManifestEntry) => known.get(entry.path) === entry.sha256;
	const columns: Column<ManifestEntry>[] = [
		{ header: t("admin:product.colManifestEntry"), rowHeader: true, cellProps: { class: "mono nowrap" }, cell: (entry) => entry.path },
		{ header: t("admin:product.colSize"), class: "num", cellProps: { class: "nowrap" }, cell: (entry) => i18n.bytes(entry.size) },
		{ header: "SHA-256", cell: (entry) => <Checksum sha256={entry.sha256} /> },
		{
			header: t("admin:product.colMatches"),
			cell: (entry) => (matches(entry) ? <Badge tone="success">{t("admin:product.yes")}</Badge> : <Badge tone="danger">{t("admin:product.no")}</Badge>),
		},
	];
	return (
		<>
			<dl class="facts-inline">
				<div>
					<dt>{t("admin:product.zipSize")}</dt>
					<dd>{i18n.bytes(pkg.size)}</dd>
				</div>
				<div>
					<dt>{t("admin:product.version")}</dt>
					<dd>{pkg.version}</dd>
				</div>
				<div>
					<dt>{t("admin:product.packaged")}</dt>
					<dd>{i18n.dateTime(pkg.created_at)}</dd>
				</div>
				<div class="span-all">
					<dt>{t("admin:product.zipSha")}</dt>
					<dd>
						<Checksum sha256={pkg.sha256} />
					</dd>
				</div>
			</dl>
			<DataTable
				class="table table-compact"
				label={t("admin:product.manifestLabel")}
				caption={t("admin:product.manifestCaption")}
				captionClass="visually-hidden"
				columns={columns}
				rows={pkg.manifest.files}
				rowProps={(entry) => ({ class: matches(entry) ? "" : "row-fail" })}
			/>
		</>
	);
}

function History({ events }: { events: ProductDetail["publish_history"] }) {
	const { t, dateTime } = useI18n();
	if (events.length === 0) return <p class="muted small">{t("admin:product.neverPublished")}</p>;
	return (
		<ol class="history">
			{[...events].reverse().map((event) => (
				<li>
					<Badge tone={event.action === "PUBLISHED" ? "success" : "warning"}>
						{event.action === "PUBLISHED" || event.action === "UNPUBLISHED" ? t(`admin:publishAction.${event.action}`) : titleCase(event.action)}
					</Badge>
					<span class="small">
						v{event.version} · <time datetime={event.created_at}>{dateTime(event.created_at)}</time>
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
	const i18n = useI18n();
	const { t } = i18n;
	const { product } = detail;
	const self = `/admin/products/${encodeURIComponent(product.id)}`;
	const reports = [...detail.qa_reports].reverse();
	return (
		<AdminLayout title={product.title} section="products" viewer={viewer} live>
			<PageHeader
				back={{ href: "/admin/products", label: t("admin:product.back") }}
				title={product.title}
				subtitle={<span class="mono">{product.id}</span>}
				actions={<RefreshLink href={self} />}
			/>
			{notice ? <Notice>{t(`admin:product.notices.${PRODUCT_NOTICES[notice]}`)}</Notice> : null}
			<LiveRoot mode="detail">
				<div class="status-strip" data-product-id={product.id} data-status={product.status} data-failed={product.failed_stage ?? ""} data-title={product.title}>
					<div>
						<span class="strip-label">{t("admin:product.status")}</span>
						<ProductStatusBadge status={product.status} live />
					</div>
					<div>
						<span class="strip-label">{t("admin:product.qualityScore")}</span>
						<strong class="strip-value" data-live="score">
							{product.quality_score ?? "—"}
						</strong>
					</div>
					<div>
						<span class="strip-label">{t("admin:product.price")}</span>
						<strong class="strip-value">{i18n.money(product.price_cents, product.currency)}</strong>
					</div>
					<div>
						<span class="strip-label">{t("admin:product.qaReports")}</span>
						<strong class="strip-value">{detail.qa_reports.length}</strong>
					</div>
					<p class="strip-stale" data-live="stale" hidden>
						<Slotted message={(slot) => t("admin:product.stale", { slot })} slot={<a href={self}>{t("admin:product.reload")}</a>} />
					</p>
				</div>
			</LiveRoot>
			{product.failed_stage ? (
				<section class="failure-banner" aria-labelledby="failure-title">
					<h2 id="failure-title">{t("admin:product.stoppedAt", { stage: product.failed_stage })}</h2>
					<p class="failure-error">{product.last_error ?? t("admin:parts.noReason")}</p>
					<form method="post" action={`${self}/retry`}>
						<CsrfField token={viewer.csrfToken} />
						<button class="btn btn-primary" type="submit">
							{t("admin:product.retryFrom", { stage: product.failed_stage })}
						</button>
					</form>
				</section>
			) : null}
			<div class="detail-grid">
				<div class="detail-main">
					<Card title={t("admin:product.qaReports")} id="qa" aside={<span class="muted small">{t("admin:product.threshold", { threshold })}</span>}>
						{reports.length === 0 ? (
							<EmptyState title={t("admin:product.noQaReports")}>{t("admin:product.noQaReportsText")}</EmptyState>
						) : (
							<div class="qa-list">
								{reports.map((report, i) => (
									<QaReportCard report={report} idPrefix={`qa${report.stage}-${report.attempt}-${i}`} open={i === 0 || !report.passed} threshold={threshold} />
								))}
							</div>
						)}
					</Card>
					<Card
						title={t("admin:product.stageRuns")}
						id="runs"
						aside={<span class="muted small">{t("admin:product.runCount", { count: detail.stage_runs.length })}</span>}
					>
						<Timeline runs={detail.stage_runs} />
					</Card>
					<Card title={t("admin:product.files")} id="files" class="card-flush-table">
						<Files files={detail.files} />
					</Card>
					<Card title={t("admin:product.package")} id="package" class="card-flush-table">
						{detail.package ? (
							<PackageCard pkg={detail.package} files={detail.files} />
						) : (
							<EmptyState title={t("admin:product.notPackaged")}>{t("admin:product.notPackagedText")}</EmptyState>
						)}
					</Card>
				</div>
				<aside class="detail-side" aria-label={t("admin:product.sideLabel")}>
					<Actions product={product} csrfToken={viewer.csrfToken} hasPackage={detail.package !== null} />
					<Facts product={product} writer={detail.writer} />
					<Card title={t("admin:product.publishHistory")} id="history">
						<History events={detail.publish_history} />
					</Card>
				</aside>
			</div>
		</AdminLayout>
	);
}
