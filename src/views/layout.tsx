import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { Viewer } from "../accounts/viewer";
import { useI18n } from "../i18n/context";
import { COMMON_TIME_ZONES } from "../i18n/time-zones";
import { LOCALES } from "../shared/locale";

/** The store's name, shown in the header, the footer and every page title. */
export const STORE_NAME = "Edge Factory";

/** Props of {@link Layout}. */
export type LayoutProps = {
	/** Page title; the store name is appended. */
	title: string;
	/** Meta description for search engines and link previews. */
	description?: string;
	children?: Child;
	/** Keep the page out of search engines (orders, downloads, errors). */
	noindex?: boolean;
	/** The URL carries a secret (order key, download token): never leak it in a Referer header. */
	noReferrer?: boolean;
	/** Reload the page after N seconds without JavaScript (a pending order waiting for its payment). */
	refreshSeconds?: number;
	/** Where that reload goes (the same page with its back-off counter moved on); absent: this URL. */
	refreshUrl?: string;
	/** Narrow, centred main column for single-task pages (checkout, download, errors). */
	narrow?: boolean;
	/**
	 * Who is looking (`c.var.viewer`, set by `loadViewer` from src/accounts/viewer.ts): the header
	 * then shows the signed-in user, or a "Sign in" link back to this page. Without it, the
	 * signed-out header with a plain "Sign in" link.
	 */
	viewer?: Viewer | null;
};

/** Logo mark: a small inline SVG, so the header costs no extra request. */
function LogoMark() {
	return (
		<svg class="brand-mark" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
			<rect width="32" height="32" rx="8" class="brand-mark-bg" />
			<path d="M10 9h12v3.2h-8.4v2.4h7.2v3.2h-7.2v2.4H22V23H10z" class="brand-mark-fg" />
		</svg>
	);
}

function BellIcon() {
	return (
		<svg class="icon" viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
			<path
				d="M10 3a4.5 4.5 0 0 0-4.5 4.5v2.8L4 13.5h12l-1.5-3.2V7.5A4.5 4.5 0 0 0 10 3zM8.2 15.5a1.9 1.9 0 0 0 3.6 0"
				fill="none"
				stroke="currentColor"
				stroke-width="1.6"
				stroke-linejoin="round"
				stroke-linecap="round"
			/>
		</svg>
	);
}

/** The header's account part: the signed-in user's links, balance and unread count, or "Sign in". */
function AccountNav({ viewer }: { viewer?: Viewer | null }) {
	const { t, number } = useI18n();
	const user = viewer?.user;
	if (!user) {
		const href = viewer && viewer.path !== "/" ? `/auth/login?return_to=${encodeURIComponent(viewer.path)}` : "/auth/login";
		return (
			<li>
				<a class="nav-signin" href={href}>
					{t("nav.signIn")}
				</a>
			</li>
		);
	}
	const unread = user.unreadNotifications;
	return (
		<>
			<li>
				<a class="nav-video" href="/video">
					{t("video:projects.headerLink")}
				</a>
			</li>
			<li>
				<a href="/me">{t("nav.myPage")}</a>
			</li>
			<li>
				<a class="nav-credits" href="/credits" title={t("nav.creditsTitle")}>
					{number(user.credits)} <span class="nav-credits-unit">{t("nav.credits")}</span>
				</a>
			</li>
			<li>
				<a class="nav-notifications" href="/notifications" aria-label={unread > 0 ? t("nav.notificationsUnread", { count: unread }) : t("nav.notifications")}>
					<BellIcon />
					{unread > 0 ? (
						<span class="nav-count" aria-hidden="true">
							{unread > 99 ? "99+" : unread}
						</span>
					) : null}
				</a>
			</li>
			<li>
				<a class="nav-user" href="/account" title={t("nav.signedInAs", { name: user.name })}>
					{user.name}
				</a>
			</li>
		</>
	);
}

/** The page's URL with one more query parameter (the switcher's links keep the rest of the query). */
function withParam(here: string, name: string, value: string): string {
	const url = new URL(here, "http://same-site.invalid");
	url.searchParams.set(name, value);
	return `${url.pathname}${url.search}`;
}

/**
 * The language switcher and the time-zone setting, on every page: a link to the other language
 * (no script needed), and a small GET form for the zone. Both land on this same page; the
 * choice is remembered in a cookie (src/routes/locale.ts).
 */
