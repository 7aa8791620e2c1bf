import { z } from "zod";
import { type AccountDescription, type AdapterContext, ChannelCallFailed, ChannelReauthRequired, type TokenSet } from "../adapter";
import { bearer, type GoogleEndpoints, readYoutubeJson, type YoutubeConfig, youtubeFetch, youtubeJson } from "./api";

/**
 * Google's OAuth 2.0 for a web server app: the authorization-code flow with PKCE (S256) and
 * offline access (a refresh token), token refresh (Google does not rotate refresh tokens) and
 * revocation (revoking the refresh token ends the whole grant).
 */

/**
 * Uploading needs `youtube.upload`; reading the channel's name and the videos' statistics needs
 * `youtube.readonly`. Neither lets this app edit or delete what the channel already holds.
 */
export const YOUTUBE_SCOPES = ["https://www.googleapis.com/auth/youtube.upload", "https://www.googleapis.com/auth/youtube.readonly"] as const;

/** The consent page's URL: offline access, and `prompt=consent` so Google issues a refresh token on every connect. */
export function youtubeAuthorizeUrl(
	config: YoutubeConfig,
	endpoints: GoogleEndpoints,
	input: { state: string; codeChallenge: string | null; redirectUri: string },
): string {
	const params = new URLSearchParams({
		client_id: config.clientId,
		redirect_uri: input.redirectUri,
		response_type: "code",
		scope: YOUTUBE_SCOPES.join(" "),
		access_type: "offline",
		prompt: "consent",
		include_granted_scopes: "true",
		state: input.state,
	});
	if (input.codeChallenge) {
		params.set("code_challenge", input.codeChallenge);
		params.set("code_challenge_method", "S256");
	}
	return `${endpoints.authorize}?${params.toString()}`;
}

const TokenResponse = z.object({
	access_token: z.string().min(1),
	expires_in: z.number().int().positive().optional(),
	refresh_token: z.string().min(1).optional(),
	scope: z.string().optional(),
	token_type: z.string(),
});

/** OAuth's error answer: `{error, error_description}`. */
const OAuthError = z.object({ error: z.string(), error_description: z.string().optional() });

function tokenSet(body: z.infer<typeof TokenResponse>, now: Date): TokenSet {
	return {
		accessToken: body.access_token,
		refreshToken: body.refresh_token ?? null,
		accessExpiresAt: body.expires_in ? new Date(now.getTime() + body.expires_in * 1000).toISOString() : null,
		// Google's refresh tokens carry no stated expiry (they lapse on revocation or six months unused).
		refreshExpiresAt: null,
		scopes: body.scope ? body.scope.split(" ").filter(Boolean) : [],
	};
}

type TokenFailure = { status: number; error: string; message: string };

/** POSTs a form to the token endpoint: the tokens, or Google's refusal in its words. */
async function postToken(
	context: AdapterContext,
	endpoints: GoogleEndpoints,
	operation: string,
	form: Record<string, string>,
	repeatable: boolean,
): Promise<TokenSet | TokenFailure> {
	const response = await youtubeFetch(
		context,
		// A code is single-use, so its exchange is never sent twice; a refresh changes nothing when repeated.
		repeatable ? { operation, repeatable: true } : { operation, retry: "never" },
		endpoints.token,
		{ method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form).toString() },
	);
	const body = await readYoutubeJson(response);
	if (response.ok) {
		const parsed = TokenResponse.safeParse(body);
		if (!parsed.success) throw new ChannelCallFailed(`Google ${operation} answered a body this adapter does not understand`, false, response.status);
		return tokenSet(parsed.data, context.now());
	}
	const refusal = OAuthError.safeParse(body);
	const error = refusal.success ? refusal.data.error : "unknown_error";
	const description = refusal.success && refusal.data.error_description ? ` (${refusal.data.error_description})` : "";
	if (response.status === 429 || response.status >= 500)
		throw new ChannelCallFailed(`Google ${operation} answered ${response.status}: ${error}`, true, response.status);
	return { status: response.status, error, message: `Google refused ${operation}: ${error}${description}` };
}

