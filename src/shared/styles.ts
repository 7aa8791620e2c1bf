import { z } from "zod";

/**
 * Style licensing (issue 6): the shapes shared by routes, pages and the ledger.
 * No `cloudflare:*` or `node:*` imports here.
 */

export const UserRole = z.enum(["user", "artist"]);
export type UserRole = z.infer<typeof UserRole>;

/** `active`; `deactivated` (an artist whose style was used: it stays usable, nothing new is trained); `deleted` (personal data erased, the row kept for the ledger). */
export const UserStatus = z.enum(["active", "deactivated", "deleted"]);
export type UserStatus = z.infer<typeof UserStatus>;

export const ArtistApplicationStatus = z.enum(["pending", "approved", "rejected"]);
export type ArtistApplicationStatus = z.infer<typeof ArtistApplicationStatus>;

/** Training lifecycle of a style. */
export const StyleStatus = z.enum(["pending", "training", "completed", "failed"]);
export type StyleStatus = z.infer<typeof StyleStatus>;

export const GenerationStatus = z.enum(["queued", "processing", "completed", "failed"]);
export type GenerationStatus = z.infer<typeof GenerationStatus>;

export const GenerationVisibility = z.enum(["private", "public"]);
export type GenerationVisibility = z.infer<typeof GenerationVisibility>;

/** Kinds of credit movement; every movement is one ledger row with a unique id. */
export const CreditMovementKind = z.enum([
	"welcome",
	"purchase",
	"hold",
	"capture",
	"refund",
	"reversal",
	"reinstate",
	/** The artist's share of a captured generation in their style (`earning:<generation>`). */
	"earning",
	/** That share taken back when the generation is refunded (`earning_reversal:<generation>`). */
	"earning_reversal",
	/** Earned credits an artist asked to be paid out (`payout:<request>`), and their return when the request is rejected. */
	"payout",
	"payout_return",
]);
export type CreditMovementKind = z.infer<typeof CreditMovementKind>;

/**
 * A credit purchase: `pending` until paid, `canceled` if its checkout expired unpaid, `failed`
 * when the provider reported its payment failed or canceled (PAYMENT_FAILED; a later successful
 * attempt still makes it `paid`); after payment
 * a full refund makes it `refunded`, an open dispute `disputed`, and a dispute settled `paid`
 * again (won) or `charged_back` (lost).
 */
export const CreditPurchaseStatus = z.enum(["pending", "paid", "canceled", "failed", "refunded", "disputed", "charged_back"]);
export type CreditPurchaseStatus = z.infer<typeof CreditPurchaseStatus>;

export const NotificationKind = z.enum([
	"training_completed",
	"training_failed",
	"generation_completed",
	"generation_failed",
	"credits_refunded",
	"credits_reversed",
	"credits_reinstated",
	/** Community (grouped while unread): likes of an image, comments on it, replies to a comment, new followers. */
	"liked",
	"commented",
	"replied",
	"followed",
	/** A followed artist published a new style (its training completed). */
	"new_style",
	/** A scheduled video could not be published to its channel after its retries (issue 18). */
	"publish_failed",
]);
export type NotificationKind = z.infer<typeof NotificationKind>;

/** Generation aspects and their pixel sizes. */
export const GENERATION_SIZES = {
	"1:1": { width: 512, height: 512 },
	"2:2": { width: 1024, height: 1024 },
	"1:2": { width: 512, height: 1024 },
} as const;

/** Credits every new user gets once. */
export const WELCOME_CREDITS = 100;
