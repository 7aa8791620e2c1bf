import { useI18n } from "../i18n/context";
import { Layout } from "./layout";
import { DownloadIcon } from "./order";

/** Props of {@link DownloadLandingPage}. */
export type DownloadLandingPageProps = {
	fileName: string;
	/** File size in bytes. */
	size: number;
	/** Downloads left on the grant before this one. */
	usesLeft: number;
	maxDownloads: number;
	/** When the right to download ends; `null`: it does not. */
	expiresAt: string | null;
	/** The download link token; the button posts it back. */
	token: string;
};

/**
 * Where an emailed download link lands. Opening it spends nothing (mail scanners pre-fetch
 * links); the button posts the token, which spends one download and starts the transfer.
 */
export function DownloadLandingPage({ fileName, size, usesLeft, maxDownloads, expiresAt, token }: DownloadLandingPageProps) {
	const { t, bytes, dateTime } = useI18n();
	const canDownload = usesLeft > 0;
	return (
		<Layout title={t("storefront:download.title", { file: fileName })} noindex noReferrer narrow>
			<section class="card download-card" aria-labelledby="download-title">
				<div class="file-icon file-icon-lg" aria-hidden="true">
					ZIP
				</div>
				<h1 id="download-title" class="download-title">
					{canDownload ? t("storefront:download.ready") : t("storefront:download.noneLeft")}
				</h1>
				<p class="download-file">
					<span class="file-name break">{fileName}</span>
					<span class="muted"> · {bytes(size)}</span>
				</p>
				<dl class="grant-facts grant-facts-center">
					<div>
						<dt>{t("storefront:order.downloadsLeft")}</dt>
						<dd>{t("storefront:order.leftOf", { left: usesLeft, max: maxDownloads })}</dd>
					</div>
					<div>
						<dt>{t("storefront:order.access")}</dt>
						<dd>{expiresAt ? t("storefront:order.until", { date: dateTime(expiresAt) }) : t("storefront:order.noExpiry")}</dd>
					</div>
				</dl>
				{canDownload ? (
					<form method="post" action={`/download/${encodeURIComponent(token)}`} class="download-form download-form-center">
						<button type="submit" class="button button-primary button-lg button-block">
							<DownloadIcon />
							{t("storefront:order.download", { file: fileName, size: bytes(size) })}
						</button>
					</form>
				) : (
					<p class="notice">{t("storefront:download.allUsed", { count: maxDownloads })}</p>
				)}
				{canDownload ? <p class="small muted">{t("storefront:download.note")}</p> : <p class="small muted">{t("storefront:download.support")}</p>}
			</section>
		</Layout>
	);
}
