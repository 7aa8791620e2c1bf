import type { Child } from "hono/jsx";
import { useI18n } from "../../i18n/context";
import type { GrantStatus, OrderStatus } from "../../shared/commerce";
import type { ProductStatus } from "../../shared/product";

import { ORDER_TONES, type Tone } from "../order-tones";

export type { Tone };

/** Every pipeline state in the reader's words, in pipeline order (also handed to admin-live.js). */
export function useProductStatusLabels(): Record<ProductStatus, string> {
	const { t } = useI18n();
	return {
		DRAFT: t("admin:productStatus.DRAFT"),
		GENERATING: t("admin:productStatus.GENERATING"),
		QA1_FAILED: t("admin:productStatus.QA1_FAILED"),
		QA1_PASSED: t("admin:productStatus.QA1_PASSED"),
		PACKAGING: t("admin:productStatus.PACKAGING"),
		PACKAGED: t("admin:productStatus.PACKAGED"),
		QA2_FAILED: t("admin:productStatus.QA2_FAILED"),
		QA2_PASSED: t("admin:productStatus.QA2_PASSED"),
		PUBLISHED: t("admin:productStatus.PUBLISHED"),
		UNPUBLISHED: t("admin:productStatus.UNPUBLISHED"),
		ARCHIVED: t("admin:productStatus.ARCHIVED"),
	};
}

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
	const labels = useProductStatusLabels();
	return (
		<span class={`badge ${statusClass(status)}`} data-live={live ? "badge" : undefined}>
			<span class="badge-dot" aria-hidden="true" />
			<span data-live={live ? "status-text" : undefined}>{labels[status] ?? status}</span>
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

/** An order's status, e.g. FULFILLED → a green "Fulfilled". */
export function OrderStatusBadge({ status }: { status: OrderStatus }) {
	return <Badge tone={ORDER_TONES[status] ?? "neutral"}>{useOrderStatusLabel()(status)}</Badge>;
}

const GRANT_TONES: Record<GrantStatus, Tone> = { ACTIVE: "success", EXHAUSTED: "neutral", EXPIRED: "neutral", REVOKED: "danger", SUSPENDED: "warning" };

/** An order status in the reader's words; an unknown one as it is stored. */
export function useOrderStatusLabel(): (status: string) => string {
	const { t } = useI18n();
	return (status) => (status in ORDER_TONES ? t(`admin:orderStatus.${status as OrderStatus}`) : titleCase(status));
}

/** A download grant's status. */
export function GrantStatusBadge({ status }: { status: GrantStatus }) {
	const { t } = useI18n();
	return <Badge tone={GRANT_TONES[status] ?? "neutral"}>{status in GRANT_TONES ? t(`admin:grantStatus.${status}`) : titleCase(status)}</Badge>;
}

/** Pass or fail, with a mark and the word. */
export function PassBadge({ passed }: { passed: boolean }) {
	const { t } = useI18n();
	return <Badge tone={passed ? "success" : "danger"}>{passed ? t("admin:pass") : t("admin:fail")}</Badge>;
}

/** `"FULFILLED"` → `"Fulfilled"`, `"dead_lettered"` → `"Dead lettered"`. */
export function titleCase(value: string): string {
	const words = value.toLowerCase().replaceAll("_", " ");
	return words.charAt(0).toUpperCase() + words.slice(1);
}
