import { createExecutionContext, createMessageBatch, getQueueResult, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { reissueLinks } from "../../src/admin/actions";
import { fulfil } from "../../src/commerce/fulfil";
import { MAIL_DLQ, type MailMessage } from "../../src/commerce/mail/messages";
import { resendMailer } from "../../src/commerce/mail/resend-mailer";
import { requeueStalledMail } from "../../src/commerce/mail/sweep";
import { getDb } from "../../src/db/client";
import { orders } from "../../src/db/schema";
import entry from "../../src/index";
import { buyerOrder, checkout, paidOrder, publishedProduct, testCommerce } from "../support/commerce-helpers";
import { api, waitFor } from "../support/helpers";
import { deliverMail, flakyMailer, outboxOf, RecordingMailQueue } from "../support/mail-helpers";

/** The Worker entry seen through the runtime's handler type, as the runtime calls it. */
const worker: ExportedHandler<Env> = entry;

/** An order moved to PAID (as the webhook would), ready for fulfil(). */
async function paidButUnfulfilled(topic: string, email = `mail-${crypto.randomUUID().slice(0, 8)}@example.com`) {
	const { product } = await publishedProduct(topic);
	const bought = await checkout(product.id, email);
	await env.DB.prepare("UPDATE orders SET status = 'PAID', paid_at = ? WHERE id = ?").bind(new Date().toISOString(), bought.orderId).run();
	return { ...bought, email };
}

const orderRow = (id: string) => getDb(env.DB).query.orders.findFirst({ where: eq(orders.id, id) });

/** The order key of a mailed order link. */
function mailedKey(text: string): string {
	return new URL(/https?:\/\/\S+\/orders\/\S+/.exec(text)?.[0] ?? "http://x/").searchParams.get("key") ?? "";
}

describe("the receipt goes through the mail outbox and queue", () => {
	it("is retried with backoff while the provider fails, then sent once with a working link", async () => {
		const order = await paidButUnfulfilled("receipt retry topic");
		const queue = new RecordingMailQueue();
		const deps = await testCommerce({ mailQueue: queue });
		expect(await fulfil(deps, order.orderId)).toBe(true);

		const [row] = await outboxOf(order.orderId);
		expect(row).toMatchObject({ kind: "receipt", status: "queued", attempts: 0, toAddress: order.email, idempotencyKey: `mail-${row?.id}` });
		expect(queue.take()).toEqual([{ mailId: row?.id }]);
		expect((await orderRow(order.orderId))?.receiptSentAt).toBeNull();

		const mailer = flakyMailer(2);
		const message = { mailId: row?.id ?? "" };
		const first = await deliverMail(mailer, [message], { attempts: 1 });
		expect(first.retried).toEqual([{ id: expect.any(String), delaySeconds: 30 }]);
		expect((await outboxOf(order.orderId))[0]).toMatchObject({ status: "queued", attempts: 1, lastError: expect.stringContaining("provider unavailable") });
		const second = await deliverMail(mailer, [message], { attempts: 2 });
		expect(second.retried).toEqual([{ id: expect.any(String), delaySeconds: 60 }]);
		const third = await deliverMail(mailer, [message], { attempts: 3 });
		expect(third.acked).toHaveLength(1);

		const sent = (await outboxOf(order.orderId))[0];
		// The last failure stays on the row, for the record.
		expect(sent).toMatchObject({
			status: "sent",
			attempts: 3,
			lastError: "provider unavailable (try 2)",
			providerId: "prov_3",
			textBody: null,
			htmlBody: null,
		});
		expect(sent?.sentAt).not.toBeNull();
		expect((await orderRow(order.orderId))?.receiptSentAt).toBe(sent?.sentAt);
		expect(mailer.sent).toHaveLength(1);
		expect(mailer.sent[0]?.options.idempotencyKey).toBe(`mail-${row?.id}`);
		const key = mailedKey(mailer.sent[0]?.mail.text ?? "");
		expect((await buyerOrder(order.orderId, key)).status).toBe("FULFILLED");

		// A redelivery of the same message sends nothing more.
		expect((await deliverMail(mailer, [message], { attempts: 4 })).acked).toHaveLength(1);
		expect(mailer.tries).toBe(3);
	});

	it("is queued once when fulfilment runs twice at the same time", async () => {
		const order = await paidButUnfulfilled("receipt once topic");
		const queue = new RecordingMailQueue();
		const deps = await testCommerce({ mailQueue: queue });
		const results = await Promise.all([fulfil(deps, order.orderId), fulfil(deps, order.orderId)]);
		expect(results.filter(Boolean)).toHaveLength(1);
		expect(await outboxOf(order.orderId)).toHaveLength(1);
		expect(queue.take()).toHaveLength(1);
		expect(await fulfil(deps, order.orderId)).toBe(false);
		expect(await outboxOf(order.orderId)).toHaveLength(1);
	});

	it("after a crash between the provider's acceptance and the sent mark, the redelivery is answered from the first send", async () => {
		const order = await paidButUnfulfilled("receipt crash topic");
		const deps = await testCommerce({ mailQueue: new RecordingMailQueue() });
		await fulfil(deps, order.orderId);
		const [row] = await outboxOf(order.orderId);
		const resend = resendMailer({ apiKey: "re_outbox_test", from: "Shop <shop@example.com>", apiUrl: inject("mailApiUrl") });
		// The first attempt reached the provider and then the Worker died: the row is still queued.
		await resend.send(
			{ to: row?.toAddress ?? "", subject: row?.subject ?? "", text: row?.textBody ?? "", html: row?.htmlBody ?? "" },
			{ idempotencyKey: row?.idempotencyKey },
		);
		expect((await deliverMail(resend, [{ mailId: row?.id ?? "" }], { attempts: 2 })).acked).toHaveLength(1);
		const received = (await (await fetch(`${inject("mailApiUrl")}/__sent?to=${encodeURIComponent(order.email)}`)).json()) as unknown[];
		expect(received).toHaveLength(1);
		expect((await outboxOf(order.orderId))[0]?.status).toBe("sent");
	});

	it("is dead-lettered once its retries are spent, and the admin's order page shows it", async () => {
		const order = await paidButUnfulfilled("receipt dead letter topic");
		const deps = await testCommerce({ mailQueue: new RecordingMailQueue() });
		await fulfil(deps, order.orderId);
		const [row] = await outboxOf(order.orderId);
		const message = { mailId: row?.id ?? "" };
		await deliverMail(flakyMailer(99), [message], { attempts: 9 });
		// The broker moves the message to the dead-letter queue; the Worker's entry routes it by queue name.
		const batch = createMessageBatch<MailMessage>(MAIL_DLQ, [{ id: "dead-1", timestamp: new Date(), attempts: 1, body: message }]);
		const ctx = createExecutionContext();
		await worker.queue?.(batch, env, ctx);
		await waitOnExecutionContext(ctx);
		expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(["dead-1"]);
		expect((await outboxOf(order.orderId))[0]).toMatchObject({
			status: "dead",
			attempts: 1,
			textBody: null,
			lastError: expect.stringContaining("provider unavailable"),
		});

		const detail = (await (await api(`/api/orders/${order.orderId}`)).json()) as { order: { mails: { kind: string; status: string; last_error: string }[] } };
		expect(detail.order.mails).toEqual([
			expect.objectContaining({ kind: "receipt", status: "dead", last_error: expect.stringContaining("provider unavailable") }),
		]);
		expect(JSON.stringify(detail)).not.toContain("/orders/");
		// A dead mail is never sent again.
		const later = flakyMailer(0);
		await deliverMail(later, [message], { attempts: 1 });
		expect(later.tries).toBe(0);
	});

	it("is queued again by the sweep when its message never reached the queue", async () => {
		const order = await paidButUnfulfilled("receipt lost message topic");
		const broken: Queue<MailMessage> = Object.assign(new RecordingMailQueue(), {
			send: async () => {
				throw new Error("queue unavailable");
			},
		});
		const deps = await testCommerce({ mailQueue: broken });
		expect(await fulfil(deps, order.orderId)).toBe(true);
		const [row] = await outboxOf(order.orderId);
		expect(row?.status).toBe("queued");
		const queue = new RecordingMailQueue();
		const soon = await testCommerce({ mailQueue: queue, now: () => new Date(Date.now() + 60_000) });
		await requeueStalledMail(soon);
		expect(queue.sent.filter((m) => m.mailId === row?.id)).toHaveLength(0);
		const later = await testCommerce({ mailQueue: queue, now: () => new Date(Date.now() + 11 * 60_000) });
		await requeueStalledMail(later);
		expect(queue.sent.filter((m) => m.mailId === row?.id)).toHaveLength(1);
	});

	it("of a real checkout is sent by the Worker's own MAIL_QUEUE consumer", async () => {
		const { product } = await publishedProduct("receipt through the queue topic");
		const bought = await paidOrder(product.id, `queued-${crypto.randomUUID().slice(0, 8)}@example.com`);
		const sent = await waitFor(async () => (await outboxOf(bought.orderId)).find((mail) => mail.status === "sent"), 15_000, "the receipt to be sent");
		expect(sent).toMatchObject({ kind: "receipt", attempts: 1 });
		expect((await orderRow(bought.orderId))?.receiptSentAt).toBe(sent.sentAt);
	});
});

describe("re-issued links", () => {
	it("are a mail of their own each time, with their own idempotency key, and each arrives", async () => {
		const { product } = await publishedProduct("reissue mails topic");
		const email = `reissue-${crypto.randomUUID().slice(0, 8)}@example.com`;
		const bought = await paidOrder(product.id, email);
		const queue = new RecordingMailQueue();
		const deps = await testCommerce({ mailQueue: queue });
		await reissueLinks(deps, bought.orderId);
		await reissueLinks(deps, bought.orderId);
		const reissues = (await outboxOf(bought.orderId)).filter((mail) => mail.kind === "reissue");
		expect(reissues.map((mail) => mail.status)).toEqual(["queued", "queued"]);
		expect(new Set(reissues.map((mail) => mail.idempotencyKey)).size).toBe(2);

		const resend = resendMailer({ apiKey: "re_outbox_test", from: "Shop <shop@example.com>", apiUrl: inject("mailApiUrl") });
		expect((await deliverMail(resend, queue.take())).acked).toHaveLength(2);
		const received = (await (await fetch(`${inject("mailApiUrl")}/__sent?to=${encodeURIComponent(email)}`)).json()) as {
			text: string;
			idempotencyKey: string;
		}[];
		expect(received).toHaveLength(2);
		expect(new Set(received.map((mail) => mail.idempotencyKey))).toEqual(new Set(reissues.map((mail) => mail.idempotencyKey)));
		for (const mail of received) expect((await buyerOrder(bought.orderId, mailedKey(mail.text))).status).toBe("FULFILLED");
		expect((await outboxOf(bought.orderId)).filter((mail) => mail.kind === "reissue").map((mail) => mail.status)).toEqual(["sent", "sent"]);
	});

	it("show on the dashboard's order page with their delivery", async () => {
		const { product } = await publishedProduct("reissue dashboard topic");
		const bought = await paidOrder(product.id);
		const res = await api(`/api/orders/${bought.orderId}/reissue`, { method: "POST" });
		expect(res.status).toBe(200);
		const body = (await res.json()) as { order: { mails: { kind: string }[] } };
		expect(body.order.mails.map((mail) => mail.kind)).toContain("reissue");
	});
});
