import { z } from "zod";

/** Order states (DESIGN.md section 4). */
export const OrderStatus = z.enum(["PENDING", "PAID", "FULFILLED", "CANCELED", "EXPIRED", "REFUNDED", "DISPUTED"]);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** Grant states (API.md). */
export const GrantStatus = z.enum(["ACTIVE", "EXHAUSTED", "EXPIRED", "REVOKED", "SUSPENDED"]);
export type GrantStatus = z.infer<typeof GrantStatus>;

/** Body of `POST /api/checkout`. */
export const CheckoutRequest = z.strictObject({
	product_id: z.string().min(1).max(64),
	email: z.email().max(254),
	/** Consent to immediate delivery of digital content (the storefront form requires it). */
	consent: z.boolean().optional(),
});
export type CheckoutRequest = z.infer<typeof CheckoutRequest>;
