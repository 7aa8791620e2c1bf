import { afterEach, describe, expect, inject, it, vi } from "vitest";
import { logMailer } from "../../src/commerce/mail/log-mailer";
import { resendMailer } from "../../src/commerce/mail/resend-mailer";
import { selectMailer } from "../../src/commerce/mail/select";
import type { Mail } from "../../src/commerce/mail/types";
import { outsideHttp } from "../../src/lib/outside-http";
import { configWith, problemsWith } from "../support/config";

const KEY = "re_test_edge_factory";
const FROM = "Edge Factory <orders@example.com>";

/** A mail as the fake Resend recorded it (test/support/fakes/mail-server.ts). */
type SentMail = { id: string; from: string; to: string[]; subject: string; html: string | null; text: string | null; idempotencyKey: string | null };

function receipt(to = `buyer-${crypto.randomUUID()}@example.com`): Mail {
	return {
		to,
		subject: "Your download: Urban Beekeeping Starter Kit",
		text: "Download: http://localhost:8787/download/tok_1",
		html: '<p><a href="http://localhost:8787/download/tok_1">Download</a></p>',
	};
}

/** What the fake Resend received for one address. */
async function sentTo(address: string): Promise<SentMail[]> {
	const response = await fetch(`${inject("mailApiUrl")}/__sent?to=${encodeURIComponent(address)}`);
	return response.json<SentMail[]>();
}

afterEach(() => {
	vi.restoreAllMocks();
});

describe("logMailer", () => {
	it("writes the mail as one JSON log line and returns its id", async () => {
		const lines: string[] = [];
		vi.spyOn(console, "log").mockImplementation((line: unknown) => {
			lines.push(String(line));
		});
		const mail = receipt();
		const { id } = await logMailer({ from: FROM }).send(mail, { idempotencyKey: "receipt/ord_1" });
		expect(id).toMatch(/^log_/);
		expect(lines).toHaveLength(1);
		expect(JSON.parse(lines[0] ?? "")).toMatchObject({ level: "info", msg: "mail", id, from: FROM, ...mail, idempotencyKey: "receipt/ord_1" });
	});
});

describe("resendMailer against the fake Resend", () => {
	const mailer = () => resendMailer({ apiKey: KEY, from: FROM, apiUrl: inject("mailApiUrl") });

	it("sends the mail with its sender, recipient, subject and both bodies", async () => {
		const mail = receipt();
		const { id } = await mailer().send(mail);
		expect(await sentTo(mail.to)).toEqual([
			{ id, from: FROM, to: [mail.to], subject: mail.subject, html: mail.html, text: mail.text, idempotencyKey: null, receivedAt: expect.any(String) },
		]);
	});

	it("sends the Idempotency-Key, so a retried send arrives once", async () => {
		const mail = receipt();
		const key = `receipt/${crypto.randomUUID()}`;
		const first = await mailer().send(mail, { idempotencyKey: key });
		const retried = await mailer().send(mail, { idempotencyKey: key });
		expect(retried.id).toBe(first.id);
		const sent = await sentTo(mail.to);
		expect(sent.map((m) => [m.id, m.idempotencyKey])).toEqual([[first.id, key]]);
		// Without a key each send is a new mail.
		await mailer().send(mail);
		expect(await sentTo(mail.to)).toHaveLength(2);
	});

	it("fails with the status and the body's message: bad key, reused key, invalid address", async () => {
		const mail = receipt();
		const wrongKey = resendMailer({ apiKey: "not-a-resend-key", from: FROM, apiUrl: inject("mailApiUrl") });
		await expect(wrongKey.send(mail)).rejects.toThrow(/Resend answered 403: .*API key is invalid/);
		const noKey = resendMailer({ apiKey: "", from: FROM, apiUrl: inject("mailApiUrl") });
		await expect(noKey.send(mail)).rejects.toThrow(/Resend answered 401: .*Missing API key/);

		const key = `receipt/${crypto.randomUUID()}`;
		await mailer().send(mail, { idempotencyKey: key });
		await expect(mailer().send({ ...mail, subject: "Another" }, { idempotencyKey: key })).rejects.toThrow(/Resend answered 409: .*different request payload/);

		await expect(mailer().send(receipt("not-an-address"))).rejects.toThrow(/Resend answered 422: .*Invalid `to` field/);
		expect(await sentTo(mail.to)).toHaveLength(1);
	});
});

