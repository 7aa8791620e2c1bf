import type { Child } from "hono/jsx";
import { useI18n } from "../../i18n/context";
import { STORE_NAME } from "../layout";
import { AdminLayout } from "./layout";
import { Slotted } from "./parts";

/** Props of {@link LoginPage}. */
export type LoginPageProps = {
	/** Why the last attempt failed (wrong key, spent link); shown as an alert. */
	error?: string;
	/** The address typed last time, to fill the e-mail field again. */
	email?: string;
};

function AuthShell({ title, children }: { title: string; children?: Child }) {
	const { t } = useI18n();
	return (
		<AdminLayout title={title}>
			<div class="auth">
				<p class="auth-brand">
					<svg class="brand-mark" viewBox="0 0 32 32" width="36" height="36" aria-hidden="true" focusable="false">
						<rect width="32" height="32" rx="8" class="brand-mark-bg" />
						<path d="M10 9h12v3.2h-8.4v2.4h7.2v3.2h-7.2v2.4H22V23H10z" class="brand-mark-fg" />
					</svg>
					<span>{STORE_NAME}</span>
					<span class="brand-tag">{t("admin:layout.adminTag")}</span>
				</p>
				<div class="card auth-card">{children}</div>
				<p class="auth-foot muted small">
					<a href="/">{t("admin:login.backToStore")}</a>
				</p>
			</div>
		</AdminLayout>
	);
}

/**
 * The sign-in page: the admin API key, or a one-time link mailed to an admin address. Both
 * forms post without a session, so they are guarded by an Origin check instead of a token.
 */
export function LoginPage({ error, email }: LoginPageProps) {
	const { t } = useI18n();
	return (
		<AuthShell title={t("admin:login.title")}>
			<h1 class="auth-title">{t("admin:login.heading")}</h1>
			{error ? (
				<div class="alert alert-error" role="alert">
					{error}
				</div>
			) : null}
			<form method="post" action="/admin/login" class="form-stack">
				<div class="field">
					<label for="admin-key">{t("admin:login.keyLabel")}</label>
					<input
						id="admin-key"
						name="key"
						type="password"
						required
						autocomplete="current-password"
						spellcheck={false}
						aria-describedby="admin-key-hint"
						maxlength={500}
					/>
					<p class="hint" id="admin-key-hint">
						<Slotted message={(slot) => t("admin:login.keyHint", { slot })} slot={<code>ADMIN_API_KEY</code>} />
					</p>
				</div>
				<button class="btn btn-primary btn-block" type="submit">
					{t("admin:login.submit")}
				</button>
			</form>
			<p class="divider">
				<span>{t("admin:login.or")}</span>
			</p>
			<form method="post" action="/admin/login/magic" class="form-stack">
				<div class="field">
					<label for="admin-email">{t("admin:login.emailLabel")}</label>
					<input
						id="admin-email"
						name="email"
						type="email"
						required
						autocomplete="email"
						inputmode="email"
						maxlength={254}
						value={email}
						aria-describedby="admin-email-hint"
					/>
					<p class="hint" id="admin-email-hint">
						{t("admin:login.emailHint")}
					</p>
				</div>
				<button class="btn btn-secondary btn-block" type="submit">
					{t("admin:login.emailSubmit")}
				</button>
			</form>
		</AuthShell>
	);
}

/** The answer to every sign-in link request, whether or not the address is an admin's (no account enumeration). */
export function CheckInboxPage({ email }: { email: string }) {
	const { t } = useI18n();
	return (
		<AuthShell title={t("admin:login.inboxTitle")}>
			<div class="auth-done">
				<svg class="auth-icon" viewBox="0 0 48 48" width="48" height="48" aria-hidden="true" focusable="false">
					<rect x="6" y="11" width="36" height="26" rx="5" fill="none" stroke="currentColor" stroke-width="2.5" />
					<path d="m8 14 16 12 16-12" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linejoin="round" />
				</svg>
				<h1 class="auth-title">{t("admin:login.inboxTitle")}</h1>
				<p>
					<Slotted message={(slot) => t("admin:login.inbox", { slot })} slot={<strong>{email}</strong>} />
				</p>
				<p>
					<a class="btn btn-secondary" href="/admin/login">
						{t("admin:login.backToSignIn")}
					</a>
				</p>
			</div>
		</AuthShell>
	);
}

/**
 * Where a mailed sign-in link lands. Opening the link signs nobody in (mail scanners fetch links
 * before people do); the button posts the token, which spends the link and starts the session.
 */
export function ConfirmSignInPage({ email, token }: { email: string; token: string }) {
	const { t } = useI18n();
	return (
		<AuthShell title={t("admin:login.confirmTitle")}>
			<div class="auth-done">
				<h1 class="auth-title">{t("admin:login.confirmHeading", { store: STORE_NAME })}</h1>
				<p>
					<Slotted message={(slot) => t("admin:login.signingInAs", { slot })} slot={<strong>{email}</strong>} />
				</p>
				<form method="post" action="/admin/login/magic/confirm">
					<input type="hidden" name="token" value={token} />
					<button class="btn btn-primary btn-block" type="submit">
						{t("admin:login.submit")}
					</button>
				</form>
			</div>
		</AuthShell>
	);
}
