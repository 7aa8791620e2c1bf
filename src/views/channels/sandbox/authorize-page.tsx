import type { Viewer } from "../../../accounts/viewer";
import { useI18n } from "../../../i18n/context";
import { Layout } from "../../layout";
import { SandboxBanner, SandboxCsrf } from "./sandbox-parts";

/** The authorization request as the sandbox received it (already checked), carried through the consent form. */
export type SandboxAuthorizeRequest = {
	client_id: string;
	redirect_uri: string;
	state: string;
	code_challenge: string;
	scope: string;
};

const KNOWN_SCOPES = ["sandbox.shop", "sandbox.video"] as const;

/**
 * The sandbox provider's consent page (`/sandbox/authorize`): what the app asks for, a name for
 * the new sandbox account (or an existing account's id), Approve or Deny. The request's fields
 * travel in hidden fields and are checked again on submit.
 */
export function SandboxAuthorizePage({
	viewer,
	csrfToken,
	request,
	error,
}: {
	viewer?: Viewer | null;
	csrfToken: string;
	request: SandboxAuthorizeRequest;
	error?: string | null;
}) {
	const { t } = useI18n();
	const asked = request.scope.split(/\s+/).filter((scope): scope is (typeof KNOWN_SCOPES)[number] => (KNOWN_SCOPES as readonly string[]).includes(scope));
	return (
		<Layout title={t("channels:connect.sandbox.authorize.title")} viewer={viewer} noindex noReferrer narrow>
			<h1>{t("channels:connect.sandbox.authorize.title")}</h1>
			<SandboxBanner />
			<p>{t("channels:connect.sandbox.authorize.asks", { client: request.client_id })}</p>
			<ul data-scopes>
				{(asked.length > 0 ? asked : KNOWN_SCOPES).map((scope) => (
					<li data-scope={scope}>{t(`channels:connect.sandbox.authorize.scopes.${scope}`)}</li>
				))}
			</ul>
			<p class="muted">{t("channels:connect.sandbox.authorize.redirect", { uri: request.redirect_uri })}</p>
			{error ? (
				<p class="alert alert-error" role="alert">
					{error}
				</p>
			) : null}
			<form method="post" action="/sandbox/authorize" class="stack-form">
				<SandboxCsrf token={csrfToken} />
				<input type="hidden" name="response_type" value="code" />
				<input type="hidden" name="code_challenge_method" value="S256" />
				{(["client_id", "redirect_uri", "state", "code_challenge", "scope"] as const).map((name) => (
					<input type="hidden" name={name} value={request[name]} />
				))}
				<label for="sandbox-account-name">{t("channels:connect.sandbox.authorize.accountName")}</label>
				<input id="sandbox-account-name" name="account_name" maxlength={80} aria-describedby="sandbox-account-name-hint" />
				<p class="hint" id="sandbox-account-name-hint">
					{t("channels:connect.sandbox.authorize.accountNameHint")}
				</p>
				<label for="sandbox-account">{t("channels:connect.sandbox.authorize.existing")}</label>
				<input id="sandbox-account" name="account" maxlength={64} autocomplete="off" />
				<div class="form-actions">
					<button type="submit" name="decision" value="approve" class="button button-primary" data-approve>
						{t("channels:connect.sandbox.authorize.approve")}
					</button>
					<button type="submit" name="decision" value="deny" class="button button-secondary" data-deny>
						{t("channels:connect.sandbox.authorize.deny")}
					</button>
				</div>
			</form>
		</Layout>
	);
}