/** Exchanges the callback's code (with the PKCE verifier) for tokens; a refusal is not retryable. */
export async function youtubeExchangeCode(
	config: YoutubeConfig,
	endpoints: GoogleEndpoints,
	context: AdapterContext,
	input: { code: string; codeVerifier: string | null; redirectUri: string },
): Promise<TokenSet> {
	const form: Record<string, string> = {
		code: input.code,
		client_id: config.clientId,
		client_secret: config.clientSecret,
		redirect_uri: input.redirectUri,
		grant_type: "authorization_code",
	};
	if (input.codeVerifier) form.code_verifier = input.codeVerifier;
	const result = await postToken(context, endpoints, "token.exchange", form, false);
	if ("accessToken" in result) return result;
	throw new ChannelCallFailed(result.message, false, result.status);
}

/**
 * A new access token from the refresh token. `invalid_grant` (revoked, expired, unused six
 * months, the app in Testing for 7 days) → `ChannelReauthRequired`: only the owner can fix it.
 */
export async function youtubeRefresh(config: YoutubeConfig, endpoints: GoogleEndpoints, context: AdapterContext, refreshToken: string): Promise<TokenSet> {
	const result = await postToken(
		context,
		endpoints,
		"token.refresh",
		{ refresh_token: refreshToken, client_id: config.clientId, client_secret: config.clientSecret, grant_type: "refresh_token" },
		true,
	);
	if ("accessToken" in result) return result;
	if (result.error === "invalid_grant") throw new ChannelReauthRequired(result.message);
	// invalid_client and the like are this deployment's configuration, which connecting again would not fix.
	throw new ChannelCallFailed(result.message, false, result.status);
}

/**
 * Revokes the grant: the refresh token when held (that ends the access tokens too), else the
 * access token. A refresh token Google no longer knows (`invalid_token`) means the grant is gone already.
 */
export async function youtubeRevoke(
	endpoints: GoogleEndpoints,
	context: AdapterContext,
	tokens: { accessToken: string | null; refreshToken: string | null },
): Promise<"revoked"> {
	const token = tokens.refreshToken ?? tokens.accessToken;
	if (!token) throw new ChannelCallFailed("no token is held, so there is no grant to revoke", false, null);
	const response = await youtubeFetch(context, { operation: "token.revoke", repeatable: true }, endpoints.revoke, {
		method: "POST",
		headers: { "Content-Type": "application/x-www-form-urlencoded" },
		body: new URLSearchParams({ token }).toString(),
	});
	const body = await readYoutubeJson(response);
	if (response.ok) return "revoked";
	const refusal = OAuthError.safeParse(body);
	const error = refusal.success ? refusal.data.error : `status ${response.status}`;
	if (error === "invalid_token" && tokens.refreshToken) return "revoked";
	throw new ChannelCallFailed(`Google refused the revocation: ${error}`, response.status >= 500, response.status);
}

const ChannelSnippetList = z.object({
	items: z.array(z.object({ id: z.string().min(1), snippet: z.object({ title: z.string() }) })).default([]),
});

/** The YouTube channel of the account that consented. */
export async function youtubeDescribe(endpoints: GoogleEndpoints, context: AdapterContext, session: { accessToken: string }): Promise<AccountDescription> {
	const list = await youtubeJson(
		context,
		{ operation: "channels.list" },
		`${endpoints.api}/channels?part=snippet&mine=true`,
		{ headers: bearer(session) },
		ChannelSnippetList,
	);
	const [channel] = list.items;
	// A Google account can exist without a YouTube channel; uploading would fail, so connecting does.
	if (!channel) throw new ChannelCallFailed("this Google account has no YouTube channel yet: create one on YouTube, then connect again", false, 200);
	return { externalId: channel.id, displayName: channel.snippet.title };
}
