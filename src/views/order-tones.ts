import type { OrderStatus } from "../shared/commerce";

/** Colour tones of status badges: `.tone-*` in the dashboard's CSS, `.status-*` in the storefront's. */
export type Tone = "success" | "warning" | "danger" | "info" | "neutral";

/** How each order status is coloured wherever it is shown (its words come from the catalogues). */
export const ORDER_TONES: Record<OrderStatus, Tone> = {
	PENDING: "info",
	PAID: "success",
	FULFILLED: "success",
	CANCELED: "neutral",
	EXPIRED: "neutral",
	REFUNDED: "warning",
	DISPUTED: "danger",
};
