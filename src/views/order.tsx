import type { Viewer } from "../accounts/viewer";
import { useI18n } from "../i18n/context";
import type { I18n } from "../i18n/i18n";
import type { GrantStatus, OrderStatus } from "../shared/commerce";
import { Layout } from "./layout";
import { ORDER_TONES } from "./order-tones";

/** The right to download one order item, as the buyer sees it. */
export type OrderItemGrant = {
	max_downloads: number;
	downloads_used: number;
	/** When the right to download ends; `null`: it does not. */
	expires_at: string | null;
	status: GrantStatus;
};

/** One line of an order. */
export type OrderPageItem = {
	title: string;
	version: number | string;
	/** `null` until the order is paid and fulfilled. */
	grant: OrderItemGrant | null;
	/** Where the download button posts (a freshly minted link); `null` when there is nothing to download. */
	download_url: string | null;
	file_name: string;
	/** File size in bytes. */
	size: number;
};

/** An order as the buyer sees it. */
export type OrderPageOrder = {
	id: string;
	status: OrderStatus;
	email: string;
	created_at: string;
	paid_at: string | null;
	amount_cents: number;
	currency: string;
	items: OrderPageItem[];
};

/** Props of {@link OrderPage}. */
export type OrderPageProps = {
	order: OrderPageOrder;
	/** Right after checkout: greet the buyer. */
	thankYou: boolean;
	/** The order page's own URL, with its secret key: the buyer should bookmark it. */
	orderUrl: string;
	/** While the order is PENDING, reload the page after N seconds (no JavaScript needed), at `refreshUrl`. */
	refreshSeconds?: number;
	/** The reload's URL: this page with its back-off counter moved on (src/lib/poll-backoff.ts). */
	refreshUrl?: string;
	/** Where "Get fresh download links" posts. */
	linksAction: string;
	/** The signed-in user for the header (`c.var.viewer`); absent = the signed-out header. */
	viewer?: Viewer | null;
};

/** Why an item cannot be downloaded, in the reader's words, or `null` when it can. */
function blockedReason(i18n: I18n, status: OrderStatus, item: OrderPageItem): string | null {
	const { t, date } = i18n;
	const grant = item.grant;
	if (grant === null) {
		if (status === "PENDING") return t("storefront:order.blocked.pending");
		if (status === "PAID" || status === "FULFILLED") return t("storefront:order.blocked.preparing");
		return t("storefront:order.blocked.unavailable");
	}
	switch (grant.status) {
		case "EXHAUSTED":
			return t("storefront:order.blocked.exhausted", { count: grant.max_downloads });
		case "REVOKED":
			return t("storefront:order.blocked.revoked");
		case "SUSPENDED":
			return t("storefront:order.blocked.suspended");
		case "EXPIRED":
			return grant.expires_at ? t("storefront:order.blocked.expiredOn", { date: date(grant.expires_at) }) : t("storefront:order.blocked.expired");
		case "ACTIVE":
			return item.download_url ? null : t("storefront:order.blocked.freshLinks");
	}
}

/** One order line: what it is, how many downloads are left, and its download button or why there is none. */
function OrderItem({ item, status }: { item: OrderPageItem; status: OrderStatus }) {
	const i18n = useI18n();
	const { t, bytes, dateTime } = i18n;
	const grant = item.grant;
	const reason = blockedReason(i18n, status, item);
	const left = grant ? Math.max(0, grant.max_downloads - grant.downloads_used) : 0;
	return (
		<li class="order-item card">
			<div class="order-item-head">
				<div class="file-icon" aria-hidden="true">
					ZIP
				</div>
				<div class="order-item-info">
					<h3 class="order-item-title">{item.title}</h3>
					<p class="small muted">{t("storefront:order.itemMeta", { version: item.version, file: item.file_name, size: bytes(item.size) })}</p>
				</div>
				{grant ? <span class={`badge badge-${grant.status === "ACTIVE" ? "success" : "neutral"}`}>{t(`storefront:order.grant.${grant.status}`)}</span> : null}
			</div>
			{grant ? (
				<dl class="grant-facts">
					<div>
						<dt>{t("storefront:order.downloadsLeft")}</dt>
						<dd>{t("storefront:order.leftOf", { left, max: grant.max_downloads })}</dd>
					</div>
					<div>
						<dt>{t("storefront:order.access")}</dt>
						<dd>{grant.expires_at ? t("storefront:order.until", { date: dateTime(grant.expires_at) }) : t("storefront:order.noExpiry")}</dd>
					</div>
				</dl>
			) : null}
			{grant && grant.status === "ACTIVE" ? (
				<div class="meter" aria-hidden="true">
					<span class={`meter-fill meter-${Math.round((left / Math.max(1, grant.max_downloads)) * 10)}`} />
				</div>
			) : null}
			{item.download_url && reason === null ? (
				<form method="post" action={item.download_url} class="download-form">
					<button type="submit" class="button button-primary">
						<DownloadIcon />
						{t("storefront:order.download", { file: item.file_name, size: bytes(item.size) })}
					</button>
					<p class="small muted">{t("storefront:order.downloadNote")}</p>
				</form>
			) : (
				<p class="notice">{reason}</p>
			)}
		</li>
	);
}

