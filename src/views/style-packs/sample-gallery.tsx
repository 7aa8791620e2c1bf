import { plural } from "../../lib/format";
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
	const samples = samplePaths(files.map((file) => file.path));
	const total = files.filter((file) => /^images\/[^/]+\.png$/.test(file.path)).length;
	return (
		<section class="product-preview pack-samples" aria-labelledby="samples-title">
			<h2 id="samples-title" class="section-title">
				Sample images
			</h2>
			<ul class="pack-sample-grid">
				{samples.map((path, i) => (
					<li>
						<img src={sampleUrl(slug, path)} alt={`Sample ${i + 1} of ${title}`} loading="lazy" decoding="async" />
					</li>
				))}
			</ul>
			<p class="small muted">
				{samples.length} of the {plural(total, "image")} in this pack, each signed by the artist. The ZIP holds every image at full size with its licence.
			</p>
		</section>
	);
}
