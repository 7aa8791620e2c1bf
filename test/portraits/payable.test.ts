import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../src/db/client";
import { localCheckoutSessions, localRefunds, portraitImages, portraitJobs } from "../../src/db/schema";
import type { PortraitDeps } from "../../src/portraits/deps";
import type { PortraitMessage } from "../../src/portraits/messages";
import { refundPortraitJob } from "../../src/portraits/refund";
import { payLocally, postWebhook, signedEvent } from "../support/commerce-helpers";
import { testAppDeps } from "../support/helpers";
import { createPaidPortraitJob, createPortraitJob, portraitRow, type TestPortraitJob, withPhone } from "../support/portrait-helpers";

const db = () => getDb(env.DB);

async function localSession(job: TestPortraitJob) {
	const session = await db().query.localCheckoutSessions.findFirst({ where: eq(localCheckoutSessions.id, job.sessionId) });
	if (!session) throw new Error("no local session");
	return session;
}

/** The paid `checkout.session.completed` the provider would send for the job's session. */
async function paidSession(job: TestPortraitJob, overrides: Record<string, unknown> = {}) {
	const session = await localSession(job);
	return {
		id: session.id,
		object: "checkout.session",
		client_reference_id: job.id,
		payment_status: "paid",
		status: "complete",
		payment_intent: session.paymentIntentId,
		amount_total: 9900,
		currency: "krw",
		...overrides,
	};
}

async function deliver(type: string, object: Record<string, unknown>, options: { id?: string } = {}) {
	const res = await postWebhook(await signedEvent(type, object, options));
	expect(res.status).toBe(200);
	return (await res.json()) as { duplicate: boolean; outcome: string };
}

/** Portrait deps whose queue keeps what is sent. */
async function recordingPortraitDeps(): Promise<PortraitDeps & { sent: PortraitMessage[] }> {
	const deps = await testAppDeps();
	const sent: PortraitMessage[] = [];
	const queue = {
		async send(message: PortraitMessage) {
			sent.push(message);
		},
	} as unknown as Queue<PortraitMessage>;
	return { ...deps.portraits, queue, sent };
}

describe("the portrait payable: payment", () => {
	it("moves pending_payment → pending_phone exactly once, however often and under whatever id the payment is reported", async () => {
		const job = await createPortraitJob();
		const object = await paidSession(job);
		const eventId = `evt_${crypto.randomUUID().replaceAll("-", "")}`;
		expect((await deliver("checkout.session.completed", object, { id: eventId })).outcome).toBe("paid");
		const first = await portraitRow(job.id);
		expect(first).toMatchObject({ status: "pending_phone", paymentIntentId: object.payment_intent });
		expect(first?.paidAt).not.toBeNull();

		// The same event again, and the same payment under another event id.
		expect(await deliver("checkout.session.completed", object, { id: eventId })).toMatchObject({ duplicate: true });
		expect((await deliver("checkout.session.completed", object)).outcome).toBe("already_paid");
		expect((await deliver("checkout.session.async_payment_succeeded", object)).outcome).toBe("already_paid");
		expect(await portraitRow(job.id)).toEqual(first);
	});

	it("keeps a paid job paid when the session's close arrives after the payment", async () => {
		const job = await createPaidPortraitJob();
		const before = await portraitRow(job.id);
		expect((await deliver("checkout.session.expired", await paidSession(job, { payment_status: "unpaid", status: "expired" }))).outcome).toBe("unchanged");
		expect((await deliver("checkout.session.async_payment_failed", await paidSession(job))).outcome).toBe("unchanged");
		expect(await portraitRow(job.id)).toEqual(before);
	});

	it("fails an unpaid job whose checkout closed (payment_failed)", async () => {
		const job = await createPortraitJob();
		expect((await deliver("checkout.session.expired", { id: job.sessionId, client_reference_id: job.id })).outcome).toBe("payment_failed");
		expect(await portraitRow(job.id)).toMatchObject({ status: "failed", failureReason: "payment_failed", paidAt: null, refundedAt: null });
		expect((await deliver("checkout.session.expired", { id: job.sessionId, client_reference_id: job.id })).outcome).toBe("unchanged");
	});

	it("refunds, once, a payment that lands after the checkout closed, and tells the person through the sms message", async () => {
		const job = await createPortraitJob();
		await deliver("checkout.session.expired", { id: job.sessionId, client_reference_id: job.id });
		// The person still pays on the provider's page (a delayed payment method).
		await payLocally(job.sessionId);
		const row = await portraitRow(job.id);
		expect(row).toMatchObject({ status: "failed", failureReason: "payment_failed" });
		expect(row?.paidAt).not.toBeNull();
		expect(row?.refundedAt).not.toBeNull();
		expect(row?.refundId).toMatch(/^re_local_/);
		const refunds = await db().query.localRefunds.findMany({ where: eq(localRefunds.paymentIntentId, row?.paymentIntentId ?? "") });
		expect(refunds).toHaveLength(1);
		expect(refunds[0]?.idempotencyKey).toBe(`portrait-refund-${job.id}`);
		expect((await localSession(job)).refundedCents).toBe(9900);
		// A redelivery of the payment refunds nothing more.
		expect((await deliver("checkout.session.completed", await paidSession(job))).outcome).toBe("already_paid");
		expect((await localSession(job)).refundedCents).toBe(9900);
	});

	it("refunds a payment that lands after the job expired", async () => {
		const job = await createPortraitJob();
		await db()
			.update(portraitJobs)
			.set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
			.where(eq(portraitJobs.id, job.id));
		await payLocally(job.sessionId);
		const row = await portraitRow(job.id);
		expect(row).toMatchObject({ status: "failed", failureReason: "payment_failed" });
		expect(row?.refundedAt).not.toBeNull();
		expect((await localSession(job)).refundedCents).toBe(9900);
	});

	it("does not accept a payment whose amount or currency is not the job's", async () => {
		const job = await createPortraitJob();
		expect((await deliver("checkout.session.completed", await paidSession(job, { amount_total: 990 }))).outcome).toBe("amount_mismatch");
		expect((await deliver("checkout.session.completed", await paidSession(job, { currency: "usd" }))).outcome).toBe("amount_mismatch");
		expect(await portraitRow(job.id)).toMatchObject({ status: "pending_payment", paidAt: null, paymentIntentId: null });
	});

	it("ignores a session that is not the job's own", async () => {
		const job = await createPortraitJob();
		expect((await deliver("checkout.session.completed", await paidSession(job, { id: "cs_local_other" }))).outcome).toBe("session_mismatch");
		expect((await portraitRow(job.id))?.status).toBe("pending_payment");
	});
});

