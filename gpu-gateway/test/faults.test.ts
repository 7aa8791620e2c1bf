import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configFromEnv } from "../src/config.ts";
import type { Gateway } from "../src/gateway.ts";
import { authHeaders, imageJob, postJob, SECRET, startTestGateway, tempDataDir, trainingImages, waitForStatus } from "./helpers.ts";

let gw: Gateway;
beforeEach(async () => {
	gw = await startTestGateway(tempDataDir());
});
afterEach(async () => {
	await gw.stop();
});

async function create(body: unknown): Promise<string> {
	const res = await postJob(gw, body);
	expect(res.status).toBe(201);
	return ((await res.json()) as { id: string }).id;
}

describe("runner state machine", () => {
	it("retries a retryable failure and succeeds on the third attempt", async () => {
		const id = await create(imageJob({ fault: { failAtStep: "render", failTimes: 2 } }));
		const job = await waitForStatus(gw, id, ["succeeded", "failed"]);
		expect(job.status).toBe("succeeded");
		expect(job.attempt).toBe(3);
		expect(gw.store.listAttempts(id).map((a) => a.status)).toEqual(["failed", "failed", "succeeded"]);
	});

	it("fails after three attempts when every attempt fails", async () => {
		const id = await create(imageJob({ fault: { failAtStep: "render" } }));
		const job = await waitForStatus(gw, id, ["succeeded", "failed"]);
		expect(job.status).toBe("failed");
		expect(job.attempt).toBe(3);
		expect(job.error).toMatchObject({ code: "INJECTED_FAULT", retryable: true });
	});

	it("does not retry a fatal failure", async () => {
		const id = await create(imageJob({ fault: { fatal: true } }));
		const job = await waitForStatus(gw, id, ["succeeded", "failed"]);
		expect(job.status).toBe("failed");
		expect(job.attempt).toBe(1);
		expect(job.error?.retryable).toBe(false);
	});

	it("cancels a running job; a second cancel is a no-op", async () => {
		const id = await create(imageJob({ fault: { slowMs: 5_000 } }));
		await waitForStatus(gw, id, ["running"]);
		const res = await fetch(`${gw.url}/v1/jobs/${id}/cancel`, { method: "POST", headers: authHeaders() });
		expect(res.status).toBe(200);
		expect(((await res.json()) as { status: string }).status).toBe("canceled");
		const again = await fetch(`${gw.url}/v1/jobs/${id}/cancel`, { method: "POST", headers: authHeaders() });
		expect(again.status).toBe(200);
		await new Promise((r) => setTimeout(r, 200));
		expect((await waitForStatus(gw, id, ["canceled"])).artifacts).toEqual([]);
	});

	it("refuses to cancel a finished job and to purge a live one", async () => {
		const done = await create(imageJob());
		await waitForStatus(gw, done, ["succeeded"]);
		expect((await fetch(`${gw.url}/v1/jobs/${done}/cancel`, { method: "POST", headers: authHeaders() })).status).toBe(409);
		const live = await create(imageJob({ fault: { slowMs: 2_000 } }));
		expect((await fetch(`${gw.url}/v1/jobs/${live}/data`, { method: "DELETE", headers: authHeaders() })).status).toBe(409);
	});

	it("expires a hung job through the watchdog after its attempts time out", async () => {
		const id = await create(imageJob({ fault: { hang: true } }, { clocks: { run_timeout_ms: 150 } }));
		const job = await waitForStatus(gw, id, ["expired", "failed", "succeeded"]);
		expect(job.status).toBe("expired");
		expect(job.attempt).toBe(3);
		expect(job.error?.code).toBe("RUN_TIMEOUT");
		expect(gw.store.listAttempts(id).map((a) => a.status)).toEqual(["timed_out", "timed_out", "timed_out"]);
	});

	it("expires at the overall deadline even while retries remain", async () => {
		const id = await create(imageJob({ fault: { hang: true } }, { clocks: { run_timeout_ms: 10_000, deadline_ms: 300 } }));
		const job = await waitForStatus(gw, id, ["expired", "failed", "succeeded"]);
		expect(job.status).toBe("expired");
		expect(job.error?.code).toBe("DEADLINE_EXCEEDED");
	});

	it("expires a job that waits past its queue TTL", async () => {
		const busy = await startTestGateway(tempDataDir(), { runner: { pollMs: 20, watchdogMs: 40, concurrency: 1 } });
		try {
			const blocker = await postJob(busy, imageJob({ fault: { slowMs: 3_000 } }));
			expect(blocker.status).toBe(201);
			const res = await postJob(busy, imageJob({}, { clocks: { queue_ttl_ms: 200 } }));
			const { id } = (await res.json()) as { id: string };
			const job = await waitForStatus(busy, id, ["expired", "succeeded"]);
			expect(job.status).toBe("expired");
			expect(job.error?.code).toBe("QUEUE_TTL_EXCEEDED");
			expect(job.attempt).toBe(0);
		} finally {
			await busy.stop();
		}
	});
});

describe("fault injection from the environment", () => {
	it("fails jobs of the named kinds that bring no fault of their own, and leaves the rest alone", async () => {
		const env = { GPU_GATEWAY_SECRET: SECRET, GPU_GATEWAY_FAULT: '{"failAtStep":"render","failTimes":1}', GPU_GATEWAY_FAULT_KINDS: "image.generate" };
		const faulty = await startTestGateway(tempDataDir(), { local: configFromEnv(env).local });
		try {
			const post = async (body: unknown) => ((await (await postJob(faulty, body)).json()) as { id: string }).id;
			const image = await waitForStatus(faulty, await post(imageJob()), ["succeeded", "failed"]);
			expect(image.status).toBe("succeeded");
			expect(image.attempt).toBe(2);
			expect(faulty.store.listAttempts(image.id).map((a) => a.status)).toEqual(["failed", "succeeded"]);

			// A job's own fault wins over the environment's.
			const own = await waitForStatus(faulty, await post(imageJob({ fault: { failAtStep: "render", fatal: true } })), ["succeeded", "failed"]);
			expect([own.status, own.attempt, own.error?.code]).toEqual(["failed", 1, "INJECTED_FAULT"]);

			// Another kind is not touched.
			const training = {
				kind: "lora.train",
				owner: { type: "artist", id: "usr_env" },
				input: { artistId: "usr_env", styleId: "sty_env", images: await trainingImages([40, 90, 160]) },
			};
			const trained = await waitForStatus(faulty, await post(training), ["succeeded", "failed"]);
			expect([trained.status, trained.attempt]).toEqual(["succeeded", 1]);
		} finally {
			await faulty.stop();
		}
	});
});
