import { and, eq } from "drizzle-orm";
import { channels } from "../../db/channels-schema";
import { AppError } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { errorMessage, log } from "../../lib/log";
import type { ChannelProvider } from "../../shared/channels";
import type { TokenSet } from "../adapter";
import type { ChannelDeps } from "../deps";
import { sealToken } from "../token-vault";
import { storeChannelTokens } from "../tokens";
import { spendOauthState } from "./oauth-states";
import { kindOf } from "./owner";
import { assertChannelSlot } from "./plan-gate";

type ChannelRow = typeof channels.$inferSelect;

export type CompleteConnectionInput = {
	provider: ChannelProvider;
	state: string;
	code: string | null;
	/** The provider's `error` parameter (`access_denied` when the owner said no). */
	error: string | null;
	/** The nonce of the browser's flow cookie, or null when it sent none. */
	browserNonce: string | null;
	/** The viewer's IANA zone: the channel's schedules are entered in it. */
	timeZone: string;
};

/** How a callback ended: connected, or refused by the owner at the provider (nothing stored). */
export type ConnectionOutcome = { outcome: "connected"; channel: ChannelRow; returnTo: string } | { outcome: "denied"; reason: string; returnTo: string };

function authFailed(provider: ChannelProvider, err: unknown): AppError {
	// Adapters word their errors without tokens; logged for the operator, never shown.
	log("warn", "channel authorization refused", { provider, error: errorMessage(err) });
	return new AppError(502, "CHANNEL_AUTH_FAILED", `The ${provider} provider refused the authorization. Please connect again.`);
}

/**
 * Finishes a flow at its callback: spends the state (bound to this browser, once), then either
 * records the owner's refusal (nothing stored) or exchanges the code with the stored redirect
 * URI and PKCE verifier, asks the provider whose account it is, checks the plan once more, and
 * upserts the channel by (owner, provider, account) with its tokens sealed: connecting the same
 * account again revives its row. A provider refusal is `502 CHANNEL_AUTH_FAILED`.
 */
export async function completeConnection(deps: ChannelDeps, input: CompleteConnectionInput): Promise<ConnectionOutcome> {
	const flow = await spendOauthState(deps.db, deps.tokenKeys, { provider: input.provider, state: input.state, browserNonce: input.browserNonce }, deps.now());
	if (input.error !== null) {
		// Only a plain OAuth error code is repeated back (RFC 6749 §4.1.2.1); anything else is not ours to echo.
		const reason = /^[a-z_]{1,64}$/.test(input.error) ? input.error : "refused";
		log("info", "channel connection refused by its owner", { provider: input.provider, reason });
		return { outcome: "denied", reason, returnTo: flow.returnTo };
	}
	if (!input.code) throw new AppError(400, "OAUTH_STATE_INVALID", "The provider sent no authorization code. Please connect again.");
	const adapter = deps.adapters.get(input.provider);
	let tokens: TokenSet;
	let account: { externalId: string; displayName: string };
	try {
		tokens = await adapter.exchangeCode({ code: input.code, codeVerifier: flow.codeVerifier, redirectUri: flow.redirectUri, account: flow.account });
		account = await adapter.describe({ accessToken: tokens.accessToken, externalId: flow.account });
	} catch (err) {
		throw authFailed(input.provider, err);
	}
	const existing = await deps.db.query.channels.findFirst({
		where: and(eq(channels.ownerKey, flow.owner.ownerKey), eq(channels.provider, input.provider), eq(channels.externalId, account.externalId)),
	});
	const now = deps.now();
	// The flow took minutes at the provider: another channel may have taken the last slot meanwhile.
	if (flow.owner.userId !== null) await assertChannelSlot(deps.db, flow.owner.userId, now, existing?.id ?? null);
	const channel = await upsertChannel(deps, {
		id: existing?.id ?? newId("chn"),
		provider: input.provider,
		owner: flow.owner,
		account,
		tokens,
		timeZone: input.timeZone,
		now,
	});
	log("info", "channel connected", { channelId: channel.id, provider: channel.provider, kind: channel.kind, revived: existing !== undefined });
	return { outcome: "connected", channel, returnTo: flow.returnTo };
}

/**
 * One statement writes the row and its sealed tokens, so a channel never stands connected without
 * them. Two callbacks for one account racing: the loser's tokens were sealed for an id that lost,
 * so they are sealed again for the row that won.
 */
async function upsertChannel(
	deps: ChannelDeps,
	input: {
		id: string;
		provider: ChannelProvider;
		owner: { ownerKey: string; userId: string | null };
		account: { externalId: string; displayName: string };
		tokens: TokenSet;
		timeZone: string;
		now: Date;
	},
): Promise<ChannelRow> {
	const { id, tokens, now } = input;
	const [access, refresh] = await Promise.all([
		sealToken(deps.tokenKeys, id, "access", tokens.accessToken),
		tokens.refreshToken === null ? null : sealToken(deps.tokenKeys, id, "refresh", tokens.refreshToken),
	]);
	const fields = {
		displayName: input.account.displayName.slice(0, 200),
		status: "connected" as const,
		scopes: tokens.scopes.join(" "),
		tokenKid: access.kid,
		accessTokenEnc: access.ciphertext,
		refreshTokenEnc: refresh?.ciphertext ?? null,
		accessExpiresAt: tokens.accessExpiresAt,
		refreshExpiresAt: tokens.refreshExpiresAt,
		lastError: null,
		timeZone: input.timeZone,
		connectedAt: now.toISOString(),
		updatedAt: now.toISOString(),
	};
	const [row] = await deps.db
		.insert(channels)
		.values({
			id,
			provider: input.provider,
			kind: kindOf(input.owner),
			ownerKey: input.owner.ownerKey,
			userId: input.owner.userId,
			externalId: input.account.externalId,
			...fields,
		})
		.onConflictDoUpdate({ target: [channels.ownerKey, channels.provider, channels.externalId], set: fields })
		.returning();
	if (!row) throw new Error("the channel row was not written");
	if (row.id === id) return row;
	await storeChannelTokens(deps, row.id, tokens);
	const stored = await deps.db.query.channels.findFirst({ where: eq(channels.id, row.id) });
	if (!stored) throw new Error("the channel row vanished");
	return stored;
}
