import { AppError } from "../lib/errors";
import type { ChannelProvider } from "../shared/channels";
import type { ChannelAdapter } from "./adapter";

/** The providers this deployment offers (filled in src/wiring.ts: the configured ones only). */
export type ChannelAdapterRegistry = {
	/** The adapter of `provider`; `404 CHANNEL_PROVIDER_UNAVAILABLE` when this deployment does not offer it. */
	get(provider: ChannelProvider): ChannelAdapter;
	list(): readonly ChannelAdapter[];
};

export function channelAdapterRegistry(adapters: readonly ChannelAdapter[]): ChannelAdapterRegistry {
	const byProvider = new Map(adapters.map((adapter) => [adapter.provider, adapter]));
	if (byProvider.size !== adapters.length) throw new Error("two channel adapters for one provider");
	return {
		get(provider) {
			const adapter = byProvider.get(provider);
			if (!adapter) throw new AppError(404, "CHANNEL_PROVIDER_UNAVAILABLE", `The ${provider} channel provider is not configured here.`);
			return adapter;
		},
		list: () => adapters,
	};
}
