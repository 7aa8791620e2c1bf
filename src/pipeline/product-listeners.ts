import { errorMessage, log } from "../lib/log";
import type { PipelineDeps } from "./deps";

/** What happened to a product that the world outside the storefront (connected shops) follows. */
export type ProductChange = "published" | "unpublished" | "edited";

/**
 * Told after a product change has been committed. Registered in src/wiring.ts (the channels line
 * pushes the product to its shops), so the pipeline knows no listener by name.
 */
export type ProductListener = (productId: string, change: ProductChange) => Promise<void>;

/**
 * Runs every listener of a committed change. A listener's failure is logged and swallowed: the
 * change has happened, and a shop that is down must never fail a publish or an edit (the shop is
 * brought in line by the next sync or by "sync now").
 */
export async function notifyProductListeners(deps: Pick<PipelineDeps, "productListeners">, productId: string, change: ProductChange): Promise<void> {
	for (const listener of deps.productListeners) {
		try {
			await listener(productId, change);
		} catch (err) {
			log("error", "product listener failed", { productId, change, error: errorMessage(err) });
		}
	}
}
