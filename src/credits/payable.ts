import type { Payable } from "../commerce/payables";
import { closeCreditPurchase, creditPurchaseCheckout, failCreditPurchase, isCreditPurchaseId, settleCreditPurchase } from "./purchase";
import { applyChargeChangeToPurchase, creditPurchaseByPaymentIntent } from "./reversal";

/**
 * Credit purchases (`cp_…`): packages of credits bought through the storefront's payment
 * provider. A paid session credits once; a refund or dispute takes the credits back
 * (src/credits/reversal.ts).
 */
export const creditPurchasePayable: Payable = {
	name: "credit_purchase",
	owns: isCreditPurchaseId,
	paid: settleCreditPurchase,
	closed: (deps, session, to) => closeCreditPurchase(deps, session, to),
	failed: (deps, reference) => failCreditPurchase(deps, reference),
	async chargeChanged(deps, paymentIntentId, change) {
		const purchase = await creditPurchaseByPaymentIntent(deps.db, paymentIntentId);
		return purchase ? applyChargeChangeToPurchase(deps, purchase, change) : null;
	},
	checkout: creditPurchaseCheckout,
};
