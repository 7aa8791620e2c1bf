import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { useI18n } from "../../i18n/context";
import { STORE_NAME } from "../layout";
import { CsrfField } from "./parts";

/** The dashboard's sections, for the navigation's current page. */
export type AdminSection =
	| "overview"
	| "products"
	| "orders"
	| "downloads"
	| "artists"
	| "portraits"
	| "earnings"
	| "plans"
	| "videos"
	| "channels"
	| "analytics";

/** What the layout needs of the signed-in session. */
export type AdminViewer = { subject: string; csrfToken: string };

/** Props of {@link AdminLayout}. */
export type AdminLayoutProps = {
	/** Page title, already in the reader's language; "Admin · Edge Factory" is appended. */
	title: string;
	/** The section the page belongs to; marked `aria-current` in the navigation. */
	section?: AdminSection;
	/** The signed-in admin; without one (sign-in, errors) the navigation is left out. */
	viewer?: AdminViewer | null;
	/** Loads admin-live.js, which updates pipeline states in place. */
	live?: boolean;
	children?: Child;
};

const NAV: { section: AdminSection; href: string; icon: string }[] = [
	{ section: "overview", href: "/admin", icon: "M3 3h6v6H3zM11 3h6v4h-6zM11 9h6v8h-6zM3 11h6v6H3z" },
	{ section: "products", href: "/admin/products", icon: "M10 2 17 5.5v9L10 18l-7-3.5v-9zM3 5.5 10 9l7-3.5M10 9v9" },
	{ section: "orders", href: "/admin/orders", icon: "M5 2h10v16l-2.5-1.5L10 18l-2.5-1.5L5 18zM8 6h4M8 9.5h4M8 13h2" },
	{ section: "downloads", href: "/admin/downloads", icon: "M10 3v9M6 8.5 10 12.5 14 8.5M4 15.5h12" },
	{ section: "artists", href: "/admin/artists", icon: "M10 3.5a3 3 0 1 1 0 6 3 3 0 0 1 0-6zM4 17c.6-3 3-4.5 6-4.5s5.4 1.5 6 4.5" },
	{ section: "portraits", href: "/admin/portraits", icon: "M4 2.5h12v15H4zM10 6a2.3 2.3 0 1 1 0 4.6A2.3 2.3 0 0 1 10 6zM6.5 15c.5-2 1.8-3 3.5-3s3 1 3.5 3" },
	// The shop's own short videos, to publish as products (src/routes/admin/admin-videos-pages.tsx).
	{ section: "videos", href: "/admin/videos", icon: "M3 4.5h10v11H3zM13 8.5l4-2.5v8l-4-2.5" },
	// Connected shops, per-product pushes and the sync log (src/routes/admin/admin-channels-pages.tsx, admin-sync-pages.tsx).
	{ section: "channels", href: "/admin/channels", icon: "M4 6h12v9H4zM7 6V4h6v2M4 10h12" },
	{ section: "analytics", href: "/admin/analytics", icon: "M3 17h14M5 14V9M9 14V5M13 14v-3M17 14V7" },
	// Users' short-video plans (src/routes/admin/admin-plans-pages.tsx).
	{ section: "plans", href: "/admin/plans", icon: "M4 3h12v14H4zM7 7h6M7 10h6M7 13h3" },
	{
		section: "earnings",
		href: "/admin/earnings",
		icon: "M10 2.5a7.5 7.5 0 1 1 0 15 7.5 7.5 0 0 1 0-15zM12.5 7.2c-.5-.8-1.4-1.2-2.5-1.2-1.5 0-2.5.8-2.5 1.9 0 2.6 5 1.4 5 4.1 0 1.1-1 2-2.5 2-1.2 0-2.1-.5-2.6-1.3M10 4.5V6M10 14v1.5",
	},
];

/**
 * A link to this same page in the other language (`?lang=` is remembered in a cookie by
 * src/routes/locale.ts), worded in that language so a reader who cannot read this one finds it.
 */
