import { z } from "zod";

/** States of a portrait job (API.md "Portraits"); exactly these names on every page and in the API. */
export const PortraitStatus = z.enum(["pending_payment", "pending_phone", "pending_upload", "processing", "completed", "failed"]);
export type PortraitStatus = z.infer<typeof PortraitStatus>;

/** Why a job failed, in words the person can read (their text is in the catalogues under `portraits.reasons`). */
export const PortraitFailureReason = z.enum([
	/** The payment was refunded before the job completed. */
	"refunded",
	/** The checkout expired or the payment failed. */
	"payment_failed",
	/** No photo arrived before the job expired (the payment is refunded). */
	"upload_expired",
	/** The portraits could not be made after every retry (the payment is refunded). */
	"generation_failed",
	/** The report could not be written after every retry (the payment is refunded). */
	"report_failed",
]);
export type PortraitFailureReason = z.infer<typeof PortraitFailureReason>;

/** The report `llm.text` writes, exactly this shape; recommendation codes are knowledge-base codes. */
export const PortraitReport = z.strictObject({
	summary: z.string().trim().min(1).max(2_000),
	improvements: z
		.array(
			z.strictObject({
				area: z.string().trim().min(1).max(100),
				description: z.string().trim().min(1).max(1_000),
				recommendations: z.array(z.string().trim().min(1).max(20)).max(10),
			}),
		)
		.min(1)
		.max(10),
	timeline: z.string().trim().min(1).max(500),
	estimated_cost: z.string().trim().min(1).max(200),
});
export type PortraitReport = z.infer<typeof PortraitReport>;

/** Kinds of SMS the portrait line sends: the result link, or the news that a failed job was refunded. */
export const SmsPurpose = z.enum(["portrait_ready", "portrait_refunded"]);
export type SmsPurpose = z.infer<typeof SmsPurpose>;
