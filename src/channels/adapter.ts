import type { OutsideHttp } from "../lib/outside-http";
import type { ChannelKind, ChannelProvider, VideoVisibility } from "../shared/channels";

/**
 * The one interface every channel provider implements (docs/channels.md): connect (an OAuth 2.0
 * authorization-code flow), refresh, describe and revoke; then, per capability, a shop's product
 * operations or a video channel's upload and statistics. Adapters are plain objects over an
 * `OutsideHttp` (src/lib/outside-http.ts); the core (src/channels/tokens.ts) holds the tokens,
 * refreshes them and calls again once when an adapter reports `ChannelAuthExpired`.
 */

/** Tokens as the provider issued them: plaintext only in memory, sealed at rest. */
export type TokenSet = {
	accessToken: string;
	refreshToken: string | null;
	/** ISO times, null when the provider gives none. */
	accessExpiresAt: string | null;
	refreshExpiresAt: string | null;
	scopes: string[];
};

/** What a call on a connected channel gets: the account and a live access token. */
export type ChannelSession = { channelId: string; externalId: string; accessToken: string };

/** The outside account a flow connected, as the provider names it. */
export type AccountDescription = { externalId: string; displayName: string };

/** The provider refused the access token (expired or revoked): the core refreshes once and calls again. */
export class ChannelAuthExpired extends Error {
	constructor(message = "the provider refused the access token") {
		super(message);
		this.name = "ChannelAuthExpired";
	}
}

/** The provider refused the refresh token or the grant: the owner must connect again (`needs_reauth`). */
export class ChannelReauthRequired extends Error {
	constructor(message: string) {
		super(message);
		this.name = "ChannelReauthRequired";
	}
}

/**
 * The provider answered with an error, in its words (never a token): `retryable` when a later
 * try may succeed (5xx, rate limited, network), false when it never will (validation, not found).
 */
export class ChannelCallFailed extends Error {
	constructor(
		message: string,
		readonly retryable: boolean,
		readonly status: number | null = null,
	) {
		super(message);
		this.name = "ChannelCallFailed";
	}
}

/** A factory product as a shop should show it. */
export type ShopListing = {
	productId: string;
	/** Sent as the shop's own product code, so a create whose response was lost is found again rather than made twice. */
	createKey: string;
	name: string;
	/** Plain text or simple HTML. */
	description: string;
	priceCents: number;
	currency: string;
	/** Shown in the shop's listings, and on sale. */
	display: boolean;
	selling: boolean;
	/** Units for sale; null = unlimited (a digital product). */
	stock: number | null;
	/** The product's page in this app's storefront. */
	url: string;
};

/** One order line read back from a shop, for the analytics page. */
export type ShopOrderLine = { externalProductId: string; quantity: number; amountCents: number; currency: string; orderedAt: string };

export type ShopCapability = {
	/** Creates the product (`externalId` null), or updates the one at `externalId`; a create first looks for `createKey`. Answers the shop's id. */
	pushProduct(session: ChannelSession, listing: ShopListing, externalId: string | null): Promise<{ externalId: string }>;
	updatePrice(session: ChannelSession, externalId: string, priceCents: number, currency: string): Promise<void>;
	/** Stock of every variant; null = not tracked (unlimited). */
	updateStock(session: ChannelSession, externalId: string, stock: number | null): Promise<void>;
	/** Takes the product off display and off sale (never deletes: its orders stay readable). */
	hide(session: ChannelSession, externalId: string): Promise<void>;
	readOrders(session: ChannelSession, since: string): Promise<ShopOrderLine[]>;
};

/** A video to upload: its bytes are read from R2 in ranges, so a resumed upload sends only what is missing. */
export type VideoUpload = {
	title: string;
	description: string;
	tags: string[];
	visibility: VideoVisibility;
	size: number;
	contentType: string;
	read(start: number, endExclusive: number): Promise<Uint8Array>;
	thumbnail: Uint8Array | null;
	/** The resumable session of an earlier attempt, to resume rather than restart. */
	resumeSession: string | null;
	/** Called as soon as a resumable session exists, so the next attempt can resume it. */
	onSession(session: string): Promise<void>;
};

export type ChannelStats = { views: number; likes: number; comments: number };

export type VideoCapability = {
	uploadVideo(session: ChannelSession, upload: VideoUpload): Promise<{ externalId: string; url: string }>;
	/** The channel's totals and each named video's. */
	readStats(session: ChannelSession, externalIds: string[]): Promise<{ channel: ChannelStats; items: (ChannelStats & { externalId: string })[] }>;
};

export type ChannelAdapter = {
	provider: ChannelProvider;
	/** What it can carry: a shop, a video channel, or both (the sandbox). */
	kinds: readonly ChannelKind[];
	/** The scopes asked for (docs/channels.md lists why each). */
	scopes: readonly string[];
	/** Whether the provider takes a PKCE challenge (S256). */
	pkce: boolean;
	/** Whether the flow must name the account first (Cafe24's `mall_id`). */
	needsAccount: boolean;
	authorizeUrl(input: { state: string; codeChallenge: string | null; redirectUri: string; account: string | null }): string;
	exchangeCode(input: { code: string; codeVerifier: string | null; redirectUri: string; account: string | null }): Promise<TokenSet>;
	refresh(account: { externalId: string }, refreshToken: string): Promise<TokenSet>;
	/** The account behind a fresh token (the flow's `account` when it named one). */
	describe(session: Omit<ChannelSession, "channelId" | "externalId"> & { externalId: string | null }): Promise<AccountDescription>;
	/** Revokes the grant where the provider allows it. */
	revoke(account: { externalId: string }, tokens: { accessToken: string | null; refreshToken: string | null }): Promise<"revoked" | "unsupported">;
	shop?: ShopCapability;
	video?: VideoCapability;
};

/** What an adapter is built over. */
export type AdapterContext = { http: OutsideHttp; now: () => Date };
