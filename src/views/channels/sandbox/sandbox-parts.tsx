import { useI18n } from "../../../i18n/context";

/** The hidden CSRF field of the sandbox's forms (the signed-in user's or admin's session token). */
export function SandboxCsrf({ token }: { token: string }) {
	return <input type="hidden" name="_csrf" value={token} />;
}

/** The line that says this is the built-in sandbox, not an outside platform. */
export function SandboxBanner() {
	const { t } = useI18n();
	return (
		<p class="notice" data-sandbox>
			<strong>{t("channels:connect.sandbox.badge")}</strong> · {t("channels:connect.sandbox.explain")}
		</p>
	);
}

/** The sandbox's "expire my tokens now" control: the next call of the app is refused and it refreshes by itself. */
export function ExpireTokensForm({ account, back, csrfToken }: { account: string; back: "shop" | "channel"; csrfToken: string }) {
	const { t } = useI18n();
	return (
		<section aria-labelledby="sandbox-expire-title" class="usage-section">
			<h2 id="sandbox-expire-title" class="section-title">
				{t("channels:connect.sandbox.expire.title")}
			</h2>
			<p class="muted">{t("channels:connect.sandbox.expire.explain")}</p>
			<form method="post" action={`/sandbox/accounts/${encodeURIComponent(account)}/expire-tokens`}>
				<SandboxCsrf token={csrfToken} />
				<input type="hidden" name="back" value={back} />
				<button type="submit" class="button button-secondary" data-expire-tokens={account}>
					{t("channels:connect.sandbox.expire.button")}
				</button>
			</form>
		</section>
	);
}

/** A banner after a sandbox action (the words come from the caller). */
export function SandboxNotice({ text, tone }: { text: string | null; tone: "success" | "info" }) {
	if (text === null) return null;
	return (
		<p class={tone === "success" ? "status-panel status-success" : "notice"} role="status" data-notice>
			{text}
		</p>
	);
}
