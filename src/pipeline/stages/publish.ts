import { publishBlockers, publishHistoryRow } from "../publication";
import type { Stage } from "../stage";

/** publish: the last stage. Re-checks every gate before the product becomes sellable. */
export const publishStage: Stage = async (deps, product) => {
	const blockers = await publishBlockers(deps, product);
	if (blockers.length > 0) {
		return { outcome: "failed", status: product.status, next: null, failedStage: "publish", error: `not publishable: ${blockers.join("; ")}` };
	}
	const now = deps.now();
	return {
		outcome: "succeeded",
		status: "PUBLISHED",
		next: null,
		patch: { publishedAt: now.toISOString() },
		writes: [publishHistoryRow(deps, product, "PUBLISHED", "all gates passed", now)],
	};
};
