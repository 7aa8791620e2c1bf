import { formatDateTime, formatPrice, plural } from "../../lib/format";
import type { StylePackView } from "../../style-packs/list";
import { licenseSummary } from "../../style-packs/pack-documents";
import { Layout } from "../layout";
import { PackForm, type PackFormProps } from "./pack-form";

/** Statuses a pack stops in; anything else is still in the pipeline. */
const SETTLED = new Set(["PUBLISHED", "QA1_FAILED", "QA2_FAILED", "UNPUBLISHED", "ARCHIVED"]);

/** Props of {@link StylePacksPage}. */
export type StylePacksPageProps = {
	style: { id: string; title: string };
	packs: StylePackView[];
	form: Omit<PackFormProps, "styleId">;
	/** The pack just created, to point it out. */
	createdId?: string;
};

function statusBadge(status: string) {
	const tone = status === "PUBLISHED" ? "success" : status.endsWith("_FAILED") ? "danger" : SETTLED.has(status) ? "neutral" : "info";
	const words =
		status === "PUBLISHED" ? "On sale" : status.endsWith("_FAILED") ? "Failed a check" : SETTLED.has(status) ? status.toLowerCase() : "Being checked";
	return <span class={`badge badge-${tone}`}>{words}</span>;
}

function PackRow({ pack, created }: { pack: StylePackView; created: boolean }) {
	const { product } = pack;
	return (
		<li class={`card pack-row${created ? " pack-row-new" : ""}`} id={`pack-${product.id}`} data-pack-status={product.status}>
			<div class="pack-row-head">
				<h3 class="card-title">
					{product.status === "PUBLISHED" ? <a href={`/products/${encodeURIComponent(product.slug)}`}>{product.title}</a> : product.title}
				</h3>
				{statusBadge(product.status)}
			</div>
			<p class="small muted">
				{plural(pack.image_count, "image")} · {formatPrice(product.price_cents, product.currency)} · {licenseSummary(pack.license)} · created{" "}
				{formatDateTime(product.created_at)}
			</p>
			{product.last_error && product.status.endsWith("_FAILED") ? <p class="alert alert-error small">{product.last_error}</p> : null}
		</li>
	);
}

/**
 * The studio page of a style's packs: each pack with where it is in the pipeline (reloading
 * itself while one is being checked), and the form to publish another.
 */
export function StylePacksPage({ style, packs, form, createdId }: StylePacksPageProps) {
	const working = packs.some((pack) => !SETTLED.has(pack.product.status));
	return (
		<Layout title={`Style packs of ${style.title}`} noindex refreshSeconds={working ? 3 : undefined}>
			<nav class="breadcrumbs" aria-label="Breadcrumb">
				<ol>
					<li>
						<a href="/me">My page</a>
					</li>
					<li>
						<a href={`/studio/styles/${encodeURIComponent(style.id)}`}>{style.title}</a>
					</li>
					<li aria-current="page">Style packs</li>
				</ol>
			</nav>
			<h1>Style packs of {style.title}</h1>
			<section aria-labelledby="packs-title">
				<h2 id="packs-title" class="section-title">
					Your packs
				</h2>
				{packs.length > 0 ? (
					<ul class="pack-list">
						{packs.map((pack) => (
							<PackRow pack={pack} created={pack.product.id === createdId} />
						))}
					</ul>
				) : (
					<p class="muted">No packs yet.</p>
				)}
			</section>
			<PackForm styleId={style.id} {...form} />
		</Layout>
	);
}
