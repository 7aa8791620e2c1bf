import { useI18n } from "../../i18n/context";
import { samplePaths, sampleUrl } from "../../style-packs/samples";

/** Props of {@link SampleGallery}. */
export type SampleGalleryProps = {
	slug: string;
	title: string;
	/** The package's files, as its manifest lists them. */
	files: { path: string }[];
};

/**
 * A style pack's product page preview: a few of its images (each carries the artist's
 * signature) instead of the landing-page iframe digital kits have.
 */
export function SampleGallery({ slug, title, files }: SampleGalleryProps) {
	const { t } = useI18n();
	const samples = samplePaths(files.map((file) => file.path));
	const total = files.filter((file) => /^images\/[^/]+\.png$/.test(file.path)).length;
	return (
		<section class="product-preview pack-samples" aria-labelledby="samples-title">
			<h2 id="samples-title" class="section-title">
				{t("styles:packs.samples.title")}
			</h2>
			<ul class="pack-sample-grid">
				{samples.map((path, i) => (
					<li>
						<img src={sampleUrl(slug, path)} alt={t("styles:packs.samples.alt", { number: i + 1, title })} loading="lazy" decoding="async" />
					</li>
				))}
			</ul>
			<p class="small muted">{t("styles:packs.samples.caption", { shown: samples.length, count: total })}</p>
		</section>
	);
}