function LanguageLink({ class: className }: { class: string }) {
	const { t, locale, here = "/admin" } = useI18n();
	const other = locale === "ko" ? "en" : "ko";
	const url = new URL(here, "http://same-site.invalid");
	url.searchParams.set("lang", other);
	return (
		<a class={className} href={`${url.pathname}${url.search}`} hreflang={other} lang={other}>
			{t("preferences.switchTo")}
		</a>
	);
}

/** The brand mark, the storefront's logo in the dashboard's colours. */
function LogoMark() {
	return (
		<svg class="brand-mark" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
			<rect width="32" height="32" rx="8" class="brand-mark-bg" />
			<path d="M10 9h12v3.2h-8.4v2.4h7.2v3.2h-7.2v2.4H22V23H10z" class="brand-mark-fg" />
		</svg>
	);
}

function NavIcon({ d }: { d: string }) {
	return (
		<svg class="nav-icon" viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
			<path d={d} fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round" stroke-linecap="round" />
		</svg>
	);
}

/**
 * The dashboard's HTML document: a skip link, a sidebar (a top bar on phones) with the
 * navigation and the sign-out form, and the page in `<main>`. Admin pages are never indexed
 * and never leak their URLs in a Referer.
 */
export function AdminLayout({ title, section, viewer, live, children }: AdminLayoutProps) {
	const { t, locale } = useI18n();
	return (
		<>
			{raw("<!doctype html>")}
			<html lang={locale}>
				<head>
					<meta charset="utf-8" />
					<meta name="viewport" content="width=device-width, initial-scale=1" />
					<title>{t("admin:layout.titleSuffix", { title, store: STORE_NAME })}</title>
					<meta name="robots" content="noindex, nofollow" />
					<meta name="referrer" content="same-origin" />
					<meta name="color-scheme" content="light dark" />
					<link rel="icon" href="/favicon.svg" type="image/svg+xml" />
					<link rel="stylesheet" href="/css/admin.css" />
					{live ? <script src="/js/admin-live.js" defer /> : null}
				</head>
				<body class={viewer ? "admin" : "admin admin-bare"}>
					<a class="skip-link" href="#main">
						{t("skipToContent")}
					</a>
					{viewer ? (
						<header class="sidebar">
							<a class="brand" href="/admin">
								<LogoMark />
								<span class="brand-name">{STORE_NAME}</span>
								<span class="brand-tag">{t("admin:layout.adminTag")}</span>
							</a>
							<nav class="nav" aria-label={t("admin:layout.navLabel")}>
								<ul>
									{NAV.map((item) => (
										<li>
											<a class="nav-link" href={item.href} aria-current={item.section === section ? "page" : undefined}>
												<NavIcon d={item.icon} />
												{t(`admin:nav.${item.section}`)}
											</a>
										</li>
									))}
								</ul>
							</nav>
							<div class="sidebar-foot">
								<p class="viewer">
									<span class="muted">{t("admin:layout.signedInAs")}</span>{" "}
									<span class="viewer-name">{viewer.subject === "api-key" ? t("admin:layout.apiKeyHolder") : viewer.subject}</span>
								</p>
								<div class="sidebar-actions">
									<LanguageLink class="btn btn-ghost btn-sm" />
									<a class="btn btn-ghost btn-sm" href="/">
										{t("admin:layout.storefront")}
									</a>
									<form method="post" action="/admin/logout">
										<CsrfField token={viewer.csrfToken} />
										<button class="btn btn-secondary btn-sm" type="submit">
											{t("admin:layout.signOut")}
										</button>
									</form>
								</div>
							</div>
						</header>
					) : null}
					<main id="main" class="main" tabindex={-1}>
						{children}
						{viewer ? null : (
							<p class="auth-foot muted small">
								<LanguageLink class="lang-link" />
							</p>
						)}
						{/* The storefront's legal pages, linked from every page of the site, the dashboard's included. */}
						<nav class="footer-legal muted small" aria-label={t("feed:footer.legal")}>
							<a href="/terms">{t("feed:footer.terms")}</a> · <a href="/privacy">{t("feed:footer.privacy")}</a>
						</nav>
					</main>
					{/* Announces live status changes (admin-live.js); empty and silent otherwise. */}
					{live ? <div id="live-announcer" class="visually-hidden" aria-live="polite" aria-atomic="true" /> : null}
				</body>
			</html>
		</>
	);
}
