import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { storeGpuArtifact, verifyEdgeToken } from "../gpu/artifacts";
import { receiveGpuEvent } from "../gpu/events";
import { readGpuInput } from "../gpu/inputs";

/**
 * `/internal/gpu`: the gpu-gateway's calls back into the Worker. Not for browsers or users:
 * callbacks are authenticated by Standard Webhooks signatures, uploads and input reads by gateway tokens.
 */
export const gpuInternalApi = new Hono<AppEnv>()
	.post("/events", async (c) => {
		// The signature covers the exact bytes: read the body as text, never re-serialise it.
		const raw = await c.req.text();
		const outcome = await receiveGpuEvent(c.var.deps.gpu, raw, {
			id: c.req.header("webhook-id") ?? null,
			timestamp: c.req.header("webhook-timestamp") ?? null,
			signature: c.req.header("webhook-signature") ?? null,
		});
		// Every accepted outcome is a 2xx, unknown jobs included, so the gateway stops retrying.
		return c.json({ received: true, outcome });
	})
	.put("/artifacts/:jobId/:name", async (c) => {
		const { gpu } = c.var.deps;
		await verifyEdgeToken(gpu.secret, c.req.header("Authorization"), gpu.now());
		const artifact = await storeGpuArtifact(gpu.db, gpu.files, {
			jobId: c.req.param("jobId"),
			name: c.req.param("name"),
			contentLength: c.req.header("Content-Length"),
			contentSha256: c.req.header("X-Content-SHA256"),
			contentType: c.req.header("Content-Type"),
			body: c.req.raw.body,
		});
		return c.json({ artifact }, 201);
	})
	.get("/inputs/:key{.+}", async (c) => {
		const { gpu } = c.var.deps;
		await verifyEdgeToken(gpu.secret, c.req.header("Authorization"), gpu.now());
		const input = await readGpuInput(gpu.files, c.req.param("key"));
		return c.body(input.body, 200, input.headers);
	});
