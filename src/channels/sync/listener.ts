import type { ProductListener } from "../../pipeline/product-listeners";
import type { ChannelDeps } from "../deps";
import { enqueueSyncs, shopsToSync } from "./enqueue";

/**
 * The channels line's product listener (registered in src/wiring.ts): a published, unpublished or
 * edited product is queued for a sync with each shop that carries it or should. The deps are read
 * when a change comes, since the composition root builds them after the pipeline's.
 */
export function productSyncListener(channelDeps: () => ChannelDeps): ProductListener {
	return async (productId) => {
		const deps = channelDeps();
		await enqueueSyncs(deps, productId, await shopsToSync(deps, productId));
	};
}
