import type { ChannelAdapter } from "./adapter";

/** A provider whose adapter is not built yet: every call says so. (Removed once the three adapters exist.) */
export function notBuiltAdapter(provider: ChannelAdapter["provider"], kinds: ChannelAdapter["kinds"]): ChannelAdapter {
	const fail = (): never => {
		throw new Error(`the ${provider} adapter is not built yet`);
	};
	return { provider, kinds, scopes: [], pkce: false, needsAccount: false, authorizeUrl: fail, exchangeCode: fail, refresh: fail, describe: fail, revoke: fail };
}
