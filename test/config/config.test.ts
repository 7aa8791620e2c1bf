import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { app } from "../../src/app";
import { deriveKeys } from "../../src/config/keys";
import { parseConfig } from "../../src/config/settings";
import { configWith, problemsWith, VALID_VARS } from "../support/config";
import type { ErrorBody } from "../support/helpers";

/** The required variables, each with a malformed value and what the problem says about it. */
const REQUIRED: [variable: string, malformed: string, says: RegExp][] = [
	["PUBLIC_BASE_URL", "store.example.com", /http:\/\/ or https:\/\/ URL/],
	["ADMIN_API_KEY", "short-key", /at least 32 characters/],
	["DOWNLOAD_TOKEN_SECRET", "short-secret", /at least 32 characters/],
	["STRIPE_WEBHOOK_SECRET", "whsec_short", /at least 32 characters/],
	["PAYMENT_PROVIDER", "strpe", /"local" or "stripe"/],
	["GPU_GATEWAY_URL", "ftp://127.0.0.1:8788", /http:\/\/ or https:\/\/ URL/],
	["GPU_GATEWAY_SECRET", "0123456789", /at least 32 characters/],
];

afterEach(() => vi.restoreAllMocks());

/** A request to the app under a copy of the test bindings with `changes` (a new env object: parsed afresh). */
async function healthWith(changes: Record<string, string | undefined>) {
	const errors: string[] = [];
	vi.spyOn(console, "error").mockImplementation((line: unknown) => errors.push(String(line)));
	const res = await app.fetch(new Request("http://localhost:8787/healthz"), { ...env, ...changes });
	return { res, errors };
}

describe("the configuration", () => {
	it("parses the valid variables, with the documented defaults", () => {
		const config = configWith({});
		expect(config).toMatchObject({
			publicBaseUrl: "http://127.0.0.1:8787",
			payment: { provider: "local" },
			mail: { provider: "log" },
			llm: null,
			oidc: null,
			pipeline: { qaThreshold: 80, maxRegenerations: 2, retryBaseSeconds: 5 },
			limits: { download: 30, checkout: 10, admin: 100, generation: 6 },
			styleLimitPerArtist: 1,
			benchBaseline: false,
			i18n: { defaultLocale: "en", fallback: true },
		});
		expect(configWith({ DEFAULT_LOCALE: "ko", I18N_FALLBACK: "off" }).i18n).toEqual({ defaultLocale: "ko", fallback: false });
		expect(config.creditPackages.map((pkg) => pkg.credits)).toEqual([100, 500, 1000]);
	});

	it.each(REQUIRED)("names %s when it is missing or malformed, never its value", (variable, malformed, says) => {
		expect(problemsWith({ [variable]: undefined })).toEqual([{ variable, problem: "is not set" }]);
		expect(problemsWith({ [variable]: "" })).toEqual([{ variable, problem: "is not set" }]);
		const problems = problemsWith({ [variable]: malformed });
		expect(problems).toEqual([{ variable, problem: expect.stringMatching(says) }]);
		expect(JSON.stringify(problems)).not.toContain(malformed);
	});

	it("fails closed on the payment provider: never chosen by default, `local` only on a loopback address", () => {
		expect(problemsWith({ PAYMENT_PROVIDER: undefined })).toEqual([{ variable: "PAYMENT_PROVIDER", problem: "is not set" }]);
		expect(problemsWith({ PAYMENT_PROVIDER: "Local" })).toEqual([{ variable: "PAYMENT_PROVIDER", problem: 'must be "local" or "stripe"' }]);
		expect(problemsWith({ PUBLIC_BASE_URL: "https://shop.example.com" })).toEqual([
			{ variable: "PAYMENT_PROVIDER", problem: expect.stringContaining("not a loopback or localhost address") },
		]);
		for (const loopback of ["http://localhost:8787", "http://127.0.0.1", "https://shop.localhost", "http://[::1]:8787"]) {
			expect(problemsWith({ PUBLIC_BASE_URL: loopback }), loopback).toEqual([]);
		}
		expect(problemsWith({ PAYMENT_PROVIDER: "stripe", PUBLIC_BASE_URL: "https://shop.example.com" })).toEqual([
			{ variable: "STRIPE_SECRET_KEY", problem: 'is not set, and PAYMENT_PROVIDER is "stripe"' },
		]);
		expect(problemsWith({ PAYMENT_PROVIDER: "stripe", STRIPE_SECRET_KEY: "pk_live_abc" })).toEqual([
			{ variable: "STRIPE_SECRET_KEY", problem: expect.stringContaining("Stripe secret key") },
		]);
		const stripe = configWith({ PAYMENT_PROVIDER: "stripe", PUBLIC_BASE_URL: "https://shop.example.com", STRIPE_SECRET_KEY: "sk_live_abc123" });
		expect(stripe.payment).toEqual({ provider: "stripe", secretKey: "sk_live_abc123", apiBase: null });
	});

	it("refuses out-of-range and malformed settings instead of quietly using a default", () => {
		expect(problemsWith({ QA_THRESHOLD: "101" })).toEqual([{ variable: "QA_THRESHOLD", problem: "must be at most 100" }]);
		expect(problemsWith({ QA1_MAX_REGENERATIONS: "two" })).toEqual([{ variable: "QA1_MAX_REGENERATIONS", problem: expect.stringContaining("whole number") }]);
		expect(problemsWith({ DOWNLOAD_RATE_LIMIT_PER_MINUTE: "0" })).toEqual([{ variable: "DOWNLOAD_RATE_LIMIT_PER_MINUTE", problem: "must be at least 1" }]);
		expect(problemsWith({ STYLE_LIMIT_PER_ARTIST: "" })).toEqual([{ variable: "STYLE_LIMIT_PER_ARTIST", problem: expect.stringContaining("whole number") }]);
		expect(problemsWith({ DOWNLOAD_TOKEN_PREVIOUS_SECRET: "old" })).toEqual([
			{ variable: "DOWNLOAD_TOKEN_PREVIOUS_SECRET", problem: "must be empty or at least 32 characters" },
		]);
		expect(problemsWith({ ADMIN_EMAILS: "admin@example.com, not-an-address" })).toEqual([
			{ variable: "ADMIN_EMAILS", problem: expect.stringContaining("e-mail") },
		]);
		expect(problemsWith({ MAIL_PROVIDER: "smtp" })).toEqual([{ variable: "MAIL_PROVIDER", problem: 'must be "log" or "resend"' }]);
		expect(problemsWith({ DEFAULT_LOCALE: "ko-KR" })).toEqual([{ variable: "DEFAULT_LOCALE", problem: 'must be "en" or "ko"' }]);
		expect(problemsWith({ I18N_FALLBACK: "yes" })).toEqual([{ variable: "I18N_FALLBACK", problem: 'must be "on" or "off"' }]);
		expect(problemsWith({ OIDC_ISSUER: "https://accounts.google.com" }).map((p) => p.variable)).toEqual(["OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"]);
	});

	it("reports every problem at once, one per variable", () => {
		const result = parseConfig({ ...VALID_VARS, ADMIN_API_KEY: undefined, QA_THRESHOLD: "-1", PAYMENT_PROVIDER: "paypal" });
		expect(result.ok).toBe(false);
		expect(result.ok ? [] : result.problems.map((p) => p.variable).sort()).toEqual(["ADMIN_API_KEY", "PAYMENT_PROVIDER", "QA_THRESHOLD"]);
	});
});