export function PreferencesSwitcher() {
	const { t, locale, timeZone, here = "/" } = useI18n();
	const zones: readonly string[] = COMMON_TIME_ZONES.includes(timeZone as (typeof COMMON_TIME_ZONES)[number])
		? COMMON_TIME_ZONES
		: [timeZone, ...COMMON_TIME_ZONES];
	const hereUrl = new URL(here, "http://same-site.invalid");
	return (
		<section class="preferences" aria-label={t("preferences.heading")}>
			<ul class="language-switcher">
				{LOCALES.map((code) => (
					<li>
						{code === locale ? (
							<span aria-current="true" lang={code}>
								{t(`languages.${code}`, { lng: code })}
							</span>
						) : (
							<a href={withParam(here, "lang", code)} hreflang={code} lang={code}>
								{t(`languages.${code}`, { lng: code })}
							</a>
						)}
					</li>
				))}
			</ul>
			<form class="time-zone-form" method="get" action={hereUrl.pathname}>
				{[...hereUrl.searchParams].map(([name, value]) => (
					<input type="hidden" name={name} value={value} />
				))}
				<label>
					<span>{t("preferences.timeZone")}</span>{" "}
					<select name="tz">
						{zones.map((zone) => (
							<option value={zone} selected={zone === timeZone}>
								{zone}
							</option>
						))}
					</select>
				</label>{" "}
				<button type="submit" class="button button-small">
					{t("preferences.apply")}
				</button>
			</form>
		</section>
	);
}

/**
 * The full HTML document every storefront page renders into: head (charset, viewport,
 * description, the one stylesheet), a header with the store name linking home and the
 * viewer's account links, the page in a `<main>` landmark, and a footer.
 */
export function Layout({ title, description, children, noindex, noReferrer, refreshSeconds, refreshUrl, narrow, viewer }: LayoutProps) {
	const { t, locale } = useI18n();
	const fullTitle = title === STORE_NAME ? title : `${title} · ${STORE_NAME}`;
	return (
		<>
			{raw("<!doctype html>")}
			<html lang={locale}>
				<head>
					<meta charset="utf-8" />
					<meta name="viewport" content="width=device-width, initial-scale=1" />
					<title>{fullTitle}</title>
					{description ? <meta name="description" content={description} /> : null}
					{noindex ? <meta name="robots" content="noindex, nofollow" /> : null}
					{noReferrer ? <meta name="referrer" content="no-referrer" /> : null}
					{refreshSeconds !== undefined && refreshSeconds > 0 ? (
						<meta http-equiv="refresh" content={refreshUrl ? `${Math.round(refreshSeconds)}; url=${refreshUrl}` : String(Math.round(refreshSeconds))} />
					) : null}
					<meta name="color-scheme" content="light dark" />
					<meta name="theme-color" content="#ffffff" media="(prefers-color-scheme: light)" />
					<meta name="theme-color" content="#0f1115" media="(prefers-color-scheme: dark)" />
					<link rel="icon" href="/favicon.svg" type="image/svg+xml" />
					<link rel="stylesheet" href="/css/store.css" />
				</head>
				<body>
					<a class="skip-link" href="#main">
						{t("skipToContent")}
					</a>
					<header class="site-header">
						<div class="container header-inner">
							<a class="brand" href="/">
								<LogoMark />
								<span>{STORE_NAME}</span>
							</a>
							<nav aria-label={t("nav.main")}>
								<ul class="nav-list">
									<li>
										<a class="nav-feed" href="/feed">
											{t("feed:nav.feed")}
										</a>
									</li>
									<li>
										<a href="/search">{t("feed:nav.search")}</a>
									</li>
									<li>
										<a href="/">{t("nav.browse")}</a>
									</li>
									<li>
										<a href="/styles">{t("nav.styles")}</a>
									</li>
									<AccountNav viewer={viewer} />
								</ul>
							</nav>
						</div>
					</header>
					<main id="main" class={narrow ? "container container-narrow page" : "container page"} tabindex={-1}>
						{children}
					</main>
					<footer class="site-footer">
						<div class="container footer-inner">
							<p>
								<strong>{STORE_NAME}</strong> — {t("footer.tagline")}
							</p>
							<ul class="footer-points">
								<li>{t("footer.secureCheckout")}</li>
								<li>{t("footer.instantDownload")}</li>
								<li>{t("footer.expiringLinks")}</li>
							</ul>
							<nav class="footer-legal" aria-label={t("feed:footer.legal")}>
								<a href="/terms">{t("feed:footer.terms")}</a> · <a href="/privacy">{t("feed:footer.privacy")}</a>
							</nav>
							<PreferencesSwitcher />
						</div>
					</footer>
				</body>
			</html>
		</>
	);
}
