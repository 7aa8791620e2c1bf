import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { getDb } from "../../src/db/client";
import { outsideHttp } from "../../src/lib/outside-http";
import { coolSmsAuthorization, coolSmsProvider } from "../../src/sms/coolsms";
import { selectSmsProvider } from "../../src/sms/select";
import { configWith } from "../../test/support/config";
import { COOLSMS_TEST_ACCOUNT } from "../support/fakes/coolsms-credentials";
import type { CoolSmsAttempt, CoolSmsSent } from "../support/fakes/coolsms-server";

const api = () => inject("coolsmsApiBase");
const provider = (overrides: Partial<Parameters<typeof coolSmsProvider>[0]> = {}) => coolSmsProvider({ ...COOLSMS_TEST_ACCOUNT, apiBase: api(), ...overrides });

/** Eight random digits. */
function randomEight(): string {
	const [value = 0] = crypto.getRandomValues(new Uint32Array(1));
	return String(value % 100_000_000);
}

/** A fresh mobile number per test, so the fake's lists and injected failures are this test's alone. */
function newNumber(): string {
	return `010${String(randomEight()).padStart(8, "0")}`;
}

async function sentTo(to: string): Promise<CoolSmsSent[]> {
	return (await fetch(`${api()}/__sent?to=${to}`)).json<CoolSmsSent[]>();
}

async function attemptsTo(to: string): Promise<CoolSmsAttempt[]> {
	return (await fetch(`${api()}/__attempts?to=${to}`)).json<CoolSmsAttempt[]>();
}

async function failNext(to: string, count: number, extra: { status?: number; hangMs?: number } = {}): Promise<void> {
	const response = await fetch(`${api()}/__control/fail`, { method: "POST", body: JSON.stringify({ to, count, ...extra }) });
	expect(response.status).toBe(200);
}

async function hmacHex(secret: string, data: string): Promise<string> {
	const encoder = new TextEncoder();
	const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
	return [...new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(data)))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

describe("CoolSMS signature", () => {
	it("is HMAC-SHA256 of date + salt under the secret, in CoolSMS's header format", async () => {
		const date = new Date("2026-12-04T09:00:00.000Z");
		const header = await coolSmsAuthorization("NCSKEY", "secret-0123456789", date, "0123456789abcdef");
		const expected = await hmacHex("secret-0123456789", "2026-12-04T09:00:00.000Z0123456789abcdef");
		expect(header).toBe(`HMAC-SHA256 apiKey=NCSKEY, date=2026-12-04T09:00:00.000Z, salt=0123456789abcdef, signature=${expected}`);
	});

	it("uses a fresh salt of 32 hex digits each time, so no two signatures repeat", async () => {
		const date = new Date();
		const [a, b] = await Promise.all([coolSmsAuthorization("k", "s", date), coolSmsAuthorization("k", "s", date)]);
		const salt = (header: string) => /salt=([0-9a-f]+),/.exec(header)?.[1];
		expect(salt(a)).toMatch(/^[0-9a-f]{32}$/);
		expect(salt(a)).not.toBe(salt(b));
	});
});

