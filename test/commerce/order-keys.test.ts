import { describe, expect, it } from "vitest";
import { reissueLinks } from "../../src/admin/actions";
import { deriveKeys } from "../../src/config/keys";
import { buyerOrder, paidOrder, publishedProduct, recordingMailer, testCommerce } from "../support/commerce-helpers";
import { api, countRows, type ErrorBody } from "../support/helpers";
import { deliverMail, RecordingMailQueue } from "../support/mail-helpers";

/** The order key in a mailed order link. */
function mailedKey(text: string | undefined): string {
	const link = /https?:\/\/\S+\/orders\/\S+/.exec(text ?? "")?.[0] ?? "";
	return new URL(link).searchParams.get("key") ?? "";
}

describe("order keys across a rotation of DOWNLOAD_TOKEN_SECRET", () => {
	it("a receipt re-issued after the rotation (old secret dropped) carries a key that opens the order; older keys keep working", async () => {
		const { product } = await publishedProduct("order keys rotation topic");
		const bought = await paidOrder(product.id);
		// The documented rotation, finished: a new secret, the previous one no longer configured.
		const rotated = await deriveKeys({ current: "rotated-download-token-secret-0123456789", previous: null });
		const mailer = recordingMailer();
		const queue = new RecordingMailQueue();
		const deps = await testCommerce({ mailer, mailQueue: queue, keyring: rotated.links, clientHashKey: rotated.clientHash });
		const keysBefore = await countRows("order_keys");

		await reissueLinks(deps, bought.orderId);
		await reissueLinks(deps, bought.orderId);
		await deliverMail(mailer, queue.take());
		const [first, second] = mailer.sent.map((mail) => mailedKey(mail.text));
		expect(first).toMatch(/^[0-9a-f]{40}$/);
		expect(second).toMatch(/^[0-9a-f]{40}$/);
		expect(second).not.toBe(first);
		// Only their hashes are stored, one more valid key of the order per mail.
		expect(await countRows("order_keys")).toBe(keysBefore + 2);

		for (const key of [first ?? "", second ?? "", bought.key]) {
			expect((await buyerOrder(bought.orderId, key)).status).toBe("FULFILLED");
			const page = await api(`/orders/${bought.orderId}?key=${key}`, { auth: null, headers: { Accept: "text/html" } });
			expect(page.status).toBe(200);
		}
		const wrong = await api(`/api/orders/${bought.orderId}?key=${"0".repeat(40)}`, { auth: null });
		expect(wrong.status).toBe(404);
		expect(((await wrong.json()) as ErrorBody).error.code).toBe("NOT_FOUND");
		// A key of one order opens no other.
		const other = await paidOrder(product.id);
		expect((await api(`/api/orders/${other.orderId}?key=${first}`, { auth: null })).status).toBe(404);
	});

	it("a new order's key does not depend on the secret: two orders' keys are unrelated random values", async () => {
		const { product } = await publishedProduct("random order keys topic");
		const a = await paidOrder(product.id);
		const b = await paidOrder(product.id);
		expect(a.key).toMatch(/^[0-9a-f]{40}$/);
		expect(a.key).not.toBe(b.key);
		expect((await buyerOrder(a.orderId, a.key)).status).toBe("FULFILLED");
	});
});
