import type { Viewer } from "../accounts/viewer";
import { useI18n } from "../i18n/context";
import { ProductCover, ProductLanguages, useKindLabel } from "./catalog";
import { Layout } from "./layout";
import { SampleGallery } from "./style-packs/sample-gallery";

/** A published product as its page shows it. */
export type ProductPageProduct = {
	id: string;
	slug: string;
	title: string;
	description: string;
	price_cents: number;
	currency: string;
	version: number | string;
	published_at: string | null;
	/** Files inside the package, as its manifest lists them. */
	files: { path: string; size: number }[];
	/** Size of the downloadable ZIP in bytes. */
	package_size: number;
	/** Product line (`digital_kit`, ...); labels the page when given. */
	kind?: string;
	/** Downloads each purchase allows; shown as a selling point when given. */
	download_limit?: number;
	/** The languages the product's content includes, when the catalog knows them. */
	languages?: readonly string[];
};

/** Props of {@link ProductPage}. */
export type ProductPageProps = {
	product: ProductPageProduct;
	/** Where the product's landing page preview is served (with `Content-Security-Policy: sandbox`). */
	previewUrl: string;
	/** A failed checkout attempt in words (e.g. an invalid email), shown above the form. */
	error?: string;
	/** The email the buyer typed, refilled after an error. */
	email?: string;
	/** The signed-in user for the header (`c.var.viewer`); absent = the signed-out header. */
	viewer?: Viewer | null;
};

/** Splits a manifest path into folder and file name, so long paths stay readable. */
function splitPath(path: string): { dir: string; name: string } {
	const cut = path.lastIndexOf("/");
	return cut < 0 ? { dir: "", name: path } : { dir: path.slice(0, cut + 1), name: path.slice(cut + 1) };
}

/** The checkout card: price, what the buyer gets, and the guest checkout form. */
function BuyBox({ product, error, email }: Omit<ProductPageProps, "previewUrl">) {
	const { t, money, bytes } = useI18n();
	const price = money(product.price_cents, product.currency);
	return (
		<aside class="buy-box card" aria-labelledby="buy-title">
			<h2 id="buy-title" class="visually-hidden">
				{t("storefront:product.buyTitle", { title: product.title })}
			</h2>
			<p class="buy-price">{price}</p>
			<ul class="check-list">
				<li>{t("storefront:product.instant")}</li>
				<li>{t("storefront:product.filesInZip", { count: product.files.length, size: bytes(product.package_size) })}</li>
				{product.download_limit ? <li>{t("storefront:product.downloadLimit", { count: product.download_limit })}</li> : null}
				<li>{t("storefront:product.noAccount")}</li>
			</ul>
			{error ? (
				<div class="alert alert-error" role="alert" id="checkout-error">
					<strong>{t("storefront:product.checkoutFailed")}</strong> {error}
				</div>
			) : null}
			<form method="post" action="/checkout" class="checkout-form">
				<input type="hidden" name="product_id" value={product.id} />
				<div class="field">
					<label for="checkout-email">{t("storefront:product.email")}</label>
					<input
						id="checkout-email"
						name="email"
						type="email"
						required
						autocomplete="email"
						inputmode="email"
						maxlength={254}
						placeholder={t("storefront:product.emailPlaceholder")}
						value={email ?? ""}
						aria-describedby={error ? "checkout-error email-hint" : "email-hint"}
						aria-invalid={error ? "true" : undefined}
					/>
					<p class="field-hint" id="email-hint">
						{t("storefront:product.emailHint")}
					</p>
				</div>
				<div class="field field-check">
					<input id="checkout-consent" name="consent" type="checkbox" value="yes" required />
					<label for="checkout-consent">{t("storefront:checkout.consent")}</label>
				</div>
				<button type="submit" class="button button-primary button-block button-lg">
					{t("storefront:product.buyNow", { price })}
				</button>
			</form>
			<p class="secure-note small muted">
				<svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
					<path d="M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7zm2 0h4V5a2 2 0 1 0-4 0z" fill="currentColor" />
				</svg>
				{t("storefront:product.secure")}
			</p>
		</aside>
	);
}

