/** Escapes text for HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
	return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");
}

/** What the sign-in page shows and posts back. */
export type SignInPageProps = {
	/** The authorization request's parameters, posted back unchanged as hidden fields. */
	params: Record<string, string>;
	email: string;
	name: string;
	/** Where the code goes, shown so the developer sees which app asked. */
	redirectUri: string;
};

/**
 * The development issuer's only page: who signs in (any e-mail works, no password), posted to
 * `POST /authorize`. Self-contained (inline styles), since it is served by the issuer, not the store.
 */
export function signInPage({ params, email, name, redirectUri }: SignInPageProps): string {
	const hidden = Object.entries(params)
		.filter(([key]) => key !== "login_hint" && key !== "name" && key !== "auto")
		.map(([key, value]) => `<input type="hidden" name="${escapeHtml(key)}" value="${escapeHtml(value)}">`)
		.join("\n\t\t\t");
	return `<!doctype html>
<html lang="en">
<head>
	<meta charset="utf-8">
	<meta name="viewport" content="width=device-width, initial-scale=1">
	<meta name="robots" content="noindex">
	<meta name="color-scheme" content="light dark">
	<title>Sign in to Edge Factory (development issuer)</title>
	<style>
		body { font: 16px/1.5 system-ui, sans-serif; margin: 0; min-height: 100vh; display: grid; place-items: center; background: Canvas; color: CanvasText; }
		main { width: min(420px, 100% - 32px); padding: 28px; border: 1px solid color-mix(in srgb, CanvasText 15%, transparent); border-radius: 14px; }
		h1 { font-size: 1.35rem; margin: 0 0 8px; }
		p { margin: 0 0 16px; color: color-mix(in srgb, CanvasText 70%, transparent); font-size: 0.95rem; }
		label { display: block; font-weight: 600; margin: 0 0 6px; }
		input[type="email"], input[type="text"] { display: block; width: 100%; box-sizing: border-box; min-height: 44px; padding: 8px 12px; margin: 0 0 16px; font: inherit; border-radius: 8px; border: 1px solid color-mix(in srgb, CanvasText 40%, transparent); }
		button { min-height: 44px; width: 100%; font: inherit; font-weight: 650; border: 0; border-radius: 8px; background: #4a2fdc; color: #fff; cursor: pointer; }
		button:focus-visible, input:focus-visible { outline: 3px solid #2f6feb; outline-offset: 2px; }
		code { overflow-wrap: anywhere; }
	</style>
</head>
<body>
	<main>
		<h1>Sign in to Edge Factory (development issuer)</h1>
		<p>A local stand-in for Google: no password, any address. The app at <code>${escapeHtml(redirectUri)}</code> gets an ID token for the person below.</p>
		<form method="post" action="/authorize">
			${hidden}
			<label for="email">Email</label>
			<input id="email" name="email" type="email" required maxlength="254" autocomplete="email" value="${escapeHtml(email)}">
			<label for="name">Name</label>
			<input id="name" name="name" type="text" required maxlength="100" autocomplete="name" value="${escapeHtml(name)}">
			<button type="submit">Continue</button>
		</form>
	</main>
</body>
</html>
`;
}

/** A plain error page: the request is not redirected back, because its redirect_uri may not be trusted. */
export function errorPage(message: string): string {
	return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign-in error (development issuer)</title></head>
<body><h1>Sign-in error</h1><p>${escapeHtml(message)}</p></body>
</html>
`;
}