describe("the portrait payable: refunds and disputes", () => {
	it("fails a job refunded before completion with `refunded` and erases what it holds", async () => {
		const job = await withPhone(await createPaidPortraitJob());
		const key = `portraits/${job.id}/photo-test.jpg`;
		await env.FILES.put(key, new Uint8Array([1, 2, 3]));
		await env.FILES.put(`portraits/${job.id}/portrait-0.png`, new Uint8Array([4]));
		await db().update(portraitJobs).set({ photoKey: key, report: '{"summary":"x"}' }).where(eq(portraitJobs.id, job.id));
		await db()
			.insert(portraitImages)
			.values({ jobId: job.id, position: 0, r2Key: `portraits/${job.id}/portrait-0.png`, contentType: "image/png", size: 1 });
		const row = await portraitRow(job.id);
		expect(row?.phoneHash).not.toBeNull();

		expect((await deliver("charge.refunded", { payment_intent: row?.paymentIntentId, refunded: true })).outcome).toBe("refunded");
		const after = await portraitRow(job.id);
		expect(after).toMatchObject({
			status: "failed",
			failureReason: "refunded",
			phoneCiphertext: null,
			phoneKeyId: null,
			phoneHash: null,
			phoneLast4: null,
			photoKey: null,
			report: null,
			paymentIntentId: row?.paymentIntentId,
		});
		expect(after?.refundedAt).not.toBeNull();
		expect((await env.FILES.list({ prefix: `portraits/${job.id}/` })).objects).toHaveLength(0);
		expect(await db().query.portraitImages.findMany({ where: eq(portraitImages.jobId, job.id) })).toHaveLength(0);
		// Told again: nothing changes.
		expect((await deliver("charge.refunded", { payment_intent: row?.paymentIntentId, refunded: true })).outcome).toBe("already_refunded");
	});

	it("applies a refund that arrived before its payment once the payment lands", async () => {
		const job = await createPortraitJob();
		const { paymentIntentId } = await localSession(job);
		expect((await deliver("charge.refunded", { payment_intent: paymentIntentId, refunded: true })).outcome).toBe("order_not_found");
		expect((await portraitRow(job.id))?.status).toBe("pending_payment");
		expect((await deliver("checkout.session.completed", await paidSession(job))).outcome).toBe("paid");
		const row = await portraitRow(job.id);
		expect(row).toMatchObject({ status: "failed", failureReason: "refunded", paymentIntentId });
		expect(row?.refundedAt).not.toBeNull();
	});

	it("only records the refund of a completed job", async () => {
		const job = await createPaidPortraitJob();
		await db().update(portraitJobs).set({ status: "completed", completedAt: new Date().toISOString() }).where(eq(portraitJobs.id, job.id));
		const row = await portraitRow(job.id);
		expect((await deliver("charge.refunded", { payment_intent: row?.paymentIntentId, refunded: false })).outcome).toBe("refund_recorded");
		const after = await portraitRow(job.id);
		expect(after?.status).toBe("completed");
		expect(after?.refundedAt).not.toBeNull();
		expect({ ...after, refundedAt: null }).toEqual({ ...row, refundedAt: null });
	});

	it("notes a dispute and changes nothing", async () => {
		const job = await createPaidPortraitJob();
		const row = await portraitRow(job.id);
		const outcome = (
			await deliver("charge.dispute.created", { id: `dp_${crypto.randomUUID()}`, payment_intent: row?.paymentIntentId, status: "needs_response" })
		).outcome;
		expect(outcome).toBe("dispute_noted:dispute_opened");
		expect(await portraitRow(job.id)).toEqual(row);
	});
});

