import type { AppConfig } from "../../config/settings";
import { PlanName } from "../../shared/video";
import { PLAN_LIMITS } from "../plans";

/** A plan as `GET /api/plans` shows it: its limits (`null` unlimited) and monthly price (`0` for free). */
export type PlanOffer = {
	plan: PlanName;
	price_cents: number;
	currency: string;
	videos_limit: number | null;
	channels_limit: number | null;
	storage_limit_bytes: number;
	cost_limit_cents: number;
};

/** Every plan, free first, with PLAN_PRICES in PLAN_CURRENCY. */
export function planOffers(config: AppConfig["video"]): PlanOffer[] {
	return PlanName.options.map((plan) => {
		const limits = PLAN_LIMITS[plan];
		return {
			plan,
			price_cents: plan === "free" ? 0 : config.planPrices[plan],
			currency: config.currency,
			videos_limit: limits.videos,
			channels_limit: limits.channels,
			storage_limit_bytes: limits.storageBytes,
			cost_limit_cents: limits.costCents,
		};
	});
}
