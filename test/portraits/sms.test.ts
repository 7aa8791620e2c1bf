import { eq } from "drizzle-orm";
import { afterEach, describe, expect, inject, it, vi } from "vitest";
import { portraitJobs, smsLogs } from "../../src/db/schema";
import { sha256Hex } from "../../src/lib/hash";
import type { PortraitDeps } from "../../src/portraits/deps";
import { PORTRAIT_HANDLERS } from "../../src/portraits/handlers";
import { newJobKey, newPortraitJobId } from "../../src/portraits/jobs";
import { PORTRAIT_QUEUE } from "../../src/portraits/messages";
import { lastFour, nationalNumber } from "../../src/portraits/phone";
import { phoneHash, sealPhone } from "../../src/portraits/phone-seal";
import { consumePortraitBatch } from "../../src/portraits/queue";
import { portraitRefundSmsText, portraitSmsText, SMS_MAX_ATTEMPTS, smsHandler } from "../../src/portraits/sms";
import { coolSmsProvider } from "../../src/sms/coolsms";
import { logSmsProvider } from "../../src/sms/log-provider";
import type { SmsMessage, SmsProvider } from "../../src/sms/types";
import { captureConsole } from "../support/console-capture";
import { COOLSMS_TEST_ACCOUNT } from "../support/fakes/coolsms-credentials";
import type { CoolSmsSent } from "../support/fakes/coolsms-server";
import { testAppDeps } from "../support/helpers";

const api = () => inject("coolsmsApiBase");

afterEach(() => {
	vi.restoreAllMocks();
});

/** A provider that counts what it is asked to send, optionally slow (to overlap two deliveries). */
function counting(inner: SmsProvider, delayMs = 0): SmsProvider & { calls: SmsMessage[] } {
	const calls: SmsMessage[] = [];
	return {
		name: inner.name,
		calls,
		async send(message) {
			calls.push(message);
			if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
			return inner.send(message);
		},
	};
}

const coolsms = (apiSecret: string = COOLSMS_TEST_ACCOUNT.apiSecret) => coolSmsProvider({ ...COOLSMS_TEST_ACCOUNT, apiSecret, apiBase: api() });

async function smsDeps(sms: SmsProvider): Promise<PortraitDeps> {
	const { portraits } = await testAppDeps();
	return { ...portraits, sms };
}

/** Eight random digits. */
function randomEight(): string {
	const [value = 0] = crypto.getRandomValues(new Uint32Array(1));
	return String(value % 100_000_000);
}

/** A fresh E.164 mobile number per job, so the fake's lists and injected failures are this test's alone. */
function newE164(): string {
	return `+8210${String(randomEight()).padStart(8, "0")}`;
}

type JobRow = typeof portraitJobs.$inferInsert;

/** A job row inserted directly (completed, paid, its number sealed and hashed), without the rest of the flow. */
async function insertJob(deps: PortraitDeps, overrides: Partial<JobRow> = {}, e164 = newE164()) {
	const id = newPortraitJobId();
	const sealed = await sealPhone(deps.keys.phoneSeal, e164, id);
	const hash = await phoneHash(deps.keys.phoneHash, id, e164);
	const now = Date.now();
	await deps.db.insert(portraitJobs).values({
		id,
		status: "completed",
		keyHash: await sha256Hex(newJobKey()),
		priceCents: 9900,
		currency: "krw",
		provider: "local",
		paidAt: new Date(now - 600_000).toISOString(),
		phoneCiphertext: sealed.ciphertext,
		phoneKeyId: sealed.kid,
		phoneHash: hash,
		phoneLast4: lastFour(e164),
		expiresAt: new Date(now + 24 * 3_600_000).toISOString(),
		completedAt: new Date(now).toISOString(),
		...overrides,
	});
	return { id, e164, national: nationalNumber(e164), hash };
}

async function jobRow(deps: PortraitDeps, id: string) {
	const row = await deps.db.query.portraitJobs.findFirst({ where: eq(portraitJobs.id, id) });
	if (!row) throw new Error(`job ${id} missing`);
	return row;
}

