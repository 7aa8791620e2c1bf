import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getDb } from "../../src/db/client";
import { portraitJobs } from "../../src/db/schema";
import { newPortraitJobId, PORTRAIT_TTL_MS } from "../../src/portraits/jobs";
import type { PortraitMessage } from "../../src/portraits/messages";
import { resendStalledPortraitWork } from "../../src/portraits/resend-stalled";

const MINUTE = 60_000;
const now = new Date();
const ago = (minutes: number) => new Date(now.getTime() - minutes * MINUTE).toISOString();

/** A job row as the flow leaves it; `created` minutes ago, the rest as given. */
async function job(values: Partial<typeof portraitJobs.$inferInsert> & { created?: number }) {
	const id = newPortraitJobId();
	const created = new Date(now.getTime() - (values.created ?? 30) * MINUTE);
	await getDb(env.DB)
		.insert(portraitJobs)
		.values({
			id,
			status: "processing",
			keyHash: "0".repeat(64),
			priceCents: 9900,
			currency: "krw",
			provider: "local",
			createdAt: created.toISOString(),
			expiresAt: new Date(created.getTime() + PORTRAIT_TTL_MS).toISOString(),
			...values,
		});
	return id;
}

/** A queue that keeps what is sent. */
function recordingQueue() {
	const sent: PortraitMessage[] = [];
	const queue = {
		async send(body: PortraitMessage) {
			sent.push(body);
		},
		async sendBatch(messages: Iterable<{ body: PortraitMessage }>) {
			for (const message of messages) sent.push(message.body);
		},
	} as unknown as Queue<PortraitMessage>;
	return { queue, sent };
}

describe("handing stalled portrait work over again", () => {
	it("resends process for a job stuck in processing and sms for a job owing one; leaves slow, finished and expired jobs alone", async () => {
		const stuck = await job({ status: "processing", uploadedAt: ago(20) });
		const recentUpload = await job({ status: "processing", uploadedAt: ago(2) });
		const backingOff = await job({ status: "processing", uploadedAt: ago(20), retryAt: ago(1) });
		const owesReady = await job({ status: "completed", phoneCiphertext: "sealed", completedAt: ago(15) });
		const sent = await job({ status: "completed", phoneCiphertext: null, completedAt: ago(15), smsSentAt: ago(14) });
		const leased = await job({
			status: "completed",
			phoneCiphertext: "sealed",
			completedAt: ago(15),
			smsLeaseUntil: new Date(now.getTime() + MINUTE).toISOString(),
		});
		const gaveUp = await job({ status: "completed", phoneCiphertext: "sealed", completedAt: ago(15), smsGaveUpAt: ago(10) });
		const owesRefund = await job({ status: "failed", phoneCiphertext: "sealed", refundedAt: ago(20), failedAt: ago(20) });
		const refundedNoPhone = await job({ status: "failed", refundedAt: ago(20), failedAt: ago(20) });
		const expired = await job({ status: "processing", uploadedAt: ago(24 * 60 + 20), created: 24 * 60 + 30 });

		const { queue, sent: messages } = recordingQueue();
		const counts = await resendStalledPortraitWork({ db: getDb(env.DB), queue, now: () => now });
		const mine = new Set([stuck, recentUpload, backingOff, owesReady, sent, leased, gaveUp, owesRefund, refundedNoPhone, expired]);
		const ours = messages.filter((message) => mine.has(message.jobId));
		expect(ours.sort((a, b) => a.jobId.localeCompare(b.jobId))).toEqual(
			[
				{ kind: "process", jobId: stuck },
				{ kind: "sms", jobId: owesReady },
				{ kind: "sms", jobId: owesRefund },
			].sort((a, b) => a.jobId.localeCompare(b.jobId)),
		);
		expect(counts.process).toBeGreaterThanOrEqual(1);
		expect(counts.sms).toBeGreaterThanOrEqual(2);
	});
});
