import { env } from "cloudflare:workers";
import { SignJWT } from "jose";
import { inject } from "vitest";
import { getDb } from "../../src/db/client";
import { recordSubmittedJob } from "../../src/gpu/mirror";
import type { GpuJobView } from "../../src/shared/gpu-jobs";

/** The secret vitest.config.ts binds as GPU_GATEWAY_SECRET (and gives the fake gateway). */
export const GPU_SECRET = env.GPU_GATEWAY_SECRET;

/** A token as the gateway mints it for the Worker: HS256, audience edge-factory, short-lived. */
export async function gatewayToken(opts: { aud?: string; secret?: string; ttlS?: number } = {}): Promise<string> {
	const iat = Math.floor(Date.now() / 1000);
	return new SignJWT({})
		.setProtectedHeader({ alg: "HS256" })
		.setAudience(opts.aud ?? "edge-factory")
		.setIssuedAt(iat)
		.setExpirationTime(iat + (opts.ttlS ?? 120))
		.sign(new TextEncoder().encode(opts.secret ?? GPU_SECRET));
}

/** A gateway job view with a fresh id unless given. */
export function jobView(overrides: Partial<GpuJobView> = {}): GpuJobView {
	const at = "2026-01-01T00:00:00.000Z";
	return {
		id: `job_${crypto.randomUUID().replaceAll("-", "")}`,
		kind: "image.generate",
		status: "queued",
		owner: { type: "product", id: "prd_test" },
		attempt: 0,
		max_attempts: 3,
		progress: { percent: 0, step: "" },
		error: null,
		artifacts: [],
		created_at: at,
		updated_at: at,
		deadlines: { queue_ttl_at: at, run_timeout_ms: 60_000, deadline_at: at },
		...overrides,
	};
}

/** Creates the mirror row, as `submitJob` would after `POST /v1/jobs`. */
export async function seedMirror(view: GpuJobView, now = new Date("2026-01-01T00:00:00.000Z")): Promise<void> {
	await recordSubmittedJob(getDb(env.DB), view, `key-${view.id}`, now);
}

/** Makes the fake gateway answer `GET /v1/jobs/:id` with this view. */
export async function setGatewayJob(view: GpuJobView): Promise<void> {
	const res = await fetch(`${inject("gpuGatewayUrl")}/__control/jobs/${view.id}`, { method: "PUT", body: JSON.stringify(view) });
	if (!res.ok) throw new Error(`fake gateway refused the job: ${res.status}`);
}

/** Makes the fake gateway fail reads of this job, as if it were down. */
export async function takeGatewayDown(id: string): Promise<void> {
	await fetch(`${inject("gpuGatewayUrl")}/__control/down/${id}`, { method: "PUT" });
}

/** Makes the fake gateway answer for this job again after {@link takeGatewayDown}. */
export async function bringGatewayBack(id: string): Promise<void> {
	await fetch(`${inject("gpuGatewayUrl")}/__control/down/${id}`, { method: "DELETE" });
}

/** The mirror row as stored. */
export async function mirrorRow(id: string) {
	return env.DB.prepare("SELECT * FROM gpu_jobs WHERE id = ?").bind(id).first<Record<string, unknown>>();
}
