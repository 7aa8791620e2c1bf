import type { Payable } from "../commerce/payables";
import { closeCreditPurchase, creditPurchaseCheckout, isCreditPurchaseId, settleCreditPurchase } from "./purchase";
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
	closed: (deps, session) => closeCreditPurchase(deps, session),
	async chargeChanged(deps, paymentIntentId, change) {
		const purchase = await creditPurchaseByPaymentIntent(deps.db, paymentIntentId);
		return purchase ? applyChargeChangeToPurchase(deps, purchase, change) : null;
	},
	checkout: creditPurchaseCheckout,
};
