import { useI18n } from "../../i18n/context";
import type { ErrorCode } from "../../lib/errors";
import { useErrorTitle } from "../error-page";
import { AdminLayout, type AdminViewer } from "./layout";

/** Props of {@link AdminErrorPage}. */
export type AdminErrorPageProps = {
	status: number;
	/** The contract's error code, e.g. `CONFLICT`. */
	code: ErrorCode;
	/** What happened, in words. */
	message: string;
	requestId: string;
	/** The signed-in admin, when there is one: the page keeps the navigation then. */
	viewer?: AdminViewer | null;
	/** Where "Go back" leads; the page the admin came from when it is on this site. */
	backHref?: string;
};

/** An error inside the dashboard (a refused action, a missing product) with the way back. */
export function AdminErrorPage({ status, code, message, requestId, viewer, backHref }: AdminErrorPageProps) {
	const { t } = useI18n();
	const title = useErrorTitle(code);
	return (
		<AdminLayout title={title} viewer={viewer}>
			<section class="card error-card" aria-labelledby="error-title">
				<p class="error-status">
					{t("admin:error.status", { status })} · <span class="mono">{code}</span>
				</p>
				<h1 id="error-title">{title}</h1>
				<p class="lead">{message}</p>
				<div class="button-row">
					<a class="btn btn-primary" href={backHref ?? "/admin"}>
						{t("admin:error.goBack")}
					</a>
					{viewer ? (
						<a class="btn btn-secondary" href="/admin">
							{t("admin:error.overview")}
						</a>
					) : (
						<a class="btn btn-secondary" href="/admin/login">
							{t("admin:error.signIn")}
						</a>
					)}
				</div>
				<p class="small muted">
					{t("admin:error.requestId")} <code class="mono">{requestId}</code>
				</p>
			</section>
		</AdminLayout>
	);
}
