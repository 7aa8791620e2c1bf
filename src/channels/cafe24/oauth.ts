import { z } from "zod";
import { type AdapterContext, ChannelCallFailed, ChannelReauthRequired, type TokenSet } from "../adapter";
import { type Cafe24Config, cafe24ErrorMessage, mallBaseUrl, readJson, send } from "./api";

/**
 * Cafe24's OAuth 2.0 authorization-code flow, per mall: the authorize URL on the mall's own host,
 * the token endpoint with HTTP Basic client authentication, refresh (Cafe24 rotates the refresh
 * token: the old one stops working), and revoke. Access tokens last 2 hours, refresh tokens 2 weeks.
 */

/** Cafe24 writes times without a zone, in Korea Standard Time (UTC+9, no daylight saving). */
export function kstToIso(value: string): string {
	const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}+09:00`;
	const at = Date.parse(zoned);
	if (Number.isNaN(at)) throw new ChannelCallFailed(`Cafe24 sent an unreadable time: ${value}`, false, null);
	return new Date(at).toISOString();
}

const TokenAnswer = z.object({
	access_token: z.string().min(1),
	expires_at: z.string(),
	refresh_token: z.string().min(1),
	refresh_token_expires_at: z.string(),
	mall_id: z.string(),
	scopes: z.array(z.string()).default([]),
});

const basicAuth = (config: Cafe24Config) => `Basic ${btoa(`${config.clientId}:${config.clientSecret}`)}`;

export function authorizeUrl(config: Cafe24Config, input: { state: string; redirectUri: string; account: string | null }): string {
	if (!input.account) throw new ChannelCallFailed("Cafe24 needs the mall id to connect", false, null);
	const query = new URLSearchParams({
		response_type: "code",
		client_id: config.clientId,
		state: input.state,
		redirect_uri: input.redirectUri,
		scope: config.scopes.join(","),
	});
	return `${mallBaseUrl(config, input.account)}/api/v2/oauth/authorize?${query}`;
}

/** Posts a grant to the mall's token endpoint; `refusal` decides what a 4xx means for this grant. */
async function requestTokens(
	config: Cafe24Config,
	context: AdapterContext,
	mallId: string,
	operation: string,
	form: Record<string, string>,
	refusal: (message: string, status: number) => Error,
): Promise<TokenSet> {
	const response = await send(
		context,
		operation,
		`${mallBaseUrl(config, mallId)}/api/v2/oauth/token`,
		{
			method: "POST",
			headers: { Authorization: basicAuth(config), "Content-Type": "application/x-www-form-urlencoded" },
			body: new URLSearchParams(form).toString(),
		},
		// A refresh that failed with a 5xx changed nothing and may be sent again; a code is single-use.
		operation === "token.refresh",
	);
	const body = await readJson(response);
	if (!response.ok) {
		const message = cafe24ErrorMessage(body, response.status);
		if (response.status === 429 || response.status >= 500) throw new ChannelCallFailed(message, true, response.status);
		throw refusal(message, response.status);
	}
	const parsed = TokenAnswer.safeParse(body);
	if (!parsed.success) throw new ChannelCallFailed("Cafe24's token answer is not in the documented shape", false, response.status);
	// A token of another mall must never be stored under this one.
	if (parsed.data.mall_id !== mallId) throw new ChannelCallFailed("Cafe24 issued the token for another mall", false, response.status);
	return {
		accessToken: parsed.data.access_token,
		refreshToken: parsed.data.refresh_token,
		accessExpiresAt: kstToIso(parsed.data.expires_at),
		refreshExpiresAt: kstToIso(parsed.data.refresh_token_expires_at),
		scopes: parsed.data.scopes,
	};
}

export async function exchangeCode(
	config: Cafe24Config,
	context: AdapterContext,
	input: { code: string; redirectUri: string; account: string | null },
): Promise<TokenSet> {
	if (!input.account) throw new ChannelCallFailed("Cafe24 needs the mall id to connect", false, null);
	return requestTokens(
		config,
		context,
		input.account,
		"token.exchange",
		{ grant_type: "authorization_code", code: input.code, redirect_uri: input.redirectUri },
		(message, status) => new ChannelCallFailed(message, false, status),
	);
}

export function refreshTokens(config: Cafe24Config, context: AdapterContext, mallId: string, refreshToken: string): Promise<TokenSet> {
	// Any refusal of a refresh (invalid_grant: expired, used, revoked) means the merchant must connect again.
	return requestTokens(
		config,
		context,
		mallId,
		"token.refresh",
		{ grant_type: "refresh_token", refresh_token: refreshToken },
		(message) => new ChannelReauthRequired(message),
	);
}

/** Revokes each token held; a token Cafe24 no longer knows is as good as revoked. */
export async function revokeTokens(
	config: Cafe24Config,
	context: AdapterContext,
	mallId: string,
	tokens: { accessToken: string | null; refreshToken: string | null },
): Promise<"revoked"> {
	for (const token of [tokens.refreshToken, tokens.accessToken]) {
		if (!token) continue;
		const response = await send(
			context,
			"token.revoke",
			`${mallBaseUrl(config, mallId)}/api/v2/oauth/revoke`,
			{
				method: "POST",
				headers: { Authorization: basicAuth(config), "Content-Type": "application/x-www-form-urlencoded" },
				body: new URLSearchParams({ client_id: config.clientId, client_secret: config.clientSecret, token }).toString(),
			},
			// Revoking twice is revoking once.
			true,
		);
		const body = await readJson(response);
		if (!response.ok && response.status !== 400)
			throw new ChannelCallFailed(cafe24ErrorMessage(body, response.status), response.status === 429 || response.status >= 500, response.status);
	}
	return "revoked";
}