describe("a deployed Worker with a broken configuration", () => {
	it.each(REQUIRED)("answers 503 CONFIG_INVALID when %s is missing or malformed, and logs its name (not its value)", async (variable, malformed) => {
		for (const value of [undefined, malformed]) {
			const { res, errors } = await healthWith({ [variable]: value });
			expect(res.status).toBe(503);
			expect(((await res.json()) as ErrorBody).error.code).toBe("CONFIG_INVALID");
			const logged = errors.find((line) => line.includes('"configuration invalid"'));
			expect(logged).toContain(`"${variable}"`);
			if (value) expect(logged).not.toContain(value);
		}
	});

	it("refuses the local provider behind a public https address, and a misspelled provider", async () => {
		for (const changes of [{ PUBLIC_BASE_URL: "https://shop.example.com" }, { PAYMENT_PROVIDER: "locale" }, { PAYMENT_PROVIDER: undefined }]) {
			const { res } = await healthWith(changes);
			expect(res.status, JSON.stringify(changes)).toBe(503);
			expect(((await res.json()) as ErrorBody).error.code).toBe("CONFIG_INVALID");
		}
	});

	it("serves again under a valid configuration", async () => {
		const { res } = await healthWith({});
		expect(res.status).toBe(200);
	});
});

describe("derived keys", () => {
	const secret = "root-secret-0123456789abcdefghijklmnopqrstuvwxyz";

	it("differ per purpose and from the secret, and are stable", async () => {
		const keys = await deriveKeys({ current: secret, previous: null });
		const text = new TextDecoder();
		const distinct = [text.decode(keys.links[0].key), keys.clientHash, text.decode(keys.progress), secret];
		expect(new Set(distinct).size).toBe(4);
		expect(await deriveKeys({ current: secret, previous: null })).toEqual(keys);
	});

	it("sign with the current secret's key and verify with every older one during a rotation", async () => {
		const previous = "older-secret-0123456789abcdefghijklmnopqrstuvwxyz";
		const rotated = await deriveKeys({ current: secret, previous });
		const before = await deriveKeys({ current: previous, previous: null });
		expect(rotated.links[0]).toEqual((await deriveKeys({ current: secret, previous: null })).links[0]);
		// Every key that verified before the rotation still verifies after it.
		for (const key of before.links) expect(rotated.links.map((k) => k.kid)).toContain(key.kid);
	});
});
