import { createHash, randomBytes } from "node:crypto";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevIssuer, startDevIssuer } from "../../scripts/dev-oidc/issuer.ts";
import type { Tamper } from "../../scripts/dev-oidc/tokens.ts";

const CLIENT = { clientId: "dev-oidc-test", clientSecret: "dev-oidc-test-secret-0123456789" };
const REDIRECT_URI = "http://store.test/auth/callback";

/** A PKCE pair as a client makes it. */
function pkce() {
	const verifier = randomBytes(48).toString("base64url");
	return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

function authorizeQuery(challenge: string, extra: Record<string, string> = {}) {
	return new URLSearchParams({
		response_type: "code",
		client_id: CLIENT.clientId,
		redirect_uri: REDIRECT_URI,
		scope: "openid email profile",
		state: "state-1",
		nonce: "nonce-1",
		code_challenge: challenge,
		code_challenge_method: "S256",
		...extra,
	});
}

/** Signs in with `auto=1` and returns the code the issuer redirected with. */
async function codeFor(issuer: DevIssuer, challenge: string, email = "ada@example.com"): Promise<string> {
	const res = await fetch(`${issuer.issuer}/authorize?${authorizeQuery(challenge, { auto: "1", login_hint: email })}`, { redirect: "manual" });
	expect(res.status).toBe(302);
	const location = new URL(res.headers.get("location") ?? "");
	expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
	expect(location.searchParams.get("state")).toBe("state-1");
	return location.searchParams.get("code") ?? "";
}

function redeem(issuer: DevIssuer, fields: Record<string, string>, headers: Record<string, string> = {}) {
	return fetch(`${issuer.issuer}/token`, {
		method: "POST",
		headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
		body: new URLSearchParams({ grant_type: "authorization_code", redirect_uri: REDIRECT_URI, ...fields }),
	});
}

const basic = `Basic ${Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString("base64")}`;

describe("development OIDC issuer", () => {
	let issuer: DevIssuer;
	beforeAll(async () => {
		issuer = await startDevIssuer(CLIENT);
	});
	afterAll(async () => {
		await issuer.close();
	});

	it("publishes discovery and a JWKS whose key verifies its RS256 ID tokens", async () => {
		const discovery = (await (await fetch(`${issuer.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
		expect(discovery).toMatchObject({
			issuer: issuer.issuer,
			authorization_endpoint: `${issuer.issuer}/authorize`,
			token_endpoint: `${issuer.issuer}/token`,
			jwks_uri: `${issuer.issuer}/jwks`,
			code_challenge_methods_supported: ["S256"],
			id_token_signing_alg_values_supported: ["RS256"],
		});
		const { verifier, challenge } = pkce();
		const res = await redeem(issuer, { code: await codeFor(issuer, challenge), code_verifier: verifier }, { Authorization: basic });
		expect(res.status).toBe(200);
		expect(res.headers.get("cache-control")).toBe("no-store");
		const tokens = (await res.json()) as { id_token: string; token_type: string; access_token: string; expires_in: number };
		expect(tokens.token_type).toBe("Bearer");
		expect(tokens.access_token.length).toBeGreaterThan(20);
		const { payload, protectedHeader } = await jwtVerify(tokens.id_token, createRemoteJWKSet(new URL(`${issuer.issuer}/jwks`)), {
			issuer: issuer.issuer,
			audience: CLIENT.clientId,
			algorithms: ["RS256"],
		});
		expect(protectedHeader.alg).toBe("RS256");
		expect(payload).toMatchObject({ email: "ada@example.com", email_verified: true, nonce: "nonce-1", name: "Ada" });
		expect(payload.sub).toBe(createHash("sha256").update("ada@example.com").digest("hex").slice(0, 32));
	});

	it("shows the sign-in form prefilled from login_hint, and its post redirects with a code (303)", async () => {
		const { verifier, challenge } = pkce();
		const page = await fetch(`${issuer.issuer}/authorize?${authorizeQuery(challenge, { login_hint: "grace.hopper@example.com" })}`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain("Sign in to Edge Factory (development issuer)");
		expect(html).toContain('value="grace.hopper@example.com"');
		expect(html).toContain('value="Grace Hopper"');
		const form = new URLSearchParams(authorizeQuery(challenge, { email: "grace.hopper@example.com", name: "Grace B. Hopper" }));
		const posted = await fetch(`${issuer.issuer}/authorize`, { method: "POST", body: form, redirect: "manual" });
		expect(posted.status).toBe(303);
		const code = new URL(posted.headers.get("location") ?? "").searchParams.get("code") ?? "";
		const res = await redeem(issuer, { code, code_verifier: verifier, client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret });
		expect(res.status).toBe(200);
		const idToken = ((await res.json()) as { id_token: string }).id_token;
		const payload = JSON.parse(Buffer.from(idToken.split(".")[1] ?? "", "base64url").toString()) as { name: string };
		expect(payload.name).toBe("Grace B. Hopper");
	});

	it("refuses bad authorization requests with a page, never a redirect", async () => {
		const { challenge } = pkce();
		const refused: Record<string, string>[] = [
			{ client_id: "someone-else" },
			{ redirect_uri: "https://evil.example/steal" },
			{ code_challenge_method: "plain" },
			{ code_challenge: "" },
			{ response_type: "token" },
			{ scope: "email" },
		];
		for (const extra of refused) {
			const res = await fetch(`${issuer.issuer}/authorize?${authorizeQuery(challenge, { auto: "1", ...extra })}`, { redirect: "manual" });
			expect(res.status).toBe(400);
			expect(res.headers.get("location")).toBeNull();
		}
	});

	it("a wrong PKCE verifier is 400 invalid_grant, and the code is spent by the attempt", async () => {
		const { verifier, challenge } = pkce();
		const code = await codeFor(issuer, challenge);
		const wrong = await redeem(issuer, { code, code_verifier: pkce().verifier }, { Authorization: basic });
		expect(wrong.status).toBe(400);
		expect(await wrong.json()).toMatchObject({ error: "invalid_grant" });
		const right = await redeem(issuer, { code, code_verifier: verifier }, { Authorization: basic });
		expect(right.status).toBe(400);
	});

	it("a code works once, for its redirect URI and the right client secret only", async () => {
		const { verifier, challenge } = pkce();
		const code = await codeFor(issuer, challenge);
		const badSecret = await redeem(issuer, { code, code_verifier: verifier, client_id: CLIENT.clientId, client_secret: "nope" });
		expect(badSecret.status).toBe(401);
		expect(await badSecret.json()).toMatchObject({ error: "invalid_client" });

		const other = pkce();
		const code2 = await codeFor(issuer, other.challenge);
		const otherRedirect = await redeem(
			issuer,
			{ code: code2, code_verifier: other.verifier, redirect_uri: "http://elsewhere.test/auth/callback" },
			{ Authorization: basic },
		);
		expect(otherRedirect.status).toBe(400);

		const third = pkce();
		const code3 = await codeFor(issuer, third.challenge);
		expect((await redeem(issuer, { code: code3, code_verifier: third.verifier }, { Authorization: basic })).status).toBe(200);
		const replay = await redeem(issuer, { code: code3, code_verifier: third.verifier }, { Authorization: basic });
		expect(replay.status).toBe(400);
		expect(await replay.json()).toMatchObject({ error: "invalid_grant" });
	});

	it("the same e-mail always gets the same subject, another e-mail another one", async () => {
		const subjects: string[] = [];
		for (const email of ["same@example.com", "same@example.com", "other@example.com"]) {
			const { verifier, challenge } = pkce();
			const res = await redeem(issuer, { code: await codeFor(issuer, challenge, email), code_verifier: verifier }, { Authorization: basic });
			const idToken = ((await res.json()) as { id_token: string }).id_token;
			subjects.push((JSON.parse(Buffer.from(idToken.split(".")[1] ?? "", "base64url").toString()) as { sub: string }).sub);
		}
		expect(subjects[0]).toBe(subjects[1]);
		expect(subjects[2]).not.toBe(subjects[0]);
	});
});

describe("development OIDC issuer told to tamper", () => {
	const cases: [Tamper, (payload: Record<string, unknown>, alg: string) => void][] = [
		["nonce", (payload) => expect(payload.nonce).not.toBe("nonce-1")],
		["audience", (payload) => expect(payload.aud).not.toBe(CLIENT.clientId)],
		["issuer", (payload) => expect(String(payload.iss)).toMatch(/\/elsewhere$/)],
		["expired", (payload) => expect(Number(payload.exp)).toBeLessThan(Date.now() / 1000)],
		["alg-none", (_, alg) => expect(alg).toBe("none")],
		["hs256", (_, alg) => expect(alg).toBe("HS256")],
	];

	it.each(cases)("%s: issues a token a careful client refuses", async (tamper, check) => {
		const issuer = await startDevIssuer({ ...CLIENT, tamper });
		try {
			const { verifier, challenge } = pkce();
			const res = await redeem(issuer, { code: await codeFor(issuer, challenge), code_verifier: verifier }, { Authorization: basic });
			expect(res.status).toBe(200);
			const idToken = ((await res.json()) as { id_token: string }).id_token;
			const payload = JSON.parse(Buffer.from(idToken.split(".")[1] ?? "", "base64url").toString()) as Record<string, unknown>;
			check(payload, decodeProtectedHeader(idToken).alg ?? "");
			const keys = createRemoteJWKSet(new URL(`${issuer.issuer}/jwks`));
			const verified = jwtVerify(idToken, keys, { issuer: issuer.issuer, audience: CLIENT.clientId, algorithms: ["RS256", "ES256"] }).then(
				(result) => result.payload.nonce === "nonce-1",
				() => false,
			);
			expect(await verified).toBe(false);
		} finally {
			await issuer.close();
		}
	});
});