describe("resendMailer over the outside HTTP client", () => {
	/**
	 * A client whose first attempt reaches the fake Resend and then loses the answer (as a dropped
	 * connection would), and a sleep that records instead of waiting.
	 */
	function losingFirstAnswer() {
		const attempts: (string | null)[] = [];
		const delays: number[] = [];
		const http = outsideHttp({
			fetch: async (input, init) => {
				attempts.push(new Headers(init?.headers).get("Idempotency-Key"));
				const response = await fetch(input, init);
				if (attempts.length === 1) {
					await response.body?.cancel();
					throw new TypeError("Network connection lost.");
				}
				return response;
			},
			sleep: async (ms) => {
				delays.push(ms);
			},
		});
		return { http, attempts, delays };
	}

	it("retries a keyed send whose answer was lost, and the mail arrives once", async () => {
		const { http, attempts, delays } = losingFirstAnswer();
		const mail = receipt();
		const key = `mail-${crypto.randomUUID()}`;
		const { id } = await resendMailer({ apiKey: KEY, from: FROM, apiUrl: inject("mailApiUrl") }, http).send(mail, { idempotencyKey: key });
		expect(attempts).toEqual([key, key]);
		expect(delays).toHaveLength(1);
		expect(await sentTo(mail.to)).toMatchObject([{ id, idempotencyKey: key }]);
	});

	it("sends an unkeyed mail once: a lost answer is an error, not a second mail", async () => {
		const { http, attempts } = losingFirstAnswer();
		const mail = receipt();
		await expect(resendMailer({ apiKey: KEY, from: FROM, apiUrl: inject("mailApiUrl") }, http).send(mail)).rejects.toThrow(
			"Resend request failed: Network connection lost.",
		);
		expect(attempts).toEqual([null]);
		expect(await sentTo(mail.to)).toHaveLength(1);
	});
});

describe("selectMailer", () => {
	const mailerOf = (vars: Record<string, string>) => selectMailer(configWith(vars).mail, outsideHttp());

	it("logs by default and when asked to", () => {
		expect(mailerOf({}).name).toBe("log");
		expect(mailerOf({ MAIL_PROVIDER: "log", MAIL_API_KEY: KEY }).name).toBe("log");
		expect(mailerOf({ MAIL_PROVIDER: "", MAIL_FROM: "", MAIL_API_KEY: "", MAIL_API_URL: "" }).name).toBe("log");
	});

	it("picks resend when asked and keyed, and refuses resend without a key", () => {
		expect(mailerOf({ MAIL_PROVIDER: "resend", MAIL_API_KEY: KEY }).name).toBe("resend");
		expect(problemsWith({ MAIL_PROVIDER: "resend" })).toEqual([expect.objectContaining({ variable: "MAIL_API_KEY" })]);
		expect(problemsWith({ MAIL_PROVIDER: "resend", MAIL_API_KEY: "" })).toEqual([expect.objectContaining({ variable: "MAIL_API_KEY" })]);
	});

	it("wires MAIL_FROM and MAIL_API_URL into the resend mailer", async () => {
		const mailer = mailerOf({ MAIL_PROVIDER: "resend", MAIL_FROM: "Shop <shop@example.com>", MAIL_API_KEY: KEY, MAIL_API_URL: inject("mailApiUrl") });
		const mail = receipt();
		const { id } = await mailer.send(mail);
		expect(await sentTo(mail.to)).toMatchObject([{ id, from: "Shop <shop@example.com>", to: [mail.to] }]);
	});
});
