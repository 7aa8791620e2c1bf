import type { Viewer } from "../accounts/viewer";
import { useI18n } from "../i18n/context";
import type { ArtistApplicationStatus, UserRole } from "../shared/styles";
import { ErrorReference } from "./error-page";
import { Layout } from "./layout";

/** The user as the account page shows them. */
export type AccountUser = { name: string; email: string; role: UserRole; credits: number };

/** The latest artist application, if any. */
export type AccountApplication = { status: ArtistApplicationStatus; statement: string; createdAt: string; decidedAt: string | null };

/** Props of {@link AccountPage}. */
export type AccountPageProps = {
	user: AccountUser;
	application: AccountApplication | null;
	csrfToken: string;
	viewer: Viewer | null;
	/** After a successful application (post, redirect, get). */
	applied?: boolean;
	/** A refused application: the message, and what was typed, to fix it. */
	error?: string;
	statement?: string;
	/** Whether the account may be deleted (an artist whose style others used may only deactivate). */
	deletable: boolean;
	/** A refused deactivation or deletion: the message. */
	rightsError?: string;
};

const APPLICATION_BADGES = {
	pending: { label: "account:artist.statusPending", tone: "badge-warning" },
	approved: { label: "account:artist.statusApproved", tone: "badge-success" },
	rejected: { label: "account:artist.statusRejected", tone: "badge-neutral" },
} as const satisfies Record<ArtistApplicationStatus, { label: string; tone: string }>;

/** The artist section: the role, the application's state, and the form when one may apply. */
function ArtistSection({ user, application, csrfToken, error, statement }: Omit<AccountPageProps, "viewer" | "applied">) {
	const { t, dateTime } = useI18n();
	if (user.role === "artist") {
		return (
			<>
				<p>{t("account:artist.approved")}</p>
				<p>
					<a class="button button-primary" href="/me">
						{t("account:artist.goToMyPage")}
					</a>
				</p>
			</>
		);
	}
	const pending = application?.status === "pending";
	return (
		<>
			{application ? (
				<div class="account-application">
					<p>
						{t("account:artist.yourApplication", { date: dateTime(application.createdAt) })}{" "}
						<span class={`badge ${APPLICATION_BADGES[application.status].tone}`}>{t(APPLICATION_BADGES[application.status].label)}</span>
					</p>
					<blockquote class="account-statement">{application.statement}</blockquote>
					{application.status === "rejected" ? <p class="muted small">{t("account:artist.applyAgain")}</p> : null}
				</div>
			) : (
				<p>{t("account:artist.pitch")}</p>
			)}
			{pending ? (
				<p class="muted small">{t("account:artist.reviewed")}</p>
			) : (
				<form method="post" action="/account/artist-application" class="account-apply">
					<input type="hidden" name="_csrf" value={csrfToken} />
					{error ? (
						<div class="alert alert-error" role="alert" id="statement-error">
							{error}
						</div>
					) : null}
					<div class="field">
						<label for="statement">{t("account:artist.statementLabel")}</label>
						<textarea
							id="statement"
							name="statement"
							rows={5}
							minlength={20}
							maxlength={2000}
							required
							aria-describedby={error ? "statement-hint statement-error" : "statement-hint"}
							aria-invalid={error ? "true" : undefined}
						>
							{statement ?? ""}
						</textarea>
						<p class="field-hint" id="statement-hint">
							{t("account:artist.statementHint")}
						</p>
					</div>
					<button class="button button-primary" type="submit">
						{t("account:artist.apply")}
					</button>
				</form>
			)}
		</>
	);
}

/**
 * Deactivating and deleting the account: plain forms, each with a confirmation box the browser
 * requires (and the server checks). An artist whose style others used sees why they cannot
 * delete, and only the deactivation form.
 */
