/** Props of {@link StylePacksPanel}. */
export type StylePacksPanelProps = {
	style: { id: string; status: string };
};

/**
 * The style packs card of a style's studio page: once the style is trained, a link to its packs
 * page (`/studio/styles/:id/packs`), where the artist publishes packs and follows their checks.
 */
export function StylePacksPanel({ style }: StylePacksPanelProps) {
	const trained = style.status === "completed";
	return (
		<section class="card studio-card" aria-labelledby="packs-panel-title">
			<h2 id="packs-panel-title" class="card-title">
				Style packs
			</h2>
			<p class="small muted">
				{trained
					? "Sell a pack of your own generations in this style through the store, with your licence terms."
					: "Once the style is trained and you have generated images in it, you can sell them as a style pack."}
			</p>
			{trained ? (
				<a class="button button-secondary" href={`/studio/styles/${encodeURIComponent(style.id)}/packs`}>
					Publish a style pack
				</a>
			) : null}
		</section>
	);
}
