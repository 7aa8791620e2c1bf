import { eq } from "drizzle-orm";
import { channels } from "../db/channels-schema";
import { AppError } from "../lib/errors";
import { log } from "../lib/log";
import { type ChannelAdapter, ChannelAuthExpired, ChannelReauthRequired, type ChannelSession, type TokenSet } from "./adapter";
import type { ChannelDeps } from "./deps";
import { isStale, openToken, sealToken } from "./token-vault";

/**
 * The one place a channel's tokens are opened, refreshed and sealed again. An access token is
 * refreshed shortly before it expires, and once more when the provider refuses it anyway
 * (`ChannelAuthExpired`); a refused refresh (`ChannelReauthRequired`) marks the channel
 * `needs_reauth`. Tokens sealed under an older key are sealed again under the current one on use.
 */

/** Refresh this long before the access token's stated expiry, so a call never starts on a token about to lapse. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

type ChannelRow = typeof channels.$inferSelect;

/** Seals and stores a channel's tokens (replacing any), under the current key. */
export async function storeChannelTokens(deps: Pick<ChannelDeps, "db" | "tokenKeys" | "now">, channelId: string, tokens: TokenSet): Promise<void> {
	const [access, refresh] = await Promise.all([
		sealToken(deps.tokenKeys, channelId, "access", tokens.accessToken),
		tokens.refreshToken === null ? null : sealToken(deps.tokenKeys, channelId, "refresh", tokens.refreshToken),
	]);
	await deps.db
		.update(channels)
		.set({
			tokenKid: access.kid,
			accessTokenEnc: access.ciphertext,
			refreshTokenEnc: refresh?.ciphertext ?? null,
			accessExpiresAt: tokens.accessExpiresAt,
			refreshExpiresAt: tokens.refreshExpiresAt,
			...(tokens.scopes.length > 0 ? { scopes: tokens.scopes.join(" ") } : {}),
			status: "connected",
			lastError: null,
			updatedAt: deps.now().toISOString(),
		})
		.where(eq(channels.id, channelId));
}

/** A channel's tokens in clear (memory only), or null when it holds none or they do not open. */
export async function openChannelTokens(
	deps: Pick<ChannelDeps, "tokenKeys">,
	row: ChannelRow,
): Promise<{ accessToken: string; refreshToken: string | null } | null> {
	if (!row.tokenKid || !row.accessTokenEnc) return null;
	const kid = row.tokenKid;
	const [accessToken, refreshToken] = await Promise.all([
		openToken(deps.tokenKeys, row.id, "access", { ciphertext: row.accessTokenEnc, kid }),
		row.refreshTokenEnc ? openToken(deps.tokenKeys, row.id, "refresh", { ciphertext: row.refreshTokenEnc, kid }) : null,
	]);
	if (accessToken === null) return null;
	return { accessToken, refreshToken };
}

/** Marks a channel as needing its owner to connect again, with the provider's reason. */
async function markNeedsReauth(deps: Pick<ChannelDeps, "db" | "now">, channelId: string, reason: string): Promise<void> {
	await deps.db.update(channels).set({ status: "needs_reauth", lastError: reason, updatedAt: deps.now().toISOString() }).where(eq(channels.id, channelId));
}

/** How long a refresh that lost the race waits for the winner's tokens to be stored. */
const WINNER_WAIT_MS = [50, 150, 400, 1000];

/**
 * The access token another worker stored after refreshing the same row, or null. Its refresh may
 * still be in flight when ours is refused, so the row is read again a few times.
 */
async function tokensRefreshedElsewhere(deps: ChannelDeps, row: ChannelRow): Promise<string | null> {
	for (const wait of WINNER_WAIT_MS) {
		const current = await deps.db.query.channels.findFirst({ where: eq(channels.id, row.id) });
		if (current?.status !== "connected") return null;
		if (current.accessTokenEnc !== row.accessTokenEnc) return (await openChannelTokens(deps, current))?.accessToken ?? null;
		await new Promise((resolve) => setTimeout(resolve, wait));
	}
	return null;
}

