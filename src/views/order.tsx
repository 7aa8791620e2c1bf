import type { Viewer } from "../accounts/viewer";
import { formatBytes, formatDate, formatDateTime, formatPrice } from "../lib/format";
import type { GrantStatus, OrderStatus } from "../shared/commerce";
import { Layout } from "./layout";

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

/** Each order status in words: a badge label, its tone, and what it means for the buyer. */
const ORDER_STATUS: Record<OrderStatus, { label: string; tone: string; detail: string }> = {
	PENDING: {
		label: "Pending",
		tone: "info",
		detail: "Waiting for payment confirmation… This usually takes a few seconds.",
	},
	PAID: { label: "Paid", tone: "success", detail: "Payment received. Your downloads are ready." },
	FULFILLED: { label: "Complete", tone: "success", detail: "Payment received. Your downloads are ready." },
	CANCELED: { label: "Canceled", tone: "neutral", detail: "This order was canceled before payment. You have not been charged." },
	EXPIRED: {
		label: "Expired",
		tone: "neutral",
		detail: "The checkout session expired before payment was completed. You have not been charged.",
	},
	REFUNDED: { label: "Refunded", tone: "warning", detail: "This order was refunded, so its downloads are no longer available." },
	DISPUTED: {
		label: "Disputed",
		tone: "danger",
		detail: "Access is suspended while a payment dispute is open. It is restored if the dispute is resolved in the store's favour.",
	},
};

const GRANT_STATUS_LABEL: Record<GrantStatus, string> = {
	ACTIVE: "Active",
	EXHAUSTED: "Limit reached",
	EXPIRED: "Expired",
	REVOKED: "Revoked",
	SUSPENDED: "Suspended",
};

/** Why an item cannot be downloaded, in words, or `null` when it can. */
function blockedReason(status: OrderStatus, item: OrderPageItem): string | null {
	const grant = item.grant;
	if (grant === null) {
		if (status === "PENDING") return "Available as soon as your payment is confirmed.";
		if (status === "PAID" || status === "FULFILLED") return "Preparing your download… Refresh this page in a moment.";
		return "Not available for this order.";
	}
	switch (grant.status) {
		case "EXHAUSTED":
			return `All ${grant.max_downloads} downloads have been used.`;
		case "REVOKED":
			return "Access was revoked because this item was refunded.";
		case "SUSPENDED":
			return "Access is suspended while a payment dispute is open.";
		case "EXPIRED":
			return grant.expires_at ? `Download access ended on ${formatDate(grant.expires_at)}.` : "Download access has ended.";
		case "ACTIVE":
			return item.download_url ? null : "Use “Get fresh download links” below to download this file.";
	}
}

/** One order line: what it is, how many downloads are left, and its download button or why there is none. */
function OrderItem({ item, status }: { item: OrderPageItem; status: OrderStatus }) {
	const grant = item.grant;
	const reason = blockedReason(status, item);
	const left = grant ? Math.max(0, grant.max_downloads - grant.downloads_used) : 0;
	return (
		<li class="order-item card">
			<div class="order-item-head">
				<div class="file-icon" aria-hidden="true">
					ZIP
				</div>
				<div class="order-item-info">
					<h3 class="order-item-title">{item.title}</h3>
					<p class="small muted">
						Version {item.version} · {item.file_name} · {formatBytes(item.size)}
					</p>
				</div>
				{grant ? <span class={`badge badge-${grant.status === "ACTIVE" ? "success" : "neutral"}`}>{GRANT_STATUS_LABEL[grant.status]}</span> : null}
			</div>
			{grant ? (
				<dl class="grant-facts">
					<div>
						<dt>Downloads left</dt>
						<dd>
							{left} of {grant.max_downloads} downloads left
						</dd>
					</div>
					<div>
						<dt>Access</dt>
						<dd>{grant.expires_at ? `Until ${formatDateTime(grant.expires_at)}` : "No expiry"}</dd>
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
						Download {item.file_name} ({formatBytes(item.size)})
					</button>
					<p class="small muted">Each click starts one download; resuming an interrupted download doesn't use another.</p>
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
	const state = ORDER_STATUS[order.status];
	const pending = order.status === "PENDING";
	const ready = order.status === "PAID" || order.status === "FULFILLED";
	const heading = thankYou ? (pending ? "Thanks! We're confirming your payment" : ready ? "Thank you for your order!" : "Your order") : "Your order";
	return (
		<Layout
			title={thankYou ? "Thank you" : `Order ${order.id}`}
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
								<title>Paid</title>
								<path d="m5 12.5 4.5 4.5L19 7.5" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round" />
							</svg>
						</div>
					) : null}
					<h1>{heading}</h1>
					<div class={`status-panel status-${state.tone}`} role="status">
						<span class={`badge badge-${state.tone}`}>
							{pending ? <span class="spinner" aria-hidden="true" /> : null}
							{state.label}
						</span>
						<p>{state.detail}</p>
					</div>
					{pending && refreshSeconds ? (
						<p class="small muted">
							This page checks again by itself in {refreshSeconds} seconds. <a href={orderUrl}>Refresh now</a>
						</p>
					) : null}
					{ready ? <p class="muted">A receipt and your download links were sent to {order.email}.</p> : null}
				</header>

				<section aria-labelledby="items-title" class="order-items">
					<h2 id="items-title" class="section-title">
						{ready ? "Your downloads" : "Items"}
					</h2>
					<ul class="stack">
						{order.items.map((item) => (
							<OrderItem item={item} status={order.status} />
						))}
					</ul>
					{ready ? (
						<form method="post" action={linksAction} class="links-form">
							<button type="submit" class="button button-secondary">
								Get fresh download links
							</button>
							<span class="small muted">Download links expire after a while; get new ones here at any time while your access lasts.</span>
						</form>
					) : null}
				</section>

				<aside class="order-aside" aria-labelledby="summary-title">
					<div class="card summary-card">
						<h2 id="summary-title" class="card-title">
							Order summary
						</h2>
						<dl class="summary-list">
							<div>
								<dt>Order</dt>
								<dd class="mono">{order.id}</dd>
							</div>
							<div>
								<dt>Email</dt>
								<dd class="break">{order.email}</dd>
							</div>
							<div>
								<dt>Placed</dt>
								<dd>{formatDateTime(order.created_at)}</dd>
							</div>
							{order.paid_at ? (
								<div>
									<dt>Paid</dt>
									<dd>{formatDateTime(order.paid_at)}</dd>
								</div>
							) : null}
							<div class="summary-total">
								<dt>Total</dt>
								<dd>{formatPrice(order.amount_cents, order.currency)}</dd>
							</div>
						</dl>
					</div>
					<div class="card bookmark-card">
						<h2 class="card-title">Keep this page</h2>
						<p class="small">
							Bookmark this page:{" "}
							<a href={orderUrl} class="bookmark-url mono break">
								{orderUrl}
							</a>
						</p>
						<p class="small muted">The link contains your private order key: anyone who has it can download your files, so don't share it.</p>
					</div>
				</aside>
			</div>
		</Layout>
	);
}
