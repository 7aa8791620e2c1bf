import type { Viewer } from "../../accounts/viewer";
import { plural } from "../../lib/format";
import type { MarketplaceQuery, MarketplaceStyle } from "../../styles/marketplace";
import { Layout } from "../layout";
import { PricePerImage, StyleCover } from "./style-parts";

/** Props of {@link MarketplacePage}. */
export type MarketplacePageProps = {
	/** Who is looking, for the storefront header (`c.var.viewer`). */
	viewer?: Viewer | null;
	styles: MarketplaceStyle[];
	query: MarketplaceQuery;
	/** Link to the next page, when there is one. */
	nextPage: string | null;
};

function StyleCard({ style }: { style: MarketplaceStyle }) {
	const headingId = `style-${style.id}`;
	return (
		<li class="card product-card style-card">
			<article aria-labelledby={headingId}>
				<StyleCover slug={style.slug} title={style.title} imageUrl={style.sample_image_url} />
				<div class="product-card-body">
					<h2 class="product-card-title" id={headingId}>
						<a class="stretched-link" href={`/styles/${encodeURIComponent(style.slug)}`}>
							{style.title}
						</a>
					</h2>
					<p class="muted small style-card-artist">by {style.artist.name}</p>
					<p class="product-card-desc">{style.description}</p>
					<div class="product-card-foot">
						<span class="muted small">{plural(style.generation_count, "image")} made</span>
						<PricePerImage credits={style.price_credits} />
					</div>
				</div>
			</article>
		</li>
	);
}

/** Link to the marketplace with `changes` applied to the current search. */
function marketplaceHref(query: MarketplaceQuery, changes: Partial<Record<"q" | "tag" | "sort", string | undefined>>): string {
	const merged = { q: query.q, tag: query.tag, sort: query.sort, ...changes };
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(merged)) if (value && !(key === "sort" && value === "recent")) params.set(key, value);
	const search = params.toString();
	return search ? `/styles?${search}` : "/styles";
}

/**
 * The style marketplace: trained styles, searchable by tag and artist name, sorted by recency or
 * popularity. A plain GET form, so search and sort work without JavaScript.
 */
export function MarketplacePage({ styles, query, nextPage, viewer }: MarketplacePageProps) {
	const filtered = Boolean(query.q || query.tag);
	return (
		<Layout title="Art styles" viewer={viewer} description="Generate images in the styles of real artists, each image signed by its artist.">
			<section class="hero" aria-labelledby="styles-title">
				<p class="eyebrow">Licensed art styles</p>
				<h1 id="styles-title">Generate images in an artist's style.</h1>
				<p class="lead">Every style is trained from an artist's own work. Each image you make carries their signature, and they are paid for it.</p>
			</section>
			<search>
				<form class="style-search" method="get" action="/styles">
					<div class="field">
						<label for="style-q">Search tags or artists</label>
						<input id="style-q" type="search" name="q" value={query.q ?? ""} maxlength={100} placeholder="watercolour, neon, Ana…" />
					</div>
					{query.tag ? <input type="hidden" name="tag" value={query.tag} /> : null}
					<div class="field">
						<label for="style-sort">Sort</label>
						<select id="style-sort" name="sort">
							<option value="recent" selected={query.sort === "recent"}>
								Most recent
							</option>
							<option value="popular" selected={query.sort === "popular"}>
								Most popular
							</option>
						</select>
					</div>
					<button class="button button-primary" type="submit">
						Search
					</button>
				</form>
			</search>
			{query.tag ? (
				<p class="small">
					Tag <strong>{query.tag}</strong> · <a href={marketplaceHref(query, { tag: undefined })}>show all tags</a>
				</p>
			) : null}
			<section aria-labelledby="styles-list-title">
				<div class="section-head">
					<h2 id="styles-list-title" class="section-title">
						{filtered ? "Matching styles" : "All styles"}
					</h2>
					<span class="muted small">{query.sort === "popular" ? "Most popular first" : "Most recent first"}</span>
				</div>
				{styles.length > 0 ? (
					<ul class="product-grid">
						{styles.map((style) => (
							<StyleCard style={style} />
						))}
					</ul>
				) : (
					<div class="empty-state">
						<h3>{filtered ? "No style matches" : "No styles yet"}</h3>
						<p class="muted">{filtered ? "Try another tag or artist name." : "Artists are training the first styles. Check back soon."}</p>
					</div>
				)}
				{nextPage ? (
					<p class="center">
						<a class="button button-secondary" href={nextPage}>
							More styles
						</a>
					</p>
				) : null}
			</section>
		</Layout>
	);
}
