import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ChannelAuthExpired } from "../../src/channels/adapter";
import type { ChannelDeps } from "../../src/channels/deps";
import { localAdapter } from "../../src/channels/local/adapter";
import { createSandboxAccount, expireSandboxAccessTokens, issueSandboxCode, revokeSandboxTokens } from "../../src/channels/local/sandbox-oauth";
import { channelAdapterRegistry } from "../../src/channels/registry";
import { openToken, sealToken } from "../../src/channels/token-vault";
import { openChannelTokens, storeChannelTokens, withChannelSession } from "../../src/channels/tokens";
import { channels } from "../../src/db/channels-schema";
import { outsideHttp } from "../../src/lib/outside-http";
import { pkceChallenge, randomToken } from "../../src/lib/pkce";
import { insertConnectedChannel } from "../support/channel-helpers";
import { testAppDeps } from "../support/helpers";

const redirectUri = "http://localhost:8787/channels/callback/local";

/** The real channel deps with the sandbox adapter, and a sandbox channel connected through its own flow. */
async function sandboxChannel(now = () => new Date()) {
	const base = (await testAppDeps(now)).channels;
	const adapter = localAdapter({ db: base.db, files: base.files, baseUrl: "http://localhost:8787" }, { http: outsideHttp(), now });
	const deps: ChannelDeps = { ...base, adapters: channelAdapterRegistry([adapter]), now };
	const account = await createSandboxAccount(deps.db, "Token test", now());
	const verifier = randomToken();
	const code = await issueSandboxCode(deps.db, { account, codeChallenge: await pkceChallenge(verifier), redirectUri }, now());
	const tokens = await adapter.exchangeCode({ code, codeVerifier: verifier, redirectUri, account: null });
	const channel = await insertConnectedChannel(deps, { provider: "local", kind: "video", externalId: account, tokens });
	return { deps, adapter, account, channel };
}

const rowOf = async (deps: ChannelDeps, id: string) => {
	const row = await deps.db.query.channels.findFirst({ where: eq(channels.id, id) });
	if (!row) throw new Error("no channel row");
	return row;
};

describe("the token vault", () => {
	it("binds a sealed token to its row and field", async () => {
		const { tokenKeys } = (await testAppDeps()).channels;
		const sealed = await sealToken(tokenKeys, "chn_a", "access", "secret-token");
		expect(sealed.kid).toBe("k2");
		expect(sealed.ciphertext).not.toContain("secret-token");
		expect(await openToken(tokenKeys, "chn_a", "access", sealed)).toBe("secret-token");
		expect(await openToken(tokenKeys, "chn_b", "access", sealed)).toBeNull();
		expect(await openToken(tokenKeys, "chn_a", "refresh", sealed)).toBeNull();
		expect(await openToken(tokenKeys.slice(1), "chn_a", "access", sealed)).toBeNull();
	});
});

describe("withChannelSession", () => {
	it("calls with the stored access token while it is fresh", async () => {
		const { deps, channel } = await sandboxChannel();
		const before = await openChannelTokens(deps, channel);
		const seen = await withChannelSession(deps, channel.id, async (session, adapter) => {
			expect(session.accessToken).toBe(before?.accessToken);
			return adapter.describe(session);
		});
		expect(seen.externalId).toBe(channel.externalId);
		expect((await rowOf(deps, channel.id)).accessTokenEnc).toBe(channel.accessTokenEnc);
	});

	it("refreshes first when the token expires within five minutes, and stores the new tokens sealed", async () => {
		const { deps, channel } = await sandboxChannel();
		await deps.db
			.update(channels)
			.set({ accessExpiresAt: new Date(Date.now() + 60_000).toISOString() })
			.where(eq(channels.id, channel.id));
		const before = await openChannelTokens(deps, channel);
		const used = await withChannelSession(deps, channel.id, async (session) => session.accessToken);
		expect(used).not.toBe(before?.accessToken);
		const row = await rowOf(deps, channel.id);
		expect(await openChannelTokens(deps, row)).toMatchObject({ accessToken: used });
		expect(JSON.stringify(row)).not.toContain(used);
	});

	it("refreshes once when the provider refuses a token it had not yet expired", async () => {
		const { deps, channel, account } = await sandboxChannel();
		await expireSandboxAccessTokens(deps.db, account, new Date());
		let calls = 0;
		const described = await withChannelSession(deps, channel.id, async (session, adapter) => {
			calls++;
			return adapter.describe(session);
		});
		expect(calls).toBe(2);
		expect(described.externalId).toBe(account);
		// A refusal after the refresh is the caller's to handle: no loop.
		await expect(
			withChannelSession(deps, channel.id, async () => {
				throw new ChannelAuthExpired();
			}),
		).rejects.toBeInstanceOf(ChannelAuthExpired);
	});

	it("marks the channel needs_reauth when the refresh token is refused, and refuses further calls", async () => {
		const { deps, channel, account } = await sandboxChannel();
		await revokeSandboxTokens(deps.db, account, new Date());
		await expect(withChannelSession(deps, channel.id, (session, adapter) => adapter.describe(session))).rejects.toThrow(/refresh token/);
		const row = await rowOf(deps, channel.id);
		expect(row.status).toBe("needs_reauth");
		expect(row.lastError).toMatch(/refused the refresh token/);
		await expect(withChannelSession(deps, channel.id, async () => "never")).rejects.toMatchObject({ status: 409, code: "CHANNEL_NOT_CONNECTED" });
	});

	it("uses the tokens another worker refreshed when its own refresh token was already spent", async () => {
		const { deps, channel } = await sandboxChannel();
		await deps.db
			.update(channels)
			.set({ accessExpiresAt: new Date(Date.now() - 1000).toISOString() })
			.where(eq(channels.id, channel.id));
		// Two workers start on the same expired token; the sandbox rotates refresh tokens, so one refresh must lose.
		const [a, b] = await Promise.all([
			withChannelSession(deps, channel.id, async (session) => session.accessToken),
			withChannelSession(deps, channel.id, async (session) => session.accessToken),
		]);
		expect([a, b].every((token) => token.startsWith("sbxa_"))).toBe(true);
		expect((await rowOf(deps, channel.id)).status).toBe("connected");
	});

	it("seals tokens under the current key again when they were sealed under the previous one", async () => {
		const { deps, channel } = await sandboxChannel();
		const [current, previous] = deps.tokenKeys;
		if (!previous) throw new Error("the tests configure two keys");
		const opened = await openChannelTokens(deps, channel);
		const oldDeps: ChannelDeps = { ...deps, tokenKeys: [previous] };
		await storeChannelTokens(oldDeps, channel.id, {
			accessToken: opened?.accessToken ?? "",
			refreshToken: opened?.refreshToken ?? null,
			accessExpiresAt: channel.accessExpiresAt,
			refreshExpiresAt: channel.refreshExpiresAt,
			scopes: [],
		});
		expect((await rowOf(deps, channel.id)).tokenKid).toBe(previous.kid);
		await withChannelSession(deps, channel.id, (session, adapter) => adapter.describe(session));
		const row = await rowOf(deps, channel.id);
		expect(row.tokenKid).toBe(current.kid);
		expect(await openChannelTokens(deps, row)).toEqual(opened);
	});
});
