import { and, eq, gt, isNull, lt } from "drizzle-orm";
import { channelOauthStates } from "../../db/channels-schema";
import type { Db } from "../../db/client";
import { AppError } from "../../lib/errors";
import { secretsEqual, sha256Hex } from "../../lib/hash";
import type { SealKey } from "../../lib/sealed-box";
import type { ChannelProvider } from "../../shared/channels";
import { openToken, sealToken } from "../token-vault";
import type { ChannelOwner } from "./owner";

/** How long a started flow may take at the provider before its state lapses. */
export const OAUTH_STATE_TTL_MS = 10 * 60_000;

/** Stored as hashes only: a leaked table row can neither finish a flow nor forge a browser binding. */
export const stateHashOf = (state: string) => sha256Hex(`channel-state:${state}`);
const browserHashOf = (nonce: string) => sha256Hex(`channel-browser:${nonce}`);

/** A flow as it was started, for its callback. */
export type StartedFlow = {
	stateHash: string;
	provider: ChannelProvider;
	owner: ChannelOwner;
	redirectUri: string;
	account: string | null;
	returnTo: string;
	codeVerifier: string | null;
};

/**
 * Stores a flow's state (hashed), bound to the browser by the hash of its cookie nonce, with the
 * PKCE verifier sealed under the current token key. Expired states are swept in the same batch,
 * so the table only holds flows in flight.
 */
export async function saveOauthState(
	db: Db,
	keys: readonly [SealKey, ...SealKey[]],
	flow: Omit<StartedFlow, "stateHash"> & { state: string; browserNonce: string },
	now: Date,
): Promise<void> {
	const stateHash = await stateHashOf(flow.state);
	const verifier = flow.codeVerifier === null ? null : await sealToken(keys, stateHash, "verifier", flow.codeVerifier);
	await db.batch([
		db.delete(channelOauthStates).where(lt(channelOauthStates.expiresAt, now.toISOString())),
		db.insert(channelOauthStates).values({
			stateHash,
			provider: flow.provider,
			ownerKey: flow.owner.ownerKey,
			userId: flow.owner.userId,
			browserHash: await browserHashOf(flow.browserNonce),
			codeVerifierEnc: verifier?.ciphertext ?? null,
			tokenKid: verifier?.kid ?? null,
			redirectUri: flow.redirectUri,
			account: flow.account,
			returnTo: flow.returnTo,
			createdAt: now.toISOString(),
			expiresAt: new Date(now.getTime() + OAUTH_STATE_TTL_MS).toISOString(),
		}),
	]);
}

function invalidState(): AppError {
	return new AppError(400, "OAUTH_STATE_INVALID", "This connection was started in another browser, has expired or was already used. Please connect again.");
}

/**
 * Spends a callback's state, once: it must exist, be of this provider, unused, unexpired, and
 * bound to this browser (its cookie nonce, compared by hash in constant time); then a
 * conditional update marks it used, so a replayed or concurrent callback finds nothing.
 * Anything else is `400 OAUTH_STATE_INVALID` and leaves the state as it was.
 */
export async function spendOauthState(
	db: Db,
	keys: readonly SealKey[],
	input: { provider: ChannelProvider; state: string; browserNonce: string | null },
	now: Date,
): Promise<StartedFlow> {
	if (!input.browserNonce) throw invalidState();
	const stateHash = await stateHashOf(input.state);
	const row = await db.query.channelOauthStates.findFirst({ where: eq(channelOauthStates.stateHash, stateHash) });
	if (!row || row.provider !== input.provider || row.usedAt !== null || row.expiresAt <= now.toISOString()) throw invalidState();
	if (!(await secretsEqual(await browserHashOf(input.browserNonce), row.browserHash))) throw invalidState();
	const spent = await db
		.update(channelOauthStates)
		.set({ usedAt: now.toISOString() })
		.where(and(eq(channelOauthStates.stateHash, stateHash), isNull(channelOauthStates.usedAt), gt(channelOauthStates.expiresAt, now.toISOString())))
		.returning({ stateHash: channelOauthStates.stateHash });
	if (spent.length !== 1) throw invalidState();
	let codeVerifier: string | null = null;
	if (row.codeVerifierEnc && row.tokenKid) {
		codeVerifier = await openToken(keys, stateHash, "verifier", { ciphertext: row.codeVerifierEnc, kid: row.tokenKid });
		// A verifier sealed under a key since removed from the ring: the flow cannot finish.
		if (codeVerifier === null) throw invalidState();
	}
	return {
		stateHash,
		provider: row.provider,
		owner: { ownerKey: row.ownerKey, userId: row.userId },
		redirectUri: row.redirectUri,
		account: row.account,
		returnTo: row.returnTo,
		codeVerifier,
	};
}
