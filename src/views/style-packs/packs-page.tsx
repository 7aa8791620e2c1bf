import type { Viewer } from "../../accounts/viewer";
import { useI18n } from "../../i18n/context";
import type { StylePackView } from "../../style-packs/list";
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
	/** The signed-in artist, for the header (`c.var.viewer`). */
	viewer?: Viewer | null;
};

function StatusBadge({ status }: { status: string }) {
	const { t } = useI18n();
	const tone = status === "PUBLISHED" ? "success" : status.endsWith("_FAILED") ? "danger" : SETTLED.has(status) ? "neutral" : "info";
	const words =
		status === "PUBLISHED"
			? t("styles:packs.status.onSale")
			: status.endsWith("_FAILED")
				? t("styles:packs.status.failed")
				: status === "UNPUBLISHED"
					? t("styles:packs.status.unpublished")
					: status === "ARCHIVED"
						? t("styles:packs.status.archived")
						: t("styles:packs.status.checking");
	return <span class={`badge badge-${tone}`}>{words}</span>;
}

function PackRow({ pack, created }: { pack: StylePackView; created: boolean }) {
	const { product } = pack;
	const { t, money, dateTime } = useI18n();
	return (
		<li class={`card pack-row${created ? " pack-row-new" : ""}`} id={`pack-${product.id}`} data-pack-status={product.status}>
			<div class="pack-row-head">
				<h3 class="card-title">
					{product.status === "PUBLISHED" ? <a href={`/products/${encodeURIComponent(product.slug)}`}>{product.title}</a> : product.title}
				</h3>
				<StatusBadge status={product.status} />
			</div>
			<p class="small muted">
				{t("styles:packs.images", { count: pack.image_count })} · {money(product.price_cents, product.currency)} ·{" "}
				{t(pack.license === "commercial" ? "styles:packs.license.commercial" : "styles:packs.license.personal")} ·{" "}
				{t("styles:packs.created", { when: dateTime(product.created_at) })}
			</p>
			{product.last_error && product.status.endsWith("_FAILED") ? <p class="alert alert-error small">{product.last_error}</p> : null}
		</li>
	);
}

/**
 * The studio page of a style's packs: each pack with where it is in the pipeline (reloading
 * itself while one is being checked), and the form to publish another.
 */
export function StylePacksPage({ style, packs, form, createdId, viewer }: StylePacksPageProps) {
	const working = packs.some((pack) => !SETTLED.has(pack.product.status));
	const { t } = useI18n();
	const pageTitle = t("styles:packs.pageTitle", { title: style.title });
	return (
		<Layout title={pageTitle} noindex refreshSeconds={working ? 3 : undefined} viewer={viewer}>
			<nav class="breadcrumbs" aria-label={t("styles:packs.breadcrumb")}>
				<ol>
					<li>
						<a href="/me">{t("nav.myPage")}</a>
					</li>
					<li>
						<a href={`/studio/styles/${encodeURIComponent(style.id)}`}>{style.title}</a>
					</li>
					<li aria-current="page">{t("styles:packs.crumb")}</li>
				</ol>
			</nav>
			<h1>{pageTitle}</h1>
			<section aria-labelledby="packs-title">
				<h2 id="packs-title" class="section-title">
					{t("styles:packs.yourPacks")}
				</h2>
				{packs.length > 0 ? (
					<ul class="pack-list">
						{packs.map((pack) => (
							<PackRow pack={pack} created={pack.product.id === createdId} />
						))}
					</ul>
				) : (
					<p class="muted">{t("styles:packs.none")}</p>
				)}
			</section>
			<PackForm styleId={style.id} {...form} />
		</Layout>
	);
}
