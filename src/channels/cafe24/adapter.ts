import type { AdapterContext, ChannelAdapter } from "../adapter";
import { ChannelCallFailed } from "../adapter";
import { type Cafe24Config, cafe24Api } from "./api";
import { updateStock } from "./inventory";
import { authorizeUrl, exchangeCode, refreshTokens, revokeTokens } from "./oauth";
import { readOrders } from "./orders";
import { hideProduct, pushProduct, updatePrice } from "./products";

/**
 * The Cafe24 Admin API adapter (docs/channels.md): a shop channel per mall (`mall_id` is the
 * channel's external id), connected with Cafe24's OAuth flow (no PKCE; the merchant names the
 * mall first), products pushed by custom product code, stock per variant, orders read back.
 * The call limit is tracked per mall in this instance.
 */

/** What the adapter waits with (tests record the waits instead of sleeping). */
export type Cafe24AdapterOptions = { sleep?: (ms: number) => Promise<void> };

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function cafe24Adapter(config: Cafe24Config, context: AdapterContext, options: Cafe24AdapterOptions = {}): ChannelAdapter {
	const api = cafe24Api(config, context, options.sleep ?? realSleep);
	return {
		provider: "cafe24",
		kinds: ["shop"],
		scopes: config.scopes,
		pkce: false,
		needsAccount: true,
		authorizeUrl: (input) => authorizeUrl(config, input),
		exchangeCode: (input) => exchangeCode(config, context, input),
		refresh: (account, refreshToken) => refreshTokens(config, context, account.externalId, refreshToken),
		async describe(session) {
			// The mall is the account; reading its name would need one more scope (mall.read_store), so the id names it.
			if (!session.externalId) throw new ChannelCallFailed("Cafe24 needs the mall id to connect", false, null);
			return { externalId: session.externalId, displayName: session.externalId };
		},
		revoke: (account, tokens) => revokeTokens(config, context, account.externalId, tokens),
		shop: {
			pushProduct: (session, listing, externalId) => pushProduct(api, session.externalId, session.accessToken, listing, externalId),
			updatePrice: (session, externalId, priceCents, currency) => updatePrice(api, session.externalId, session.accessToken, externalId, priceCents, currency),
			updateStock: (session, externalId, stock) => updateStock(api, session.externalId, session.accessToken, externalId, stock),
			hide: (session, externalId) => hideProduct(api, session.externalId, session.accessToken, externalId),
			readOrders: (session, since) => readOrders(api, session.externalId, session.accessToken, since, context.now()),
		},
	};
}