function logRows(deps: PortraitDeps, id: string) {
	return deps.db.select().from(smsLogs).where(eq(smsLogs.jobId, id)).orderBy(smsLogs.attempt);
}

async function sentTo(to: string): Promise<CoolSmsSent[]> {
	return (await fetch(`${api()}/__sent?to=${to}`)).json<CoolSmsSent[]>();
}

async function failNext(to: string, count: number): Promise<void> {
	expect((await fetch(`${api()}/__control/fail`, { method: "POST", body: JSON.stringify({ to, count }) })).status).toBe(200);
}

/** Every console line written while `run` runs. */
async function consoleLines(run: () => Promise<void>): Promise<string[]> {
	const lines = captureConsole();
	try {
		await run();
	} finally {
		lines.stop();
	}
	return lines.all;
}

const SEED_TEXT = (url: string) =>
	["[Find My Rizz]", "나의 리즈 사진이 완성되었습니다!", "아래 링크에서 24시간 내에 확인하세요.", url, "", "※ 24시간 후 자동 삭제됩니다."].join("\n");

describe("SMS texts", () => {
	it("the ready SMS is exactly the seed's text with the result link", () => {
		const url = "http://localhost:8787/result/ptj_0123456789abcdef0123456789abcdef";
		expect(portraitSmsText(url)).toBe(SEED_TEXT(url));
	});

	it("the refund SMS is short Korean naming the refunded amount", () => {
		const text = portraitRefundSmsText(9900, "krw");
		expect(text.startsWith("[Find My Rizz]\n")).toBe(true);
		expect(text).toContain("₩9,900");
		expect(text).toContain("환불했습니다");
		expect(text.length).toBeLessThan(90);
	});
});

