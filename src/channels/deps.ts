import type { RateLimiter } from "../../durable-objects/rate-limiter";
import type { Db } from "../db/client";
import type { OutsideHttp } from "../lib/outside-http";
import type { SealKey } from "../lib/sealed-box";
import type { ChannelMessage } from "./messages";
import type { ChannelAdapterRegistry } from "./registry";

/** What the channels line works over (built in src/wiring.ts). */
export type ChannelDeps = {
	db: Db;
	files: R2Bucket;
	queue: Queue<ChannelMessage>;
	/** The outside HTTP client every adapter calls through. */
	http: OutsideHttp;
	adapters: ChannelAdapterRegistry;
	/** Tokens are sealed under the first key; every key opens (src/channels/token-vault.ts). */
	tokenKeys: readonly [SealKey, ...SealKey[]];
	limiter: DurableObjectNamespace<RateLimiter>;
	config: {
		/** PUBLIC_BASE_URL: OAuth redirect URIs and the storefront links pushed to shops. */
		baseUrl: string;
		/** The first delay of a failed publish's backoff (CHANNEL_RETRY_BASE_SECONDS; doubles each attempt). */
		retryBaseSeconds: number;
	};
	now: () => Date;
};
