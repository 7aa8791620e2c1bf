import { and, eq, inArray, isNull } from "drizzle-orm";
import { sandboxItems, sandboxTokens } from "../../db/channels-schema";
import type { Db } from "../../db/client";
import { sha256Hex } from "../../lib/hash";
import { newId } from "../../lib/ids";
import { pkceChallenge, randomToken } from "../../lib/pkce";
import { ChannelAuthExpired, ChannelCallFailed, ChannelReauthRequired, type TokenSet } from "../adapter";

/**
 * The `local` provider's authorization server, inside the app: it speaks the flow the outside
 * providers speak (authorization code with PKCE S256, the exact redirect URI, one-use codes,
 * rotating refresh tokens, revocation), so the sandbox exercises the same connect path offline.
 * Codes and tokens are stored only as SHA-256 hashes.
 */

const CODE_TTL_MS = 10 * 60_000;
export const SANDBOX_ACCESS_TTL_MS = 60 * 60_000;
const REFRESH_TTL_MS = 30 * 86_400_000;

const hashOf = (token: string) => sha256Hex(`sandbox-token:${token}`);

/** Creates a sandbox account (a shop or channel that exists only here) and answers its id. */
export async function createSandboxAccount(db: Db, displayName: string, now: Date): Promise<string> {
	const account = newId("sbx");
	await db
		.insert(sandboxItems)
		.values({ id: account, account, kind: "account", data: JSON.stringify({ displayName }), createdAt: now.toISOString(), updatedAt: now.toISOString() });
	return account;
}

/** A sandbox account's name, or null when there is no such account. */
export async function sandboxAccountName(db: Db, account: string): Promise<string | null> {
	const row = await db.query.sandboxItems.findFirst({ where: and(eq(sandboxItems.id, account), eq(sandboxItems.kind, "account")) });
	return row ? (JSON.parse(row.data) as { displayName: string }).displayName : null;
}

/** The owner approved on the sandbox's consent page: a one-use code for the redirect. */
export async function issueSandboxCode(db: Db, grant: { account: string; codeChallenge: string; redirectUri: string }, now: Date): Promise<string> {
	const code = randomToken();
	await db.insert(sandboxTokens).values({
		tokenHash: await hashOf(code),
		account: grant.account,
		kind: "code",
		codeChallenge: grant.codeChallenge,
		redirectUri: grant.redirectUri,
		expiresAt: new Date(now.getTime() + CODE_TTL_MS).toISOString(),
		createdAt: now.toISOString(),
	});
	return code;
}

async function issueTokens(db: Db, account: string, now: Date): Promise<TokenSet> {
	const accessToken = `sbxa_${randomToken()}`;
	const refreshToken = `sbxr_${randomToken()}`;
	const accessExpiresAt = new Date(now.getTime() + SANDBOX_ACCESS_TTL_MS).toISOString();
	const refreshExpiresAt = new Date(now.getTime() + REFRESH_TTL_MS).toISOString();
	await db.insert(sandboxTokens).values([
		{ tokenHash: await hashOf(accessToken), account, kind: "access", expiresAt: accessExpiresAt, createdAt: now.toISOString() },
		{ tokenHash: await hashOf(refreshToken), account, kind: "refresh", expiresAt: refreshExpiresAt, createdAt: now.toISOString() },
	]);
	return { accessToken, refreshToken, accessExpiresAt, refreshExpiresAt, scopes: ["sandbox.shop", "sandbox.video"] };
}

/** Marks a code or refresh token used, once: a second redemption (a replay) finds it used and fails. */
async function spend(db: Db, tokenHash: string, now: Date): Promise<boolean> {
	const spent = await db
		.update(sandboxTokens)
		.set({ usedAt: now.toISOString() })
		.where(and(eq(sandboxTokens.tokenHash, tokenHash), isNull(sandboxTokens.usedAt), isNull(sandboxTokens.revokedAt)))
		.returning({ tokenHash: sandboxTokens.tokenHash });
	return spent.length === 1;
}

/** The token endpoint's `authorization_code` grant: the code once, its PKCE verifier, its exact redirect URI. */
export async function redeemSandboxCode(db: Db, input: { code: string; codeVerifier: string | null; redirectUri: string }, now: Date): Promise<TokenSet> {
	const tokenHash = await hashOf(input.code);
	const row = await db.query.sandboxTokens.findFirst({ where: and(eq(sandboxTokens.tokenHash, tokenHash), eq(sandboxTokens.kind, "code")) });
	const refuse = (why: string) => new ChannelCallFailed(`invalid_grant: ${why}`, false, 400);
	if (!row || row.expiresAt <= now.toISOString()) throw refuse("unknown or expired code");
	if (row.redirectUri !== input.redirectUri) throw refuse("redirect_uri does not match the authorization request");
	if (!input.codeVerifier || (await pkceChallenge(input.codeVerifier)) !== row.codeChallenge) throw refuse("code_verifier does not match the challenge");
	if (!(await spend(db, tokenHash, now))) throw refuse("code already used");
	return issueTokens(db, row.account, now);
}

/** The `refresh_token` grant: the refresh token rotates (the old one is spent); a spent, revoked or expired one needs a new connection. */
export async function refreshSandboxToken(db: Db, refreshToken: string, now: Date): Promise<TokenSet> {
	const tokenHash = await hashOf(refreshToken);
	const row = await db.query.sandboxTokens.findFirst({ where: and(eq(sandboxTokens.tokenHash, tokenHash), eq(sandboxTokens.kind, "refresh")) });
	if (!row || row.expiresAt <= now.toISOString() || !(await spend(db, tokenHash, now))) {
		throw new ChannelReauthRequired("the sandbox refused the refresh token (expired, used or revoked)");
	}
	return issueTokens(db, row.account, now);
}

/** The account an access token grants, or `ChannelAuthExpired` (as a provider's 401 would say). */
export async function sandboxAccountOf(db: Db, accessToken: string, now: Date): Promise<string> {
	const row = await db.query.sandboxTokens.findFirst({ where: and(eq(sandboxTokens.tokenHash, await hashOf(accessToken)), eq(sandboxTokens.kind, "access")) });
	if (!row || row.revokedAt || row.expiresAt <= now.toISOString()) throw new ChannelAuthExpired("the sandbox refused the access token (expired or revoked)");
	return row.account;
}

/** Revokes every access and refresh token of the account (disconnect). */
export async function revokeSandboxTokens(db: Db, account: string, now: Date): Promise<void> {
	await db
		.update(sandboxTokens)
		.set({ revokedAt: now.toISOString() })
		.where(and(eq(sandboxTokens.account, account), inArray(sandboxTokens.kind, ["access", "refresh"]), isNull(sandboxTokens.revokedAt)));
}

/** Ages an account's access tokens out (the sandbox page's "expire now", and tests of the refresh path). */
export async function expireSandboxAccessTokens(db: Db, account: string, now: Date): Promise<void> {
	await db
		.update(sandboxTokens)
		.set({ expiresAt: now.toISOString() })
		.where(and(eq(sandboxTokens.account, account), eq(sandboxTokens.kind, "access")));
}
