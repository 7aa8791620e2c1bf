import type { Viewer } from "../accounts/viewer";
import { formatBytes, formatDate, formatPrice, plural } from "../lib/format";
import { ProductCover } from "./catalog";
import { kindLabel } from "./format";
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
};

/** Props of {@link ProductPage}. */
export type ProductPageProps = {
	product: ProductPageProduct;
	/** Where the product's landing page preview is served (with `Content-Security-Policy: sandbox`). */
	previewUrl: string;
	/** Consent to immediate delivery of digital content; the checkbox label, word for word. */
	consentText: string;
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
function BuyBox({ product, consentText, error, email }: Omit<ProductPageProps, "previewUrl">) {
	const price = formatPrice(product.price_cents, product.currency);
	return (
		<aside class="buy-box card" aria-labelledby="buy-title">
			<h2 id="buy-title" class="visually-hidden">
				Buy {product.title}
			</h2>
			<p class="buy-price">{price}</p>
			<ul class="check-list">
				<li>Instant download after payment</li>
				<li>
					{plural(product.files.length, "file")} in one ZIP ({formatBytes(product.package_size)})
				</li>
				{product.download_limit ? <li>Download up to {plural(product.download_limit, "time")}</li> : null}
				<li>No account needed — links go to your email</li>
			</ul>
			{error ? (
				<div class="alert alert-error" role="alert" id="checkout-error">
					<strong>Checkout didn't go through.</strong> {error}
				</div>
			) : null}
			<form method="post" action="/checkout" class="checkout-form">
				<input type="hidden" name="product_id" value={product.id} />
				<div class="field">
					<label for="checkout-email">Email address</label>
					<input
						id="checkout-email"
						name="email"
						type="email"
						required
						autocomplete="email"
						inputmode="email"
						maxlength={254}
						placeholder="you@example.com"
						value={email ?? ""}
						aria-describedby={error ? "checkout-error email-hint" : "email-hint"}
						aria-invalid={error ? "true" : undefined}
					/>
					<p class="field-hint" id="email-hint">
						Your receipt and download links are sent here.
					</p>
				</div>
				<div class="field field-check">
					<input id="checkout-consent" name="consent" type="checkbox" value="yes" required />
					<label for="checkout-consent">{consentText}</label>
				</div>
				<button type="submit" class="button button-primary button-block button-lg">
					Buy now — {price}
				</button>
			</form>
			<p class="secure-note small muted">
				<svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
					<path d="M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7zm2 0h4V5a2 2 0 1 0-4 0z" fill="currentColor" />
				</svg>
				Secure checkout. You'll pay on the next page.
			</p>
		</aside>
	);
}

/**
 * A product's page: what it is, a sandboxed live preview of its landing page, the package's
 * contents, and the guest checkout form (email + consent to immediate delivery).
 */
export function ProductPage({ product, previewUrl, consentText, error, email, viewer }: ProductPageProps) {
	const totalFileBytes = product.files.reduce((sum, file) => sum + file.size, 0);
	return (
		<Layout title={product.title} description={product.description} viewer={viewer}>
			<nav class="breadcrumbs" aria-label="Breadcrumb">
				<ol>
					<li>
						<a href="/">Store</a>
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
						<p class="meta-row small muted">
							<span>Version {product.version}</span>
							{product.published_at ? <span>Published {formatDate(product.published_at)}</span> : null}
						</p>
					</div>
				</header>

				<BuyBox product={product} consentText={consentText} error={error} email={email} />

				{product.kind === "style_pack" ? (
					<SampleGallery slug={product.slug} title={product.title} files={product.files} />
				) : (
					<section class="product-preview" aria-labelledby="preview-title">
						<h2 id="preview-title" class="section-title">
							Live preview
						</h2>
						<div class="browser-frame">
							<div class="browser-bar" aria-hidden="true">
								<span class="dot" />
								<span class="dot" />
								<span class="dot" />
								<span class="browser-address">index.html</span>
							</div>
							{/* Empty sandbox: the preview runs with no scripts, no forms and an opaque origin, so generated HTML can never touch the store. */}
							<iframe src={previewUrl} sandbox="" loading="lazy" referrerpolicy="no-referrer" title={`Preview of ${product.title}`} class="preview-frame" />
						</div>
						<p class="small muted">The landing page included in the package, shown with scripts disabled.</p>
					</section>
				)}

				<section class="product-files" aria-labelledby="files-title">
					<h2 id="files-title" class="section-title">
						What's in the package
					</h2>
					<div class="card table-card">
						<table class="file-table">
							<caption class="visually-hidden">Files in the package and their sizes</caption>
							<thead>
								<tr>
									<th scope="col">File</th>
									<th scope="col" class="num">
										Size
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
											<td class="num">{formatBytes(file.size)}</td>
										</tr>
									);
								})}
							</tbody>
							<tfoot>
								<tr>
									<th scope="row">Total · {plural(product.files.length, "file")}</th>
									<td class="num">{formatBytes(totalFileBytes)}</td>
								</tr>
								<tr>
									<th scope="row">Download size (ZIP)</th>
									<td class="num">{formatBytes(product.package_size)}</td>
								</tr>
							</tfoot>
						</table>
					</div>
				</section>
			</div>
		</Layout>
	);
}
