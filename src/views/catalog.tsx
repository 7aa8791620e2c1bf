import type { Viewer } from "../accounts/viewer";
import { formatBytes, formatPrice, plural } from "../lib/format";
import { coverClass, initials, kindLabel } from "./format";
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
};

/** Props of {@link CatalogPage}. */
export type CatalogPageProps = {
	products: PublicProductCard[];
	/** The signed-in user for the header (`c.var.viewer`); absent = the signed-out header. */
	viewer?: Viewer | null;
};

/** The generated cover art of a product: its initials on a palette picked from its slug. */
export function ProductCover({ slug, title, kind, large }: { slug: string; title: string; kind?: string; large?: boolean }) {
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
					<div class="product-card-foot">
						<span class="muted small">
							{plural(product.file_count, "file")} · {formatBytes(product.package_size)}
						</span>
						<span class="price-pill">{formatPrice(product.price_cents, product.currency)}</span>
					</div>
				</div>
			</article>
		</li>
	);
}

/** The storefront home: a hero and a grid of published products, or an empty state when there are none. */
export function CatalogPage({ products, viewer }: CatalogPageProps) {
	return (
		<Layout
			title={STORE_NAME}
			description="Ready-to-use digital kits: landing pages, guides and checklists, delivered instantly after purchase."
			viewer={viewer}
		>
			<section class="hero" aria-labelledby="hero-title">
				<p class="eyebrow">Digital products, made at the edge</p>
				<h1 id="hero-title">Ready-made digital products, delivered instantly.</h1>
				<p class="lead">
					Every product is generated, quality-checked twice and packaged before it appears here. Pay once, download instantly — no account needed.
				</p>
			</section>
			<section aria-labelledby="catalog-title">
				<div class="section-head">
					<h2 id="catalog-title" class="section-title">
						All products
					</h2>
					{products.length > 0 ? <span class="muted small">{plural(products.length, "product")}</span> : null}
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
						<h3>No products yet</h3>
						<p class="muted">The factory is working on the first batch. Check back soon.</p>
					</div>
				)}
			</section>
		</Layout>
	);
}
