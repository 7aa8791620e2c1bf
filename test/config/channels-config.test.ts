import { describe, expect, it } from "vitest";
import { configWith, problemsWith } from "../support/config";

const KEY_A = "a".repeat(32);
const KEY_B = "b".repeat(40);
const PRODUCTION = { PUBLIC_BASE_URL: "https://shop.example.com", PAYMENT_PROVIDER: "stripe", STRIPE_SECRET_KEY: "sk_live_0123456789" };

describe("the channels' configuration", () => {
	it("defaults: no outside provider, the sandbox on a loopback address, keys derived, backoff from 5 s", () => {
		expect(configWith({}).channels).toEqual({ tokenKeys: null, cafe24: null, youtube: null, sandbox: true, retryBaseSeconds: 5 });
		expect(configWith(PRODUCTION).channels.sandbox).toBe(false);
	});

	it("reads CHANNEL_TOKEN_KEYS as kid:secret pairs, the current first", () => {
		expect(configWith({ CHANNEL_TOKEN_KEYS: `k2:${KEY_B}, k1:${KEY_A}` }).channels.tokenKeys).toEqual([
			{ kid: "k2", key: KEY_B },
			{ kid: "k1", key: KEY_A },
		]);
	});

	it.each([
		["a key without an id", KEY_A, /kid:secret pairs/],
		["a short secret", "k1:short", /kid:secret pairs/],
		["an id with a space", `k 1:${KEY_A}`, /kid:secret pairs/],
		["the same id twice", `k1:${KEY_A},k1:${KEY_B}`, /names a key id twice/],
	])("refuses %s, naming the variable and never the value", (_what, value, says) => {
		const problems = problemsWith({ CHANNEL_TOKEN_KEYS: value });
		expect(problems).toEqual([{ variable: "CHANNEL_TOKEN_KEYS", problem: expect.stringMatching(says) }]);
		expect(JSON.stringify(problems)).not.toContain(KEY_A);
	});

	it("takes each provider's client id and secret together", () => {
		expect(problemsWith({ CAFE24_CLIENT_ID: "cafe24-app" })).toEqual([{ variable: "CAFE24_CLIENT_SECRET", problem: expect.stringMatching(/go together/) }]);
		expect(problemsWith({ YOUTUBE_CLIENT_SECRET: "youtube-secret-0123456789" })).toEqual([
			{ variable: "YOUTUBE_CLIENT_ID", problem: expect.stringMatching(/go together/) },
		]);
		const config = configWith({
			CAFE24_CLIENT_ID: "cafe24-app",
			CAFE24_CLIENT_SECRET: "cafe24-secret-0123456789",
			CAFE24_API_BASE: "http://127.0.0.1:9/{mall_id}/",
		});
		expect(config.channels.cafe24).toEqual({
			clientId: "cafe24-app",
			clientSecret: "cafe24-secret-0123456789",
			scopes: ["mall.read_product", "mall.write_product", "mall.read_order"],
			apiBase: "http://127.0.0.1:9/{mall_id}",
		});
		expect(problemsWith({ CAFE24_API_BASE: "http://127.0.0.1:9/" })).toEqual([{ variable: "CAFE24_API_BASE", problem: expect.stringMatching(/\{mall_id\}/) }]);
	});

	it("fails closed in production: an outside provider needs keys of its own, and the sandbox is never on", () => {
		const youtube = { YOUTUBE_CLIENT_ID: "youtube-app", YOUTUBE_CLIENT_SECRET: "youtube-secret-0123456789" };
		expect(problemsWith({ ...PRODUCTION, ...youtube })).toEqual([{ variable: "CHANNEL_TOKEN_KEYS", problem: expect.stringMatching(/is not set/) }]);
		expect(problemsWith({ ...PRODUCTION, ...youtube, CHANNEL_TOKEN_KEYS: `k1:${KEY_A}` })).toEqual([]);
		expect(problemsWith({ ...PRODUCTION, CHANNEL_SANDBOX: "on" })).toEqual([{ variable: "CHANNEL_SANDBOX", problem: expect.stringMatching(/loopback/) }]);
		expect(configWith({ CHANNEL_SANDBOX: "off" }).channels.sandbox).toBe(false);
	});
});
