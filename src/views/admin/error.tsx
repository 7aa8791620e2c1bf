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
	const title = useErrorTitle(code);
	return (
		<AdminLayout title={title} viewer={viewer}>
			<section class="card error-card" aria-labelledby="error-title">
				<p class="error-status">
					Error {status} · <span class="mono">{code}</span>
				</p>
				<h1 id="error-title">{title}</h1>
				<p class="lead">{message}</p>
				<div class="button-row">
					<a class="btn btn-primary" href={backHref ?? "/admin"}>
						Go back
					</a>
					{viewer ? (
						<a class="btn btn-secondary" href="/admin">
							Overview
						</a>
					) : (
						<a class="btn btn-secondary" href="/admin/login">
							Sign in
						</a>
					)}
				</div>
				<p class="small muted">
					Request ID <code class="mono">{requestId}</code>
				</p>
			</section>
		</AdminLayout>
	);
}