describe("CoolSMS provider against the fake", () => {
	it("sends one message, accepted with CoolSMS's message id; the fake verified the signature", async () => {
		const to = newNumber();
		const result = await provider().send({ to, text: "[Find My Rizz]\n테스트 메시지입니다." });
		expect(result).toEqual({ ok: true, messageId: expect.stringMatching(/^M4V\d{14}[A-Z0-9]{15}$/) });
		const sent = await sentTo(to);
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatchObject({ to, from: COOLSMS_TEST_ACCOUNT.sender, text: "[Find My Rizz]\n테스트 메시지입니다." });
		expect(result.ok && result.messageId).toBe(sent[0]?.messageId);
	});

	it("is refused with a wrong secret (403 SignatureDoesNotMatch), not retryable, nothing sent", async () => {
		const to = newNumber();
		const result = await provider({ apiSecret: "WRONGSECRET0123456789ABCDEF" }).send({ to, text: "hello" });
		expect(result).toMatchObject({ ok: false, retryable: false });
		expect(!result.ok && result.error).toContain("403 SignatureDoesNotMatch");
		expect(await sentTo(to)).toEqual([]);
		expect((await attemptsTo(to)).map((a) => [a.status, a.errorCode])).toEqual([[403, "SignatureDoesNotMatch"]]);
	});

	it("is refused with an unknown API key (403 InvalidAPIKey), not retryable", async () => {
		const to = newNumber();
		const result = await provider({ apiKey: "NCSUNKNOWNKEY999" }).send({ to, text: "hello" });
		expect(result).toMatchObject({ ok: false, retryable: false });
		expect(!result.ok && result.error).toContain("InvalidAPIKey");
		expect(await sentTo(to)).toEqual([]);
	});

	it("is refused when its clock is more than 15 minutes off (403 RequestTimeTooSkewed)", async () => {
		const to = newNumber();
		const result = await provider({ now: () => new Date(Date.now() - 20 * 60_000) }).send({ to, text: "hello" });
		expect(result).toMatchObject({ ok: false, retryable: false });
		expect(!result.ok && result.error).toContain("RequestTimeTooSkewed");
	});

	it("refuses a replayed signature (403 DuplicatedSignature) at the fake", async () => {
		const to = newNumber();
		const authorization = await coolSmsAuthorization(COOLSMS_TEST_ACCOUNT.apiKey, COOLSMS_TEST_ACCOUNT.apiSecret, new Date());
		const body = JSON.stringify({ message: { to, from: COOLSMS_TEST_ACCOUNT.sender, text: "hello" } });
		const init = { method: "POST", headers: { Authorization: authorization, "Content-Type": "application/json" }, body };
		expect((await fetch(`${api()}/messages/v4/send`, init)).status).toBe(200);
		const replay = await fetch(`${api()}/messages/v4/send`, init);
		expect(replay.status).toBe(403);
		expect(await replay.json()).toMatchObject({ errorCode: "DuplicatedSignature" });
		expect(await sentTo(to)).toHaveLength(1);
	});

	it("maps a 5xx to a retryable failure, sent once: the client never repeats an SMS", async () => {
		const to = newNumber();
		await failNext(to, 1, { status: 503 });
		const result = await provider().send({ to, text: "hello" });
		expect(result).toMatchObject({ ok: false, retryable: true });
		expect(!result.ok && result.error).toContain("503");
		expect((await attemptsTo(to)).map((attempt) => attempt.status)).toEqual([503]);
		// The next send goes through.
		expect(await provider().send({ to, text: "hello" })).toMatchObject({ ok: true });
	});

	it("gives up on a hung request at its timeout, as a retryable failure", async () => {
		const to = newNumber();
		await failNext(to, 1, { hangMs: 1_500 });
		const started = Date.now();
		const result = await provider({ timeoutMs: 200 }).send({ to, text: "hello" });
		expect(Date.now() - started).toBeLessThan(1_400);
		expect(result).toMatchObject({ ok: false, retryable: true });
		expect(!result.ok && result.error).toMatch(/CoolSMS request failed/);
	});

	it("maps an unreachable host to a retryable failure", async () => {
		const result = await provider({ apiBase: "http://127.0.0.1:9", timeoutMs: 2_000 }).send({ to: newNumber(), text: "hello" });
		expect(result).toMatchObject({ ok: false, retryable: true });
	});

	it("maps a bad number (400 ValidationError) to a failure that is not retried, without the number in it", async () => {
		const to = "0101234";
		const result = await provider().send({ to, text: "hello" });
		expect(result).toMatchObject({ ok: false, retryable: false });
		expect(!result.ok && result.error).toContain("400 ValidationError");
		expect(!result.ok && result.error).not.toContain(to);
	});

	it("maps an unregistered sender to a failure that is not retried", async () => {
		const result = await provider({ sender: "0299999999" }).send({ to: newNumber(), text: "hello" });
		expect(result).toMatchObject({ ok: false, retryable: false });
	});
});

describe("SMS provider selection", () => {
	it("is the log provider by default", () => {
		const config = configWith({});
		expect(selectSmsProvider(config.sms, getDb(env.DB), () => new Date(), outsideHttp()).name).toBe("log");
	});

	it("is CoolSMS when SMS_PROVIDER=coolsms, sending to COOLSMS_API_BASE", async () => {
		const config = configWith({
			SMS_PROVIDER: "coolsms",
			SMS_SENDER: COOLSMS_TEST_ACCOUNT.sender,
			COOLSMS_API_KEY: COOLSMS_TEST_ACCOUNT.apiKey,
			COOLSMS_API_SECRET: COOLSMS_TEST_ACCOUNT.apiSecret,
			COOLSMS_API_BASE: api(),
		});
		const sms = selectSmsProvider(config.sms, getDb(env.DB), () => new Date(0), outsideHttp());
		expect(sms.name).toBe("coolsms");
		const to = newNumber();
		// A test clock far from now does not date the signature: CoolSMS compares it with real time.
		expect(await sms.send({ to, text: "hello" })).toMatchObject({ ok: true });
		expect(await sentTo(to)).toHaveLength(1);
	});
});
