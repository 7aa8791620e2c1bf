import { z } from "zod";
import { CreateJobRequest, type GpuJobView } from "../shared/gpu-jobs";
import type { GpuGatewayClient } from "./client";
import { type ProgressDeps, publishJobProgress } from "./progress";

/** An Idempotency-Key the gateway accepts (gpu-gateway/README.md): 8–128 of `[A-Za-z0-9._:-]`. */
export const GpuIdempotencyKey = z.string().regex(/^[A-Za-z0-9._:-]{8,128}$/, "expected 8-128 characters of A-Z a-z 0-9 . _ : -");

/** A job request as Worker code writes it: everything but `callback_url`, which {@link submitGpuJob} sets. */
export type GpuJobRequest = CreateJobRequest extends infer R ? (R extends unknown ? Omit<R, "callback_url"> : never) : never;

/**
 * Body of `POST /api/gpu/jobs`: a `CreateJobRequest` without `callback_url` (the Worker sets
 * it, so callers cannot point a job's events elsewhere), plus an optional `idempotency_key`.
 * The request part is checked with the shared contract, its issues keeping their paths.
 */
export const SubmitGpuJobBody = z
	.looseObject({
		idempotency_key: GpuIdempotencyKey.optional(),
		callback_url: z.never({ error: "callback_url is set by the Worker" }).optional(),
	})
	.transform(({ idempotency_key, callback_url: _, ...rest }, ctx) => {
		const parsed = CreateJobRequest.safeParse(rest);
		if (!parsed.success) {
			for (const issue of parsed.error.issues) ctx.issues.push({ code: "custom", message: issue.message, path: issue.path, input: rest });
			return z.NEVER;
		}
		const request: GpuJobRequest = parsed.data;
		return { idempotencyKey: idempotency_key, request };
	})
	// The transform hides the job's shape from the OpenAPI document: it shows this request instead.
	.meta({
		example: {
			idempotency_key: "ops-llm-2026-12-04-1",
			kind: "llm.text",
			input: { prompt: "초보자를 위한 사워도우 빵 굽기 안내서의 목차를 써 주세요.", maxTokens: 800 },
			owner: { type: "ops", id: "admin" },
		},
	});
export type SubmitGpuJobBody = z.output<typeof SubmitGpuJobBody>;

/** What submitting needs: the gateway client (it records the mirror row), where callbacks go, and the owners' progress objects. */
export type GpuSubmitDeps = ProgressDeps & { gateway: Pick<GpuGatewayClient, "submitJob">; publicBaseUrl: string };

/** Where the gateway sends a job's Standard Webhooks events. */
export function gpuCallbackUrl(publicBaseUrl: string): string {
	return `${publicBaseUrl.replace(/\/+$/, "")}/internal/gpu/events`;
}

/**
 * Submits a job to the gateway with the Worker's callback URL, records its mirror row and
 * tells the owner's browsers about it. Idempotent on `idempotencyKey`: the same key and
 * request give back the job already submitted; the same key with another request is a
 * gateway 409 (`GpuGatewayError`).
 */
export async function submitGpuJob(deps: GpuSubmitDeps, request: GpuJobRequest, idempotencyKey: string): Promise<GpuJobView> {
	const view = await deps.gateway.submitJob({ ...request, callback_url: gpuCallbackUrl(deps.publicBaseUrl) }, idempotencyKey);
	await publishJobProgress(deps, view.id);
	return view;
}
