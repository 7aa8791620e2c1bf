import { and, eq } from "drizzle-orm";
import type { CommerceDeps } from "../commerce/deps";
import type { CheckoutLine, PaymentProvider } from "../commerce/payments/types";
import { portraitJobs } from "../db/schema";
import { AppError } from "../lib/errors";
import { sha256Hex } from "../lib/hash";
import { errorMessage, log } from "../lib/log";
import type { Locale } from "../shared/locale";
import type { PortraitDeps } from "./deps";
import { newJobKey, newPortraitJobId, PORTRAIT_TTL_MS, type PortraitJob } from "./jobs";

/** The product's name on the checkout and the receipt (the brand, in every language). */
export const PORTRAIT_PRODUCT_NAME = "Find My Rizz";

/** The one line a portrait job's checkout holds: the product at the job's own price. */
export function portraitCheckoutLine(job: Pick<PortraitJob, "priceCents" | "currency">): CheckoutLine {
	return { name: PORTRAIT_PRODUCT_NAME, amountCents: job.priceCents, currency: job.currency };
}

/** The provider that takes this currency's payments: KRW through PortOne when it is configured (src/commerce/payments/select.ts). */
function providerFor(commerce: CommerceDeps, currency: string): PaymentProvider {
	return commerce.paymentsFor(currency);
}

/** The job's own page (P6): where the provider sends the person back, paid or not; the key rides along. */
export function portraitPageUrl(baseUrl: string, jobId: string, key: string): string {
	return `${baseUrl}/portraits/${jobId}?key=${encodeURIComponent(key)}`;
}

/**
 * Starts a portrait job: a `pending_payment` row (price and currency from config, the key stored
 * only as its SHA-256, expiry 24 h after creation), then a checkout with the provider for its
 * currency, the job id standing where an order id would. A provider that fails leaves the job
 * `failed` (`payment_failed`), never payable, and answers `502 PAYMENT_PROVIDER_UNAVAILABLE`.
 */
export async function createPortraitJob(deps: PortraitDeps, input: { locale: Locale }) {
	const now = deps.now();
	const { priceCents, currency } = deps.config;
	const payments = providerFor(deps.commerce, currency);
	const id = newPortraitJobId();
	const key = newJobKey();
	const [job] = await deps.db
		.insert(portraitJobs)
		.values({
			id,
			status: "pending_payment",
			keyHash: await sha256Hex(key),
			locale: input.locale,
			priceCents,
			currency,
			provider: payments.name,
			createdAt: now.toISOString(),
			expiresAt: new Date(now.getTime() + PORTRAIT_TTL_MS).toISOString(),
		})
		.returning();
	if (!job) throw new Error("portrait job not stored");

	const page = portraitPageUrl(deps.config.baseUrl, id, key);
	let session: { id: string; url: string };
	try {
		session = await payments.createCheckout({
			orderId: id,
			// No account and no email: the person is reached by SMS, once they leave a number.
			email: "",
			lines: [portraitCheckoutLine(job)],
			successUrl: page,
			cancelUrl: page,
			// As long as a storefront checkout stays open (1 h): well inside the job's 24 hours.
			expiresAt: new Date(now.getTime() + deps.commerce.config.orderTtlMs),
		});
	} catch (err) {
		log("error", "portrait checkout failed", { jobId: id, provider: payments.name, error: errorMessage(err) });
		await deps.db
			.update(portraitJobs)
			.set({ status: "failed", failureReason: "payment_failed", failedAt: now.toISOString() })
			.where(and(eq(portraitJobs.id, id), eq(portraitJobs.status, "pending_payment")));
		throw new AppError(502, "PAYMENT_PROVIDER_UNAVAILABLE", "The payment provider did not answer; please try again.");
	}
	const [stored] = await deps.db.update(portraitJobs).set({ checkoutSessionId: session.id }).where(eq(portraitJobs.id, id)).returning();
	log("info", "portrait job created", { jobId: id, provider: payments.name });
	return { job: stored ?? job, key, checkoutUrl: session.url };
}
