import { useI18n } from "../../../i18n/context";
import type { SellableVideo } from "../../../video/product/sellable";
import { AdminLayout, type AdminViewer } from "../../admin/layout";
import { Card, CsrfField, EmptyState, PageHeader } from "../../admin/parts";

/** Props of {@link AdminVideosPage}. */
export type AdminVideosPageProps = { videos: SellableVideo[]; viewer: AdminViewer };

/** One row's last cell: the product it became, or the form that publishes it. */
function PublishCell({ video, csrfToken }: { video: SellableVideo; csrfToken: string }) {
	const { t } = useI18n();
	if (video.productId) {
		return (
			<a class="btn btn-secondary btn-sm" href={`/admin/products/${encodeURIComponent(video.productId)}`}>
				{t("video:product.admin.viewProduct")}
			</a>
		);
	}
	const priceId = `price-${video.id}`;
	const titleId = `title-${video.id}`;
	return (
		<form method="post" action={`/admin/videos/${encodeURIComponent(video.id)}/publish`} class="inline-form">
			<CsrfField token={csrfToken} />
			<label for={titleId}>{t("video:product.admin.productTitle")}</label>
			<input id={titleId} name="title" type="text" maxlength={200} value={video.title} required />
			<label for={priceId}>{t("video:product.admin.price")}</label>
			<input id={priceId} name="price" type="text" inputmode="decimal" pattern="\d{1,6}(\.\d{1,2})?" value="9" required size={6} />
			<button class="btn btn-primary btn-sm" type="submit">
				{t("video:product.admin.publish")}
			</button>
		</form>
	);
}

/** `/admin/videos`: the shop's ready videos, each with "publish as product" or a link to the product it became. */
export function AdminVideosPage({ videos, viewer }: AdminVideosPageProps) {
	const { t } = useI18n();
	return (
		<AdminLayout title={t("video:product.admin.title")} section="videos" viewer={viewer}>
			<PageHeader title={t("video:product.admin.title")} subtitle={t("video:product.admin.intro")} />
			<Card>
				{videos.length === 0 ? (
					<EmptyState title={t("video:product.admin.empty")} />
				) : (
					<div class="table-wrap">
						<table class="table">
							<caption class="visually-hidden">{t("video:product.admin.caption")}</caption>
							<thead>
								<tr>
									<th scope="col">{t("video:product.admin.colVideo")}</th>
									<th scope="col">{t("video:product.admin.colOwner")}</th>
									<th scope="col" class="num">
										{t("video:product.admin.colLength")}
									</th>
									<th scope="col">{t("video:product.admin.colSize")}</th>
									<th scope="col">{t("video:product.admin.colProduct")}</th>
								</tr>
							</thead>
							<tbody>
								{videos.map((video) => (
									<tr data-project-id={video.id}>
										<th scope="row" class="cell-title">
											{video.title}
											<span class="cell-sub mono">{video.id}</span>
										</th>
										<td>{video.ownerEmail}</td>
										<td class="num">{video.durationMs === null ? "—" : t("video:product.admin.seconds", { count: Math.round(video.durationMs / 1000) })}</td>
										<td class="mono">{video.width && video.height ? `${video.width}×${video.height}` : "—"}</td>
										<td>
											<PublishCell video={video} csrfToken={viewer.csrfToken} />
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
				)}
			</Card>
		</AdminLayout>
	);
}
