import type { Payable } from "../../commerce/payables";
import { applyChargeChangeToPlan, applySubscriptionEvent, closePlanPurchase, isPlanPurchaseId, planPurchaseCheckout, settlePlanPurchase } from "./purchase";

/**
 * Plan purchases (`pp_…`): a plan of the short-video line bought through the payment providers,
 * a 30-day pass or (Stripe) a monthly subscription renewed by its invoices. Paid grants the plan
 * once; a refund or lost dispute ends it (src/video/plans/purchase.ts).
 */
export const planPurchasePayable: Payable = {
	name: "plan_purchase",
	owns: isPlanPurchaseId,
	paid: settlePlanPurchase,
	closed: closePlanPurchase,
	chargeChanged: applyChargeChangeToPlan,
	subscriptionEvent: applySubscriptionEvent,
	checkout: planPurchaseCheckout,
};
