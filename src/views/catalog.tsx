import type { Viewer } from "../accounts/viewer";
import { useI18n } from "../i18n/context";
import { coverClass, initials } from "./format";
import { Layout, STORE_NAME } from "./layout";

/** A published product as the catalog grid shows it (nothing internal: no storage keys, no pipeline state). */
export type PublicProductCard = {
	slug: string;
	title: string;
	description: string;
	price_cents: number;
	currency: string;
	published_at: string | null;
	file_count: number;
	/** Size of the downloadable ZIP in bytes. */
	package_size: number;
	/** Product line (`digital_kit`, `style_pack`, ...); labels the cover when given. */
	kind?: string;
	/** The languages the product's content includes, when the catalog knows them. */
	languages?: readonly string[];
};

const KNOWN_KINDS = ["digital_kit", "style_pack", "portrait", "short_video"] as const;
const KNOWN_LANGUAGES = ["en", "ko"] as const;

/** A product line in the reader's language; an unknown kind is shown with its underscores as spaces. */
export function useKindLabel(): (kind: string) => string {
	const { t } = useI18n();
	return (kind) =>
		(KNOWN_KINDS as readonly string[]).includes(kind) ? t(`storefront:kinds.${kind as (typeof KNOWN_KINDS)[number]}`) : kind.replaceAll("_", " ");
}

/** "Languages: English and Korean" in the reader's language; nothing when the product names none. */
export function ProductLanguages({ languages, class: className }: { languages?: readonly string[]; class?: string }) {
	const { t, list } = useI18n();
	if (!languages || languages.length === 0) return null;
	const names = languages.map((code) =>
		(KNOWN_LANGUAGES as readonly string[]).includes(code) ? t(`languages.${code as (typeof KNOWN_LANGUAGES)[number]}`) : code,
	);
	return <span class={className ?? "muted small product-languages"}>{t("languageList", { list: list(names) })}</span>;
}

/** Props of {@link CatalogPage}. */
export type CatalogPageProps = {
	products: PublicProductCard[];
	/** The signed-in user for the header (`c.var.viewer`); absent = the signed-out header. */
	viewer?: Viewer | null;
};

/** The generated cover art of a product: its initials on a palette picked from its slug. */
export function ProductCover({ slug, title, kind, large }: { slug: string; title: string; kind?: string; large?: boolean }) {
	const kindLabel = useKindLabel();
	const label = kind ? kindLabel(kind) : null;
	return (
		<div class={`cover ${coverClass(slug)}${large ? " cover-large" : ""}`} aria-hidden="true">
			<span class="cover-initials">{initials(title)}</span>
			{label ? <span class="cover-tag">{label}</span> : null}
		</div>
	);
}

/** One product in the grid; the whole card is a link to the product page. */
function ProductCard({ product }: { product: PublicProductCard }) {
	const { t, money, bytes } = useI18n();
	const headingId = `product-${product.slug}`;
	return (
		<li class="card product-card">
			<article aria-labelledby={headingId}>
				<ProductCover slug={product.slug} title={product.title} kind={product.kind} />
				<div class="product-card-body">
					<h2 class="product-card-title" id={headingId}>
						{/* The link's ::after stretches over the card, so one link (not a nested tangle) makes it clickable. */}
						<a class="stretched-link" href={`/products/${encodeURIComponent(product.slug)}`}>
							{product.title}
						</a>
					</h2>
					<p class="product-card-desc">{product.description}</p>
					<ProductLanguages languages={product.languages} />
					<div class="product-card-foot">
						<span class="muted small">
							{t("storefront:files", { count: product.file_count })} · {bytes(product.package_size)}
						</span>
						<span class="price-pill">{money(product.price_cents, product.currency)}</span>
					</div>
				</div>
			</article>
		</li>
	);
}

/** The storefront home: a hero and a grid of published products, or an empty state when there are none. */
export function CatalogPage({ products, viewer }: CatalogPageProps) {
	const { t } = useI18n();
	return (
		<Layout title={STORE_NAME} description={t("storefront:catalog.description")} viewer={viewer}>
			<section class="hero" aria-labelledby="hero-title">
				<p class="eyebrow">{t("storefront:catalog.eyebrow")}</p>
				<h1 id="hero-title">{t("storefront:catalog.heading")}</h1>
				<p class="lead">{t("storefront:catalog.lead")}</p>
			</section>
			<section aria-labelledby="catalog-title">
				<div class="section-head">
					<h2 id="catalog-title" class="section-title">
						{t("storefront:catalog.allProducts")}
					</h2>
					{products.length > 0 ? <span class="muted small">{t("storefront:catalog.products", { count: products.length })}</span> : null}
				</div>
				{products.length > 0 ? (
					<ul class="product-grid">
						{products.map((product) => (
							<ProductCard product={product} />
						))}
					</ul>
				) : (
					<div class="empty-state">
						<svg viewBox="0 0 48 48" width="48" height="48" aria-hidden="true" focusable="false">
							<path d="M8 16 24 8l16 8v16l-16 8-16-8z M8 16l16 8 16-8 M24 24v16" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linejoin="round" />
						</svg>
						<h3>{t("storefront:catalog.emptyTitle")}</h3>
						<p class="muted">{t("storefront:catalog.emptyBody")}</p>
					</div>
				)}
			</section>
		</Layout>
	);
}