async function refreshTokens(deps: ChannelDeps, row: ChannelRow, adapter: ChannelAdapter, refreshToken: string | null): Promise<string> {
	if (!refreshToken) {
		await markNeedsReauth(deps, row.id, "the access token expired and the provider gave no refresh token");
		throw new AppError(409, "CHANNEL_NOT_CONNECTED", "This channel must be connected again.");
	}
	try {
		const tokens = await adapter.refresh({ externalId: row.externalId }, refreshToken);
		// A provider that does not rotate refresh tokens (Google) answers none: keep the one we have.
		await storeChannelTokens(deps, row.id, { ...tokens, refreshToken: tokens.refreshToken ?? refreshToken });
		log("info", "channel token refreshed", { channelId: row.id, provider: row.provider });
		return tokens.accessToken;
	} catch (err) {
		if (err instanceof ChannelReauthRequired) {
			// Providers that rotate refresh tokens (Cafe24) refuse the old one once another worker has
			// refreshed: that worker's tokens, if they are newer than ours, are the ones to use.
			const theirs = await tokensRefreshedElsewhere(deps, row);
			if (theirs) return theirs;
			await markNeedsReauth(deps, row.id, err.message);
			log("warn", "channel needs to be connected again", { channelId: row.id, provider: row.provider, reason: err.message });
		}
		throw err;
	}
}

/**
 * Runs `call` with a live access token of a connected channel: refreshed first when it expires
 * within {@link REFRESH_MARGIN_MS}, and once more if the provider refuses it (`ChannelAuthExpired`).
 * `409 CHANNEL_NOT_CONNECTED` when the channel is not connected or its tokens do not open.
 */
export async function withChannelSession<T>(
	deps: ChannelDeps,
	channelId: string,
	call: (session: ChannelSession, adapter: ChannelAdapter, channel: ChannelRow) => Promise<T>,
): Promise<T> {
	const row = await deps.db.query.channels.findFirst({ where: eq(channels.id, channelId) });
	if (!row) throw new AppError(404, "NOT_FOUND", "No such channel.");
	if (row.status !== "connected") throw new AppError(409, "CHANNEL_NOT_CONNECTED", "This channel must be connected again.");
	const adapter = deps.adapters.get(row.provider);
	const tokens = await openChannelTokens(deps, row);
	if (!tokens) {
		await markNeedsReauth(deps, row.id, "the stored tokens could not be opened (unknown key id)");
		throw new AppError(409, "CHANNEL_NOT_CONNECTED", "This channel must be connected again.");
	}
	let accessToken = tokens.accessToken;
	const expiresAt = row.accessExpiresAt ? Date.parse(row.accessExpiresAt) : Number.POSITIVE_INFINITY;
	if (expiresAt - deps.now().getTime() < REFRESH_MARGIN_MS) {
		accessToken = await refreshTokens(deps, row, adapter, tokens.refreshToken);
	} else if (isStale(deps.tokenKeys, row.tokenKid)) {
		// A rotation completes lazily: the same tokens, sealed under the current key.
		await storeChannelTokens(deps, row.id, {
			accessToken,
			refreshToken: tokens.refreshToken,
			accessExpiresAt: row.accessExpiresAt,
			refreshExpiresAt: row.refreshExpiresAt,
			scopes: [],
		});
	}
	const session = (token: string): ChannelSession => ({ channelId: row.id, externalId: row.externalId, accessToken: token });
	try {
		return await call(session(accessToken), adapter, row);
	} catch (err) {
		if (!(err instanceof ChannelAuthExpired)) throw err;
		const fresh = await refreshTokens(deps, row, adapter, tokens.refreshToken);
		return call(session(fresh), adapter, row);
	}
}
