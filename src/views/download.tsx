import { formatBytes, formatDateTime, plural } from "../lib/format";
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
	const canDownload = usesLeft > 0;
	return (
		<Layout title={`Download ${fileName}`} noindex noReferrer narrow>
			<section class="card download-card" aria-labelledby="download-title">
				<div class="file-icon file-icon-lg" aria-hidden="true">
					ZIP
				</div>
				<h1 id="download-title" class="download-title">
					{canDownload ? "Your download is ready" : "No downloads left"}
				</h1>
				<p class="download-file">
					<span class="file-name break">{fileName}</span>
					<span class="muted"> · {formatBytes(size)}</span>
				</p>
				<dl class="grant-facts grant-facts-center">
					<div>
						<dt>Downloads left</dt>
						<dd>
							{usesLeft} of {maxDownloads} downloads left
						</dd>
					</div>
					<div>
						<dt>Access</dt>
						<dd>{expiresAt ? `Until ${formatDateTime(expiresAt)}` : "No expiry"}</dd>
					</div>
				</dl>
				{canDownload ? (
					<form method="post" action={`/download/${encodeURIComponent(token)}`} class="download-form download-form-center">
						<button type="submit" class="button button-primary button-lg button-block">
							<DownloadIcon />
							Download {fileName} ({formatBytes(size)})
						</button>
					</form>
				) : (
					<p class="notice">All {plural(maxDownloads, "download")} for this purchase have been used.</p>
				)}
				{canDownload ? (
					<p class="small muted">
						Clicking the button starts the download and uses one of your downloads. If it's interrupted, resuming it doesn't use another, and clicking again
						within a few minutes gives you the same download.
					</p>
				) : (
					<p class="small muted">If you need another copy, contact support with your order number.</p>
				)}
			</section>
		</Layout>
	);
}