describe("sms handler: ready SMS", () => {
	it("sends the seed's text once through the log provider; accepted → sent time set, sealed number gone, hash kept", async () => {
		const sms = counting(logSmsProvider());
		const deps = await smsDeps(sms);
		const job = await insertJob(deps);
		expect(await logRows(deps, job.id)).toEqual([]);

		expect(await smsHandler.run(deps, job.id, 1)).toBe("done");

		const text = SEED_TEXT(`${deps.config.baseUrl}/result/${job.id}`);
		expect(sms.calls).toEqual([{ to: job.national, text }]);
		const rows = await logRows(deps, job.id);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			purpose: "portrait_ready",
			provider: "log",
			attempt: 1,
			outcome: "accepted",
			body: text,
			recipientMasked: `010-****-${job.e164.slice(-4)}`,
			providerMessageId: expect.stringMatching(/^log_/),
			error: null,
		});
		const after = await jobRow(deps, job.id);
		expect(after.status).toBe("completed");
		expect(after.smsSentAt).not.toBeNull();
		expect(after.phoneCiphertext).toBeNull();
		expect(after.phoneKeyId).toBeNull();
		expect(after.phoneHash).toBe(job.hash);
		expect(after.smsLeaseUntil).toBeNull();
	});

	it("a redelivery sends nothing twice, and two overlapping deliveries send once", async () => {
		const sms = counting(logSmsProvider(), 300);
		const deps = await smsDeps(sms);
		const job = await insertJob(deps);
		const [first, second] = await Promise.all([smsHandler.run(deps, job.id, 1), smsHandler.run(deps, job.id, 1)]);
		// One held the lease and sent; the other is told to come back when the lease runs out.
		expect([first, second]).toContainEqual("done");
		expect(sms.calls).toHaveLength(1);
		expect(await smsHandler.run(deps, job.id, 2)).toBe("done");
		expect(await smsHandler.run(deps, job.id, 3)).toBe("done");
		expect(sms.calls).toHaveLength(1);
		expect(await logRows(deps, job.id)).toHaveLength(1);
	});

	it("an accepted attempt in sms_logs is never repeated, even if the job row was not marked", async () => {
		const sms = counting(logSmsProvider());
		const deps = await smsDeps(sms);
		const job = await insertJob(deps);
		expect(await smsHandler.run(deps, job.id, 1)).toBe("done");
		// As if the job's update were lost: the log row alone keeps it from sending again.
		await deps.db.update(portraitJobs).set({ smsSentAt: null }).where(eq(portraitJobs.id, job.id));
		expect(await smsHandler.run(deps, job.id, 2)).toBe("done");
		expect(sms.calls).toHaveLength(1);
		expect((await jobRow(deps, job.id)).smsSentAt).not.toBeNull();
	});

	it("retries through CoolSMS with backoff 5 s then 10 s until accepted, each attempt a row", async () => {
		const sms = counting(coolsms());
		const deps = await smsDeps(sms);
		const job = await insertJob(deps);
		await failNext(job.national, 2);

		expect(await smsHandler.run(deps, job.id, 1)).toEqual({ retryInSeconds: 5 });
		const between = await jobRow(deps, job.id);
		expect(between.smsSentAt).toBeNull();
		expect(between.phoneCiphertext).not.toBeNull();
		expect(await smsHandler.run(deps, job.id, 2)).toEqual({ retryInSeconds: 10 });
		expect(await smsHandler.run(deps, job.id, 3)).toBe("done");

		const rows = await logRows(deps, job.id);
		expect(rows.map((row) => [row.attempt, row.outcome, row.provider])).toEqual([
			[1, "failed", "coolsms"],
			[2, "failed", "coolsms"],
			[3, "accepted", "coolsms"],
		]);
		expect(rows[0]?.error).toContain("500 InternalError");
		const sent = await sentTo(job.national);
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatchObject({ to: job.national, from: COOLSMS_TEST_ACCOUNT.sender, text: SEED_TEXT(`${deps.config.baseUrl}/result/${job.id}`) });
		expect(rows[2]?.providerMessageId).toBe(sent[0]?.messageId);
		const after = await jobRow(deps, job.id);
		expect(after.phoneCiphertext).toBeNull();
		expect(after.phoneHash).toBe(job.hash);
	});

	it("gives up after 4 attempts (5 s, 10 s, 20 s between): the job stays completed, nothing more is sent", async () => {
		const sms = counting(coolsms());
		const deps = await smsDeps(sms);
		const job = await insertJob(deps);
		await failNext(job.national, 5);

		const outcomes = [];
		for (let attempt = 1; attempt <= SMS_MAX_ATTEMPTS; attempt++) outcomes.push(await smsHandler.run(deps, job.id, attempt));
		expect(outcomes).toEqual([{ retryInSeconds: 5 }, { retryInSeconds: 10 }, { retryInSeconds: 20 }, "done"]);
		const rows = await logRows(deps, job.id);
		expect(rows.map((row) => [row.attempt, row.outcome])).toEqual([
			[1, "failed"],
			[2, "failed"],
			[3, "failed"],
			[4, "failed"],
		]);
		const after = await jobRow(deps, job.id);
		expect(after).toMatchObject({ status: "completed", smsSentAt: null, smsLeaseUntil: null });
		expect(after.smsGaveUpAt).not.toBeNull();

		// A late redelivery neither sends nor records anything.
		expect(await smsHandler.run(deps, job.id, 5)).toBe("done");
		expect(sms.calls).toHaveLength(SMS_MAX_ATTEMPTS);
		expect(await logRows(deps, job.id)).toHaveLength(SMS_MAX_ATTEMPTS);
		expect(await sentTo(job.national)).toEqual([]);
	});

	it("a wrong CoolSMS secret is refused by the fake and not retried", async () => {
		const sms = counting(coolsms("WRONGSECRET0123456789ABCDEF"));
		const deps = await smsDeps(sms);
		const job = await insertJob(deps);
		expect(await smsHandler.run(deps, job.id, 1)).toBe("done");
		const rows = await logRows(deps, job.id);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ attempt: 1, outcome: "failed", providerMessageId: null });
		expect(rows[0]?.error).toContain("403 SignatureDoesNotMatch");
		expect((await jobRow(deps, job.id)).smsGaveUpAt).not.toBeNull();
		expect(await smsHandler.run(deps, job.id, 2)).toBe("done");
		expect(sms.calls).toHaveLength(1);
		expect(await sentTo(job.national)).toEqual([]);
	});

	it("no log line written while sending, failing or retrying contains the number", async () => {
		const deps = await smsDeps(coolsms());
		const job = await insertJob(deps);
		await failNext(job.national, 1);
		const lines = await consoleLines(async () => {
			expect(await smsHandler.run(deps, job.id, 1)).toEqual({ retryInSeconds: 5 });
			expect(await smsHandler.run(deps, job.id, 2)).toBe("done");
		});
		expect(lines.length).toBeGreaterThanOrEqual(2);
		const digits = job.national.slice(3);
		for (const line of lines) {
			expect(line).not.toContain(job.e164);
			expect(line).not.toContain(job.national);
			expect(line).not.toContain(digits);
			expect(line).not.toContain(`${digits.slice(0, 4)}-${digits.slice(4)}`);
		}
		// And the log provider's line: no number, no link.
		const logDeps = await smsDeps(logSmsProvider());
		const other = await insertJob(logDeps);
		const logLines = await consoleLines(async () => {
			expect(await smsHandler.run(logDeps, other.id, 1)).toBe("done");
		});
		for (const line of logLines) {
			expect(line).not.toContain(other.national.slice(3));
			expect(line).not.toContain(`/result/${other.id}`);
		}
	});

	it("does nothing for a job that is not completed, deleted, already sent or unknown", async () => {
		const sms = counting(logSmsProvider());
		const deps = await smsDeps(sms);
		const processing = await insertJob(deps, { status: "processing", completedAt: null });
		const deleted = await insertJob(deps, { deletedAt: new Date().toISOString() });
		const sent = await insertJob(deps, { smsSentAt: new Date().toISOString(), phoneCiphertext: null, phoneKeyId: null });
		for (const id of [processing.id, deleted.id, sent.id, newPortraitJobId()]) expect(await smsHandler.run(deps, id, 1)).toBe("done");
		expect(sms.calls).toEqual([]);
		for (const id of [processing.id, deleted.id, sent.id]) expect(await logRows(deps, id)).toEqual([]);
	});

	it("a sealed number that does not open (another job's ciphertext) is a failed attempt, given up, nothing sent", async () => {
		const sms = counting(logSmsProvider());
		const deps = await smsDeps(sms);
		const donor = await insertJob(deps);
		const donorRow = await jobRow(deps, donor.id);
		const job = await insertJob(deps, { phoneCiphertext: donorRow.phoneCiphertext, phoneKeyId: donorRow.phoneKeyId });
		expect(await smsHandler.run(deps, job.id, 1)).toBe("done");
		expect(sms.calls).toEqual([]);
		const rows = await logRows(deps, job.id);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ outcome: "failed", error: "the sealed number could not be opened" });
		expect((await jobRow(deps, job.id)).smsGaveUpAt).not.toBeNull();
	});
});