/**
 * A product's page: what it is, a sandboxed live preview of its landing page, the package's
 * contents, and the guest checkout form (email + consent to immediate delivery).
 */
export function ProductPage({ product, previewUrl, error, email, viewer }: ProductPageProps) {
	const { t, bytes, date } = useI18n();
	const kindLabel = useKindLabel();
	const totalFileBytes = product.files.reduce((sum, file) => sum + file.size, 0);
	return (
		<Layout title={product.title} description={product.description} viewer={viewer}>
			<nav class="breadcrumbs" aria-label={t("storefront:product.breadcrumb")}>
				<ol>
					<li>
						<a href="/">{t("storefront:product.store")}</a>
					</li>
					<li aria-current="page">{product.title}</li>
				</ol>
			</nav>
			<div class="product-layout">
				<header class="product-head">
					<ProductCover slug={product.slug} title={product.title} kind={product.kind} large />
					<div>
						{product.kind ? <p class="eyebrow">{kindLabel(product.kind)}</p> : null}
						<h1 class="product-title">{product.title}</h1>
						<p class="lead">{product.description}</p>
						<ProductLanguages languages={product.languages} class="small muted" />
						<p class="meta-row small muted">
							<span>{t("storefront:product.version", { version: product.version })}</span>
							{product.published_at ? <span>{t("storefront:product.published", { date: date(product.published_at) })}</span> : null}
						</p>
					</div>
				</header>

				<BuyBox product={product} error={error} email={email} />

				{product.kind === "style_pack" ? (
					<SampleGallery slug={product.slug} title={product.title} files={product.files} />
				) : (
					<section class="product-preview" aria-labelledby="preview-title">
						<h2 id="preview-title" class="section-title">
							{t("storefront:product.previewTitle")}
						</h2>
						<div class="browser-frame">
							<div class="browser-bar" aria-hidden="true">
								<span class="dot" />
								<span class="dot" />
								<span class="dot" />
								<span class="browser-address">index.html</span>
							</div>
							{/* Empty sandbox: the preview runs with no scripts, no forms and an opaque origin, so generated HTML can never touch the store. */}
							<iframe
								src={previewUrl}
								sandbox=""
								loading="lazy"
								referrerpolicy="no-referrer"
								title={t("storefront:product.previewFrame", { title: product.title })}
								class="preview-frame"
							/>
						</div>
						<p class="small muted">{t("storefront:product.previewNote")}</p>
					</section>
				)}

				<section class="product-files" aria-labelledby="files-title">
					<h2 id="files-title" class="section-title">
						{t("storefront:product.filesTitle")}
					</h2>
					<div class="card table-card">
						<table class="file-table">
							<caption class="visually-hidden">{t("storefront:product.filesCaption")}</caption>
							<thead>
								<tr>
									<th scope="col">{t("storefront:product.file")}</th>
									<th scope="col" class="num">
										{t("storefront:product.size")}
									</th>
								</tr>
							</thead>
							<tbody>
								{product.files.map((file) => {
									const { dir, name } = splitPath(file.path);
									return (
										<tr>
											<td class="file-path">
												{dir ? <span class="file-dir">{dir}</span> : null}
												<span class="file-name">{name}</span>
											</td>
											<td class="num">{bytes(file.size)}</td>
										</tr>
									);
								})}
							</tbody>
							<tfoot>
								<tr>
									<th scope="row">{t("storefront:product.total", { count: product.files.length })}</th>
									<td class="num">{bytes(totalFileBytes)}</td>
								</tr>
								<tr>
									<th scope="row">{t("storefront:product.zipSize")}</th>
									<td class="num">{bytes(product.package_size)}</td>
								</tr>
							</tfoot>
						</table>
					</div>
				</section>
			</div>
		</Layout>
	);
}