/** Arrow-into-tray icon for download buttons. */
export function DownloadIcon() {
	return (
		<svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false" class="icon">
			<path
				d="M10 3v9m0 0-3.5-3.5M10 12l3.5-3.5M4 14v2h12v-2"
				fill="none"
				stroke="currentColor"
				stroke-width="2"
				stroke-linecap="round"
				stroke-linejoin="round"
			/>
		</svg>
	);
}

/**
 * The thank-you page (right after checkout) and the order page (reachable later with the order
 * key): the order's state in words, a download button per item, and a way to mint fresh links.
 */
export function OrderPage({ order, thankYou, orderUrl, refreshSeconds, refreshUrl, linksAction, viewer }: OrderPageProps) {
	const { t, money, dateTime } = useI18n();
	const tone = ORDER_TONES[order.status];
	const pending = order.status === "PENDING";
	const ready = order.status === "PAID" || order.status === "FULFILLED";
	const heading = thankYou
		? pending
			? t("storefront:order.headingConfirming")
			: ready
				? t("storefront:order.headingThanks")
				: t("storefront:order.headingOrder")
		: t("storefront:order.headingOrder");
	return (
		<Layout
			title={thankYou ? t("storefront:order.titleThanks") : t("storefront:order.titleOrder", { id: order.id })}
			noindex
			noReferrer
			refreshSeconds={pending ? refreshSeconds : undefined}
			refreshUrl={refreshUrl}
			viewer={viewer}
		>
			<div class="order-layout">
				<header class="order-head">
					{thankYou && ready ? (
						<div class="success-mark" aria-hidden="true">
							<svg viewBox="0 0 24 24" width="28" height="28" focusable="false">
								<title>{t("storefront:order.paidIcon")}</title>
								<path d="m5 12.5 4.5 4.5L19 7.5" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round" />
							</svg>
						</div>
					) : null}
					<h1>{heading}</h1>
					<div class={`status-panel status-${tone}`} role="status">
						<span class={`badge badge-${tone}`}>
							{pending ? <span class="spinner" aria-hidden="true" /> : null}
							{t(`storefront:order.status.${order.status}`)}
						</span>
						<p>{t(`storefront:order.detail.${order.status}`)}</p>
					</div>
					{pending && refreshSeconds ? (
						<p class="small muted">
							{t("storefront:order.checksAgain", { count: refreshSeconds })} <a href={orderUrl}>{t("storefront:order.refreshNow")}</a>
						</p>
					) : null}
					{ready ? <p class="muted">{t("storefront:order.sentTo", { email: order.email })}</p> : null}
				</header>

				<section aria-labelledby="items-title" class="order-items">
					<h2 id="items-title" class="section-title">
						{ready ? t("storefront:order.yourDownloads") : t("storefront:order.items")}
					</h2>
					<ul class="stack">
						{order.items.map((item) => (
							<OrderItem item={item} status={order.status} />
						))}
					</ul>
					{ready ? (
						<form method="post" action={linksAction} class="links-form">
							<button type="submit" class="button button-secondary">
								{t("storefront:order.freshLinks")}
							</button>
							<span class="small muted">{t("storefront:order.freshLinksNote")}</span>
						</form>
					) : null}
				</section>

				<aside class="order-aside" aria-labelledby="summary-title">
					<div class="card summary-card">
						<h2 id="summary-title" class="card-title">
							{t("storefront:order.summary")}
						</h2>
						<dl class="summary-list">
							<div>
								<dt>{t("storefront:order.order")}</dt>
								<dd class="mono">{order.id}</dd>
							</div>
							<div>
								<dt>{t("storefront:order.email")}</dt>
								<dd class="break">{order.email}</dd>
							</div>
							<div>
								<dt>{t("storefront:order.placed")}</dt>
								<dd>{dateTime(order.created_at)}</dd>
							</div>
							{order.paid_at ? (
								<div>
									<dt>{t("storefront:order.paid")}</dt>
									<dd>{dateTime(order.paid_at)}</dd>
								</div>
							) : null}
							<div class="summary-total">
								<dt>{t("storefront:order.total")}</dt>
								<dd>{money(order.amount_cents, order.currency)}</dd>
							</div>
						</dl>
					</div>
					<div class="card bookmark-card">
						<h2 class="card-title">{t("storefront:order.keepTitle")}</h2>
						<p class="small">
							{t("storefront:order.bookmark")}{" "}
							<a href={orderUrl} class="bookmark-url mono break">
								{orderUrl}
							</a>
						</p>
						<p class="small muted">{t("storefront:order.keepNote")}</p>
					</div>
				</aside>
			</div>
		</Layout>
	);
}