function AccountRights({ csrfToken, deletable, rightsError }: Pick<AccountPageProps, "csrfToken" | "deletable" | "rightsError">) {
	const { t } = useI18n();
	return (
		<>
			{rightsError ? (
				<div class="alert alert-error" role="alert">
					{rightsError}
				</div>
			) : null}
			<h3>{t("account:rights.deactivateTitle")}</h3>
			<p class="small">{t("account:rights.deactivateText")}</p>
			<form method="post" action="/account/deactivate" class="account-rights-form">
				<input type="hidden" name="_csrf" value={csrfToken} />
				<label class="checkbox">
					<input type="checkbox" name="confirm" value="yes" required /> {t("account:rights.deactivateConfirm")}
				</label>
				<button class="button button-secondary" type="submit">
					{t("account:rights.deactivate")}
				</button>
			</form>
			<h3>{t("account:rights.deleteTitle")}</h3>
			{deletable ? (
				<>
					<p class="small">{t("account:rights.deleteText")}</p>
					<form method="post" action="/account/delete" class="account-rights-form">
						<input type="hidden" name="_csrf" value={csrfToken} />
						<label class="checkbox">
							<input type="checkbox" name="confirm" value="yes" required /> {t("account:rights.deleteConfirm")}
						</label>
						<button class="button button-danger" type="submit">
							{t("account:rights.delete")}
						</button>
					</form>
				</>
			) : (
				<p class="small" data-error-code="ACCOUNT_NOT_DELETABLE">
					{t("account:rights.notDeletable")}
				</p>
			)}
		</>
	);
}

/** `/account`: who is signed in, the balance, the artist application, deactivating or deleting the account, and signing out. */
export function AccountPage(props: AccountPageProps) {
	const { user, csrfToken, viewer, applied } = props;
	const { t, number } = useI18n();
	return (
		<Layout title={t("account:page.title")} noindex viewer={viewer}>
			<div class="account">
				<h1>{t("account:page.title")}</h1>
				{applied ? (
					<p class="notice" role="status">
						{t("account:page.applied")}
					</p>
				) : null}
				<section class="card account-card" aria-labelledby="account-profile">
					<h2 id="account-profile" class="card-title">
						{t("account:page.profile")}
					</h2>
					<dl class="account-facts">
						<div>
							<dt>{t("account:page.name")}</dt>
							<dd>{user.name}</dd>
						</div>
						<div>
							<dt>{t("account:page.email")}</dt>
							<dd class="break">{user.email}</dd>
						</div>
						<div>
							<dt>{t("account:page.role")}</dt>
							<dd>{user.role === "artist" ? t("account:page.roleArtist") : t("account:page.roleUser")}</dd>
						</div>
						<div>
							<dt>{t("account:page.credits")}</dt>
							<dd>
								<a href="/credits">{t("account:page.creditCount", { count: user.credits, amount: number(user.credits) })}</a>
							</dd>
						</div>
					</dl>
				</section>
				<section class="card account-card" aria-labelledby="account-artist">
					<h2 id="account-artist" class="card-title">
						{t("account:page.becomeArtist")}
					</h2>
					<ArtistSection {...props} />
				</section>
				<section class="card account-card" aria-labelledby="account-rights">
					<h2 id="account-rights" class="card-title">
						{t("account:rights.title")}
					</h2>
					<AccountRights csrfToken={csrfToken} deletable={props.deletable} rightsError={props.rightsError} />
				</section>
				<form method="post" action="/auth/logout" class="account-signout">
					<input type="hidden" name="_csrf" value={csrfToken} />
					<button class="button button-secondary" type="submit">
						{t("account:page.signOut")}
					</button>
				</form>
			</div>
		</Layout>
	);
}

/** Props of {@link SignInErrorPage}. */
export type SignInErrorPageProps = { status: number; code: string; message: string; requestId: string; heading: string };

/** A sign-in that could not finish, in words, with the way out: start again. */
export function SignInErrorPage({ status, code, message, requestId, heading }: SignInErrorPageProps) {
	const { t } = useI18n();
	return (
		<Layout title={heading} noindex noReferrer narrow>
			<section class="card error-card" aria-labelledby="error-title">
				<p class="error-status">{t("account:signIn.errorStatus", { status })}</p>
				<h1 id="error-title">{heading}</h1>
				<p class="lead">{message}</p>
				<div class="error-actions">
					{code === "RATE_LIMITED" ? null : (
						<a class="button button-primary" href="/auth/login">
							{t("account:signIn.signInAgain")}
						</a>
					)}
					<a class="button button-ghost" href="/">
						{t("account:signIn.browse")}
					</a>
				</div>
				<ErrorReference code={code} requestId={requestId} />
			</section>
		</Layout>
	);
}
