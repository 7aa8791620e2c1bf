/** The plain "more" link under a paged list: the next page's URL, or nothing on the last page. Works without JavaScript. */
export function MoreLink({ href, label }: { href: string | null; label: string }) {
	if (!href) return null;
	return (
		<p class="center">
			<a class="button button-secondary" href={href} rel="next">
				{label}
			</a>
		</p>
	);
}
