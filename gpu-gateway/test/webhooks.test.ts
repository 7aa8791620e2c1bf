import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Gateway } from "../src/gateway.ts";
import { OutboxDelivery } from "../src/outbox.ts";
import { JobStore } from "../src/store.ts";
import { signatureListMatches, signWebhook, verifyWebhook } from "../src/webhooks.ts";
import { FakeWorker } from "./fake-worker.ts";
import { imageJob, postJob, SECRET, startTestGateway, tempDataDir, until, waitForStatus } from "./helpers.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("Standard Webhooks signature", () => {
	it("matches the Standard Webhooks specification's example", () => {
		const sig = signWebhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}');
		expect(sig).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
	});

	it("matches a vector computed with node:crypto for a plain secret", () => {
		// createHmac("sha256", "edge-factory-test-secret").update('msg_2b1f.1700000000.{"type":"job.succeeded"}').digest("base64")
		expect(signWebhook("edge-factory-test-secret", "msg_2b1f", 1700000000, '{"type":"job.succeeded"}')).toBe("v1,4IlRuE2BqwyIq86/PCEQPYuLJtgT0k46L3lvCL0mw38=");
	});

	it("rejects a stale timestamp or a changed body", () => {
		const body = '{"type":"job.succeeded"}';
		const headers = { id: "msg_1", timestamp: "1700000000", signature: signWebhook("s", "msg_1", 1700000000, body) };
		expect(verifyWebhook("s", headers, body, 1700000100)).toBe(true);
		expect(verifyWebhook("s", headers, body, 1700000000 + 301)).toBe(false);
		expect(verifyWebhook("s", headers, `${body} `, 1700000100)).toBe(false);
	});
});

describe("signatureListMatches (the constant-time comparison verifyWebhook uses)", () => {
	const expected = signWebhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_1", 1614265330, "{}");

	it("finds the expected signature alone or among others (key rotation sends several)", () => {
		expect(signatureListMatches(expected, expected)).toBe(true);
		expect(signatureListMatches(`v1,bm90IGl0 ${expected} v1a,c29tZXRoaW5nIGVsc2U=`, expected)).toBe(true);
	});

	it("refuses a signature of the same length that differs in one character, another length, another version, or none", () => {
		const last = expected.at(-2) === "A" ? "B" : "A";
		const oneOff = `${expected.slice(0, -2)}${last}=`;
		expect(oneOff).toHaveLength(expected.length);
		expect(signatureListMatches(oneOff, expected)).toBe(false);
		expect(signatureListMatches(expected.slice(0, -1), expected)).toBe(false);
		expect(signatureListMatches(`${expected}AA`, expected)).toBe(false);
		expect(signatureListMatches(`v2,${expected.slice(3)}`, expected)).toBe(false);
		expect(signatureListMatches("", expected)).toBe(false);
		expect(signatureListMatches("   ", expected)).toBe(false);
	});
});