describe("sms handler: refund SMS", () => {
	it("tells the person of a failed, refunded job once, and drops the sealed number", async () => {
		const sms = counting(logSmsProvider());
		const deps = await smsDeps(sms);
		const now = new Date().toISOString();
		const job = await insertJob(deps, {
			status: "failed",
			failureReason: "generation_failed",
			completedAt: null,
			failedAt: now,
			refundedAt: now,
			refundId: "re_test",
		});
		expect(await smsHandler.run(deps, job.id, 1)).toBe("done");
		expect(await smsHandler.run(deps, job.id, 2)).toBe("done");
		expect(sms.calls).toEqual([{ to: job.national, text: portraitRefundSmsText(9900, "krw") }]);
		const rows = await logRows(deps, job.id);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ purpose: "portrait_refunded", outcome: "accepted", body: portraitRefundSmsText(9900, "krw") });
		const after = await jobRow(deps, job.id);
		expect(after.refundSmsSentAt).not.toBeNull();
		expect(after.smsSentAt).toBeNull();
		expect(after.phoneCiphertext).toBeNull();
		expect(after.phoneHash).toBe(job.hash);
	});

	it("sends nothing for a failed job that was not refunded, or refunded before a number was left", async () => {
		const sms = counting(logSmsProvider());
		const deps = await smsDeps(sms);
		const now = new Date().toISOString();
		const unpaid = await insertJob(deps, { status: "failed", failureReason: "payment_failed", completedAt: null, paidAt: null });
		const noNumber = await insertJob(deps, {
			status: "failed",
			failureReason: "refunded",
			completedAt: null,
			refundedAt: now,
			phoneCiphertext: null,
			phoneKeyId: null,
			phoneHash: null,
			phoneLast4: null,
		});
		expect(await smsHandler.run(deps, unpaid.id, 1)).toBe("done");
		expect(await smsHandler.run(deps, noNumber.id, 1)).toBe("done");
		expect(sms.calls).toEqual([]);
		expect(await logRows(deps, unpaid.id)).toEqual([]);
		expect(await logRows(deps, noNumber.id)).toEqual([]);
		expect((await jobRow(deps, noNumber.id)).smsLeaseUntil).toBeNull();
	});
});