describe("refundPortraitJob", () => {
	it("refunds a paid job once through the provider that took it, fails it with the reason, and queues the sms", async () => {
		const deps = await recordingPortraitDeps();
		const job = await withPhone(await createPaidPortraitJob());
		expect(await refundPortraitJob(deps, job.id, "generation_failed")).toBe("refunded");
		const row = await portraitRow(job.id);
		expect(row).toMatchObject({ status: "failed", failureReason: "generation_failed" });
		expect(row?.failedAt).not.toBeNull();
		expect(row?.refundedAt).not.toBeNull();
		expect(row?.refundId).toMatch(/^re_local_/);
		// The provider's charge.refunded echo found the refund recorded: the reason stays, nothing is erased.
		expect(row?.phoneHash).not.toBeNull();
		expect(deps.sent).toEqual([{ kind: "sms", jobId: job.id }]);
		const session = await db().query.localCheckoutSessions.findFirst({ where: eq(localCheckoutSessions.orderId, job.id) });
		expect(session?.refundedCents).toBe(9900);

		expect(await refundPortraitJob(deps, job.id, "report_failed")).toBe("already_refunded");
		expect(await portraitRow(job.id)).toEqual(row);
		expect(deps.sent).toHaveLength(1);
	});

	it("refunds at most once when two callers race", async () => {
		const deps = await recordingPortraitDeps();
		const job = await createPaidPortraitJob();
		const outcomes = await Promise.all([refundPortraitJob(deps, job.id, "upload_expired"), refundPortraitJob(deps, job.id, "upload_expired")]);
		expect(outcomes.sort()).toEqual(["already_refunded", "refunded"]);
		const session = await db().query.localCheckoutSessions.findFirst({ where: eq(localCheckoutSessions.orderId, job.id) });
		expect(session?.refundedCents).toBe(9900);
		expect(await db().query.localRefunds.findMany({ where: eq(localRefunds.paymentIntentId, session?.paymentIntentId ?? "") })).toHaveLength(1);
	});

	it("just fails an unpaid job, and leaves a completed one alone", async () => {
		const deps = await recordingPortraitDeps();
		const unpaid = await createPortraitJob();
		expect(await refundPortraitJob(deps, unpaid.id, "upload_expired")).toBe("failed_unpaid");
		expect(await portraitRow(unpaid.id)).toMatchObject({ status: "failed", failureReason: "upload_expired", refundedAt: null });
		expect(await refundPortraitJob(deps, unpaid.id, "generation_failed")).toBe("already_ended");
		expect((await portraitRow(unpaid.id))?.failureReason).toBe("upload_expired");

		const done = await createPaidPortraitJob();
		await db().update(portraitJobs).set({ status: "completed" }).where(eq(portraitJobs.id, done.id));
		expect(await refundPortraitJob(deps, done.id, "generation_failed")).toBe("already_ended");
		expect(await portraitRow(done.id)).toMatchObject({ status: "completed", refundedAt: null });
		expect(deps.sent).toEqual([]);
	});

	it("undoes its claim when the provider fails, so a retry refunds", async () => {
		const deps = await recordingPortraitDeps();
		const job = await createPaidPortraitJob();
		const failing = {
			...deps,
			commerce: {
				...deps.commerce,
				paymentsNamed: () => ({
					...deps.commerce.payments,
					refund: async () => {
						throw new Error("provider down");
					},
				}),
			},
		};
		await expect(refundPortraitJob(failing, job.id, "generation_failed")).rejects.toThrow("provider down");
		expect(await portraitRow(job.id)).toMatchObject({ status: "pending_phone", refundedAt: null, failureReason: null });
		expect(await refundPortraitJob(deps, job.id, "generation_failed")).toBe("refunded");
	});
});
