import type { Child } from "hono/jsx";
import type { GrantStatus, OrderStatus } from "../../shared/commerce";
import type { ProductStatus } from "../../shared/product";

/** Badge colours of the dashboard (`.tone-*` in public/css/admin.css). */
export type Tone = "success" | "warning" | "danger" | "info" | "neutral";

/** Every pipeline state in words, in pipeline order. */
export const PRODUCT_STATUS_LABELS: Record<ProductStatus, string> = {
	DRAFT: "Draft",
	GENERATING: "Generating",
	QA1_FAILED: "QA1 failed",
	QA1_PASSED: "QA1 passed",
	PACKAGING: "Packaging",
	PACKAGED: "Packaged",
	QA2_FAILED: "QA2 failed",
	QA2_PASSED: "QA2 passed",
	PUBLISHED: "Published",
	UNPUBLISHED: "Unpublished",
	ARCHIVED: "Archived",
};

/** States the pipeline does not move on from by itself; live progress stops polling there. */
export const TERMINAL_STATUSES: readonly ProductStatus[] = ["QA1_FAILED", "QA2_FAILED", "PUBLISHED", "UNPUBLISHED", "ARCHIVED"];

/** The CSS class of a product status badge, e.g. `QA1_FAILED` → `status-qa1-failed` (admin-live.js builds the same). */
export function statusClass(status: string): string {
	return `status-${status.toLowerCase().replaceAll("_", "-")}`;
}

/**
 * A product's status: coloured per state, always with its name in text (never colour alone),
 * and a dot that pulses while the pipeline works. `live` marks it for admin-live.js to update.
 */
export function ProductStatusBadge({ status, live }: { status: ProductStatus; live?: boolean }) {
	return (
		<span class={`badge ${statusClass(status)}`} data-live={live ? "badge" : undefined}>
			<span class="badge-dot" aria-hidden="true" />
			<span data-live={live ? "status-text" : undefined}>{PRODUCT_STATUS_LABELS[status] ?? status}</span>
		</span>
	);
}

/** A badge in one of the shared tones. */
export function Badge({ tone, children }: { tone: Tone; children?: Child }) {
	return (
		<span class={`badge tone-${tone}`}>
			<span class="badge-dot" aria-hidden="true" />
			{children}
		</span>
	);
}

const ORDER_TONES: Record<OrderStatus, Tone> = {
	PENDING: "info",
	PAID: "success",
	FULFILLED: "success",
	CANCELED: "neutral",
	EXPIRED: "neutral",
	REFUNDED: "warning",
	DISPUTED: "danger",
};

/** An order's status, e.g. FULFILLED → a green "Fulfilled". */
export function OrderStatusBadge({ status }: { status: OrderStatus }) {
	return <Badge tone={ORDER_TONES[status] ?? "neutral"}>{titleCase(status)}</Badge>;
}

const GRANT_TONES: Record<GrantStatus, Tone> = { ACTIVE: "success", EXHAUSTED: "neutral", EXPIRED: "neutral", REVOKED: "danger", SUSPENDED: "warning" };

/** A download grant's status. */
export function GrantStatusBadge({ status }: { status: GrantStatus }) {
	return <Badge tone={GRANT_TONES[status] ?? "neutral"}>{titleCase(status)}</Badge>;
}

/** Pass or fail, with a mark and the word. */
export function PassBadge({ passed }: { passed: boolean }) {
	return <Badge tone={passed ? "success" : "danger"}>{passed ? "Pass" : "Fail"}</Badge>;
}

/** `"FULFILLED"` → `"Fulfilled"`, `"dead_lettered"` → `"Dead lettered"`. */
export function titleCase(value: string): string {
	const words = value.toLowerCase().replaceAll("_", " ");
	return words.charAt(0).toUpperCase() + words.slice(1);
}
