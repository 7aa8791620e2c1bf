import type { Viewer } from "../../accounts/viewer";
import { useI18n } from "../../i18n/context";
import { Layout } from "../layout";
import type { PortraitJobPageJob } from "./job-page";
import { PortraitJobFacts } from "./job-status";

/** The refusals the photo upload can answer; the cropper shows each in the reader's language by its code. */
const UPLOAD_ERROR_CODES = [
	"INVALID_IMAGE_FORMAT",
	"IMAGE_SIZE_EXCEEDED",
	"IMAGE_TOO_SMALL",
	"INVALID_ASPECT_RATIO",
	"INVALID_STATE",
	"PAYLOAD_TOO_LARGE",
	"NOT_FOUND",
	"GONE",
	"RATE_LIMITED",
] as const;

/** Props of {@link PortraitUploadPage}. */
export type PortraitUploadPageProps = {
	viewer?: Viewer | null;
	job: PortraitJobPageJob;
	jobKey: string;
	/** The job's own page (with the key): "back", and where the browser goes once the photo is in. */
	jobPageUrl: string;
};

/**
 * `/portraits/:id/upload?key=`: the photo guide (front-facing, good light, no filters, one
 * person) and the crop locked to 3:4 (public/js/portrait-crop.js, canvas code of our own): the
 * crop is exported as a JPEG and posted multipart to `POST /api/portraits/:id/photo`. The crop
 * is offered only while the job waits for its photo; otherwise the page says the step is closed.
 */
export function PortraitUploadPage({ viewer, job, jobKey, jobPageUrl }: PortraitUploadPageProps) {
	const { t } = useI18n();
	const open = job.status === "pending_upload";
	const messages = {
		uploading: t("portraits:upload.uploading"),
		uploaded: t("portraits:upload.uploaded"),
		sourceTooSmall: t("portraits:upload.sourceTooSmall"),
		unreadable: t("portraits:upload.unreadable"),
		failed: t("portraits:upload.failedGeneric"),
	};
	const errors = Object.fromEntries(UPLOAD_ERROR_CODES.map((code) => [code, t(`errors:message.${code}`)]));
	return (
		<Layout title={t("portraits:upload.title")} viewer={viewer} noindex noReferrer narrow>
			<link rel="stylesheet" href="/css/portraits.css" />
			<p class="eyebrow">{t("portraits:brand")}</p>
			<h1>{t("portraits:upload.title")}</h1>
			<PortraitJobFacts status={job.status} expiresAt={job.expiresAt} expiresAtKst={job.expiresAtKst} />
			<section class="card portrait-guide" data-photo-guide>
				<h2 class="card-title">{t("portraits:upload.guideHeading")}</h2>
				<ul class="check-list">
					<li>{t("portraits:upload.guideFront")}</li>
					<li>{t("portraits:upload.guideLight")}</li>
					<li>{t("portraits:upload.guideNoFilters")}</li>
					<li>{t("portraits:upload.guideOnePerson")}</li>
				</ul>
			</section>
			{open ? (
				<section class="card portrait-crop-card">
					<h2 class="card-title">{t("portraits:upload.cropHeading")}</h2>
					<noscript>
						<p class="alert alert-error">{t("portraits:upload.noScript")}</p>
					</noscript>
					<div
						class="portrait-uploader"
						data-portrait-upload
						data-upload-url={`/api/portraits/${job.id}/photo`}
						data-job-key={jobKey}
						data-done-url={jobPageUrl}
						data-messages={JSON.stringify(messages)}
						data-error-messages={JSON.stringify(errors)}
					>
						<div class="field">
							<label for="portrait-file">{t("portraits:upload.chooseFile")}</label>
							<input id="portrait-file" type="file" accept="image/jpeg,image/png" data-crop-file />
						</div>
						<p class="small muted">{t("portraits:upload.cropHelp")}</p>
						<div class="portrait-crop-frame">
							<canvas width="480" height="640" tabindex={0} aria-label={t("portraits:upload.cropArea")} data-crop-canvas />
						</div>
						<div class="field">
							<label for="portrait-zoom">{t("portraits:upload.zoom")}</label>
							<input id="portrait-zoom" type="range" min="1" max="4" step="0.01" value="1" disabled data-crop-zoom />
						</div>
						<button type="button" class="button button-primary" disabled data-crop-submit>
							{t("portraits:upload.submit")}
						</button>
						<p class="small" role="status" aria-live="polite" data-upload-message />
					</div>
				</section>
			) : (
				<p class="alert alert-error" data-step-closed>
					{t("errors:message.INVALID_STATE")}
				</p>
			)}
			<p class="small">
				<a href={jobPageUrl}>{t("portraits:upload.back")}</a>
			</p>
			{open ? <script src="/js/portrait-crop.js" defer /> : null}
		</Layout>
	);
}