describe("sms handler: dead letters and the queue", () => {
	it("a dead-lettered SMS with no attempt is recorded as a failed one and given up", async () => {
		const sms = counting(logSmsProvider());
		const deps = await smsDeps(sms);
		const job = await insertJob(deps);
		await smsHandler.deadLettered(deps, job.id);
		const rows = await logRows(deps, job.id);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ attempt: 1, outcome: "failed", purpose: "portrait_ready", recipientMasked: `010-****-${job.e164.slice(-4)}` });
		expect(rows[0]?.error).toContain("dead-lettered");
		expect((await jobRow(deps, job.id)).smsGaveUpAt).not.toBeNull();
		expect(await smsHandler.run(deps, job.id, 1)).toBe("done");
		expect(sms.calls).toEqual([]);
	});

	it("a dead letter after an accepted SMS records nothing", async () => {
		const deps = await smsDeps(logSmsProvider());
		const job = await insertJob(deps);
		expect(await smsHandler.run(deps, job.id, 1)).toBe("done");
		await smsHandler.deadLettered(deps, job.id);
		expect(await logRows(deps, job.id)).toHaveLength(1);
		expect((await jobRow(deps, job.id)).smsGaveUpAt).toBeNull();
	});

	it("the consumer retries a failed send with the handler's backoff, and acks once accepted", async () => {
		const deps = await smsDeps(coolsms());
		const job = await insertJob(deps);
		await failNext(job.national, 1);
		const outcomes: string[] = [];
		const batch = (attempts: number): MessageBatch<unknown> => ({
			queue: PORTRAIT_QUEUE,
			messages: [
				{
					id: `msg-${attempts}`,
					timestamp: new Date(),
					body: { kind: "sms", jobId: job.id },
					attempts,
					ack: () => outcomes.push("ack"),
					retry: (options?: QueueRetryOptions) => outcomes.push(`retry ${options?.delaySeconds}`),
				},
			],
			metadata: { metrics: { backlogCount: 1, backlogBytes: 0 } },
			ackAll: () => outcomes.push("ackAll"),
			retryAll: () => outcomes.push("retryAll"),
		});
		await consumePortraitBatch(batch(1), deps, PORTRAIT_HANDLERS);
		await consumePortraitBatch(batch(2), deps, PORTRAIT_HANDLERS);
		expect(outcomes).toEqual(["retry 5", "ack"]);
		expect(await sentTo(job.national)).toHaveLength(1);
	});
});
