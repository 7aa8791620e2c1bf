import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TERMINAL_STATUSES } from "../../src/shared/gpu-jobs.ts";
import { FAST_GATEWAY, type GpuStack, startGpuStack } from "../support/gpu-stack.ts";

/** A job as `GET /api/gpu/jobs/:id` shows it (src/gpu/job-admin.ts). */
type AdminJob = {
	id: string;
	status: string;
	attempt?: number;
	artifacts: { name: string; sha256: string; size: number; content_type: string; r2_key?: string }[];
};
type JobDetail = { job: AdminJob; events: { webhook_id: string; type: string; received_at: string }[] };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const TERMINAL_EVENTS = TERMINAL_STATUSES.map((status) => `job.${status}`);

let gpu: GpuStack;

beforeAll(async () => {
	gpu = await startGpuStack(FAST_GATEWAY);
}, 120_000);

afterAll(async () => {
	await gpu?.stop();
});

function imageJob(ownerId: string, input: Record<string, unknown> = {}) {
	return {
		kind: "image.generate",
		owner: { type: "order", id: ownerId },
		input: { styleId: "style-loop", prompt: "a lighthouse at dusk", seed: 1234, aspect: "1:1", ...input },
	};
}

/** Polls the Worker's view of a job until `done` says so. */
async function waitForJob(id: string, done: (detail: JobDetail) => boolean, timeoutMs = 60_000): Promise<JobDetail> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const detail = await gpu.admin<JobDetail>(`/api/gpu/jobs/${id}`);
		if (done(detail)) return detail;
		if (Date.now() > deadline) throw new Error(`job ${id} did not get there: ${JSON.stringify(detail)}`);
		await new Promise((resolve) => setTimeout(resolve, 150));
	}
}

const finished = (detail: JobDetail) => detail.job.status === "succeeded" && detail.job.artifacts.length > 0 && detail.job.artifacts.every((a) => a.r2_key);

describe("GPU full loop: Worker → real gateway → signed callbacks and uploads → Worker", () => {
	it("runs an image.generate job to success, with the image in R2 byte for byte and one terminal event", async () => {
		const { job } = await gpu.admin<{ job: AdminJob }>("/api/gpu/jobs", { method: "POST", json: imageJob(`loop_${crypto.randomUUID()}`) });
		expect(job.status).toBe("queued");
		const detail = await waitForJob(job.id, finished);

		const fromGateway = await gpu.gatewayJob(job.id);
		expect(fromGateway.status).toBe("succeeded");
		const [artifact] = detail.job.artifacts;
		const gatewayArtifact = fromGateway.artifacts.find((candidate) => candidate.name === artifact?.name);
		expect(artifact?.r2_key).toBe(`gpu/${job.id}/${artifact?.name}`);
		expect(gatewayArtifact).toBeDefined();

		const res = await fetch(`${gpu.stack.url}/api/gpu/jobs/${job.id}/artifacts/${artifact?.name}`, {
			headers: { Authorization: `Bearer ${gpu.stack.adminKey}` },
		});
		expect(res.status).toBe(200);
		const bytes = Buffer.from(await res.arrayBuffer());
		const digest = createHash("sha256").update(bytes).digest("hex");
		expect(digest).toBe(gatewayArtifact?.sha256);
		expect(res.headers.get("x-content-sha256")).toBe(digest);
		expect(bytes.length).toBe(gatewayArtifact?.size);
		expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
		// IHDR: width and height of the 1:1 preset, big-endian at bytes 16 and 20.
		expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([512, 512]);

		// Let any late duplicate arrive before counting.
		await new Promise((resolve) => setTimeout(resolve, 500));
		const { events } = await gpu.admin<JobDetail>(`/api/gpu/jobs/${job.id}`);
		expect(events.filter((event) => event.type === "job.succeeded")).toHaveLength(1);
		expect(events.filter((event) => TERMINAL_EVENTS.includes(event.type))).toHaveLength(1);
		expect(events.map((event) => event.type)).toContain("job.queued");
	});

	it("finishes a job whose gateway was stopped mid-run and started again, with exactly one terminal event", async () => {
		const { job } = await gpu.admin<{ job: AdminJob }>("/api/gpu/jobs", {
			method: "POST",
			json: imageJob(`restart_${crypto.randomUUID()}`, { fault: { slowMs: 1_500 } }),
		});
		// Stop only once the attempt is really running on the gateway.
		const deadline = Date.now() + 30_000;
		while ((await gpu.gatewayJob(job.id)).status !== "running") {
			if (Date.now() > deadline) throw new Error("the job never started running");
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		await gpu.stopGateway();
		const whileDown = await gpu.admin<JobDetail>(`/api/gpu/jobs/${job.id}`);
		expect(TERMINAL_STATUSES).not.toContain(whileDown.job.status);

		await gpu.startGateway();
		const detail = await waitForJob(job.id, finished, 90_000);
		const fromGateway = await gpu.gatewayJob(job.id);
		expect(fromGateway.attempt).toBeGreaterThanOrEqual(2);

		await new Promise((resolve) => setTimeout(resolve, 500));
		const { events } = await gpu.admin<JobDetail>(`/api/gpu/jobs/${job.id}`);
		expect(events.filter((event) => TERMINAL_EVENTS.includes(event.type)).map((event) => event.type)).toEqual(["job.succeeded"]);
		expect(events.map((event) => event.type)).toContain("job.retrying");
		expect(detail.job.artifacts.every((artifact) => artifact.r2_key)).toBe(true);
	});
});
