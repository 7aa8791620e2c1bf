import type { UsageResource } from "../../shared/video";

/** USAGE_PRICES: minor units per unit of each resource (src/config/settings.ts). */
export type UsagePrices = Record<UsageResource, number>;

/** What `quantity` units of `resource` cost, rounded up to a whole minor unit (a call is never free). */
export function costOf(prices: UsagePrices, resource: UsageResource, quantity: number): number {
	return Math.max(1, Math.ceil(prices[resource] * quantity - 1e-9));
}