describe("outbox delivery", () => {
	it("delivers signed events for the whole lifecycle, terminal event once", async () => {
		const receiver = new FakeWorker();
		await receiver.start();
		cleanups.push(() => receiver.stop());
		const gw = await startTestGateway(tempDataDir());
		cleanups.push(() => gw.stop());
		const res = await postJob(gw, imageJob({}, { callback_url: receiver.url }));
		const { id } = (await res.json()) as { id: string };
		await waitForStatus(gw, id, ["succeeded"]);
		await until(() => receiver.ofType(id, "job.succeeded").length === 1);
		const types = receiver.deliveries.filter((d) => d.body.includes(id)).map((d) => d.type);
		expect(types.slice(0, 3)).toEqual(["job.queued", "job.starting", "job.running"]);
		expect(types.at(-1)).toBe("job.succeeded");
		expect(receiver.refusals).toEqual([]);
	});

	it("resumes a job after a restart and delivers its terminal event exactly once", async () => {
		const dataDir = tempDataDir();
		const receiver = new FakeWorker();
		await receiver.start();
		cleanups.push(() => receiver.stop());
		const first = await startTestGateway(dataDir);
		const res = await postJob(first, imageJob({ fault: { slowMs: 400 } }, { callback_url: receiver.url }));
		const { id } = (await res.json()) as { id: string };
		await waitForStatus(first, id, ["running"]);
		await first.stop();
		expect(receiver.ofType(id, "job.succeeded")).toHaveLength(0);

		let second: Gateway | undefined = await startTestGateway(dataDir);
		cleanups.push(async () => second?.stop());
		const job = await waitForStatus(second, id, ["succeeded", "failed"]);
		expect(job.status).toBe("succeeded");
		expect(job.attempt).toBe(2);
		expect(second.store.listAttempts(id).map((a) => a.status)).toEqual(["failed", "succeeded"]);
		await until(() => receiver.ofType(id, "job.succeeded").length === 1);
		// Give the loop time to (wrongly) send it again, and across another restart too.
		await second.stop();
		second = await startTestGateway(dataDir);
		await new Promise((r) => setTimeout(r, 300));
		expect(receiver.ofType(id, "job.succeeded")).toHaveLength(1);
		const ids = receiver.deliveries.map((d) => d.id);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it("keeps events while the receiver is down and delivers them when it is back", async () => {
		const receiver = new FakeWorker();
		await receiver.start();
		const url = receiver.url;
		await receiver.stop();
		const gw = await startTestGateway(tempDataDir());
		cleanups.push(() => gw.stop());
		const res = await postJob(gw, imageJob({}, { callback_url: url }));
		const { id } = (await res.json()) as { id: string };
		await waitForStatus(gw, id, ["succeeded"]);
		await new Promise((r) => setTimeout(r, 300));
		const pending = gw.store.listEvents(id);
		expect(pending.every((e) => e.delivered_at === null)).toBe(true);
		expect(pending.some((e) => e.attempts > 0)).toBe(true);

		await receiver.start();
		cleanups.push(() => receiver.stop());
		await until(() => receiver.ofType(id, "job.succeeded").length === 1);
		await until(() => gw.store.listEvents(id).every((e) => e.delivered_at !== null));
		// Order per job is preserved across the outage.
		expect(receiver.deliveries.map((d) => d.type)[0]).toBe("job.queued");
	});

	it("delivers other jobs' events while one job's receiver hangs, each job still in order", async () => {
		// A receiver that accepts the connection and never answers.
		const held: ServerResponse[] = [];
		const hanging = createServer((_req, res) => held.push(res));
		await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", () => resolve()));
		cleanups.push(async () => {
			for (const res of held) res.destroy();
			hanging.closeAllConnections();
			await new Promise<void>((resolve) => hanging.close(() => resolve()));
		});
		const receiver = new FakeWorker();
		await receiver.start();
		cleanups.push(() => receiver.stop());

		const store = new JobStore(join(tempDataDir(), "gateway.sqlite"));
		cleanups.push(async () => store.close());
		const hangingUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/internal/gpu/events`;
		const append = (jobId: string, url: string, type: string) =>
			store.appendEvent({
				id: `msg_${jobId}_${type}`,
				job_id: jobId,
				callback_url: url,
				type,
				body: JSON.stringify({ type, data: { job_id: jobId } }),
				now: 0,
			});
		append("job_stuck", hangingUrl, "job.queued");
		append("job_stuck", hangingUrl, "job.running");
		for (const id of ["job_a", "job_b"]) {
			append(id, receiver.url, "job.queued");
			append(id, receiver.url, "job.running");
		}

		const outbox = new OutboxDelivery(store, { secret: SECRET, tokenSecret: SECRET, requestTimeoutMs: 60_000 });
		const delivering = outbox.deliverDue();
		await until(() => receiver.deliveries.length === 4);
		// The other jobs went through, in order, while the hanging request is still open.
		for (const id of ["job_a", "job_b"])
			expect(receiver.deliveries.filter((d) => d.body.includes(id)).map((d) => d.type)).toEqual(["job.queued", "job.running"]);
		expect(held).toHaveLength(1);
		expect(store.listEvents("job_stuck").map((e) => [e.delivered_at, e.attempts])).toEqual([
			[null, 0],
			[null, 0],
		]);
		// Its later event waits behind the first: the hanging receiver cut off fails only that one.
		held[0]?.destroy();
		await delivering;
		expect(store.listEvents("job_stuck").map((e) => e.attempts)).toEqual([1, 0]);
	});

	it("reads at most a few events of each job, so one job's backlog cannot starve the others", () => {
		const store = new JobStore(join(tempDataDir(), "gateway.sqlite"));
		for (let i = 0; i < 50; i++) {
			store.appendEvent({ id: `msg_backlog_${i}`, job_id: "job_backlog", callback_url: "http://127.0.0.1:9/x", type: "job.progress", body: "{}", now: 0 });
		}
		store.appendEvent({ id: "msg_other", job_id: "job_other", callback_url: "http://127.0.0.1:9/x", type: "job.queued", body: "{}", now: 0 });
		const batch = store.pendingEvents(40, 20);
		expect(batch.filter((e) => e.job_id === "job_backlog").map((e) => e.id)).toEqual(Array.from({ length: 20 }, (_, i) => `msg_backlog_${i}`));
		expect(batch.map((e) => e.id)).toContain("msg_other");
		store.close();
	});
});
