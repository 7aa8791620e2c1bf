import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { channels } from "../../db/channels-schema";
import { AppError } from "../../lib/errors";
import { pkceChallenge, randomToken } from "../../lib/pkce";
import type { ChannelKind, ChannelProvider } from "../../shared/channels";
import type { ChannelDeps } from "../deps";
import { saveOauthState } from "./oauth-states";
import { type ChannelOwner, kindOf } from "./owner";
import { assertChannelSlot } from "./plan-gate";

/** A Cafe24 `mall_id`: lowercase letters, digits, `_` and `-`, as Cafe24 issues them. */
export const MallId = z.string().regex(/^[a-z0-9][a-z0-9_-]{1,49}$/);

/** The exact redirect URI of a provider's callback, registered with the provider as it is. */
export function redirectUriOf(baseUrl: string, provider: ChannelProvider): string {
	return `${baseUrl}/channels/callback/${provider}`;
}

export type StartConnectionInput = {
	provider: ChannelProvider;
	kind: ChannelKind;
	owner: ChannelOwner;
	/** The account the provider needs named first (Cafe24's `mall_id`), else null. */
	account: string | null;
	/** A path of this app to come back to. */
	returnTo: string;
	/** A channel of the owner's being connected again (needs_reauth): it keeps its plan slot. */
	reconnect?: string | null;
};

/**
 * Starts connecting an outside account: checks the provider offers the kind and the owner may
 * connect it (shops are the admins', video channels the users', within their plan's channel
 * limit, checked before anything is stored), stores the flow's state bound to the browser, and
 * answers the provider's authorization URL and the nonce for the browser's cookie.
 */
export async function startConnection(deps: ChannelDeps, input: StartConnectionInput): Promise<{ authorizeUrl: string; browserNonce: string }> {
	if (input.kind !== kindOf(input.owner)) {
		throw new AppError(403, "FORBIDDEN", input.kind === "shop" ? "Only the shop's admins connect shops." : "Video channels are connected by their users.");
	}
	const adapter = deps.adapters.get(input.provider);
	if (!adapter.kinds.includes(input.kind))
		throw new AppError(404, "CHANNEL_PROVIDER_UNAVAILABLE", `The ${input.provider} provider offers no ${input.kind} channels.`);
	let account: string | null = null;
	if (adapter.needsAccount) {
		const parsed = MallId.safeParse(input.account ?? "");
		if (!parsed.success)
			throw new AppError(400, "VALIDATION_FAILED", `The ${input.provider} provider needs the account's id (account: lowercase letters, digits, _ or -).`);
		account = parsed.data;
	}
	const now = deps.now();
	if (input.owner.userId !== null) {
		const reconnect = input.reconnect
			? await deps.db.query.channels.findFirst({
					where: and(eq(channels.id, input.reconnect), eq(channels.ownerKey, input.owner.ownerKey), eq(channels.provider, input.provider)),
				})
			: null;
		await assertChannelSlot(deps.db, input.owner.userId, now, reconnect?.id ?? null);
	}
	const state = randomToken(32);
	const browserNonce = randomToken(32);
	// 48 random bytes: a 64-character verifier, inside RFC 7636's 43–128.
	const codeVerifier = adapter.pkce ? randomToken(48) : null;
	const redirectUri = redirectUriOf(deps.config.baseUrl, input.provider);
	await saveOauthState(
		deps.db,
		deps.tokenKeys,
		{ state, browserNonce, provider: input.provider, owner: input.owner, redirectUri, account, returnTo: input.returnTo, codeVerifier },
		now,
	);
	const authorizeUrl = adapter.authorizeUrl({
		state,
		codeChallenge: codeVerifier === null ? null : await pkceChallenge(codeVerifier),
		redirectUri,
		account,
	});
	return { authorizeUrl, browserNonce };
}
