import { SignJWT } from "jose";
import type { z } from "zod";
import type { Db } from "../db/client";
import { type CreateJobRequest, GpuGatewayErrorBody, GpuJobView } from "../shared/gpu-jobs";
import { recordSubmittedJob } from "./mirror";

/** The audience the gateway requires in every token (gpu-gateway/src/auth.ts). */
export const GATEWAY_TOKEN_AUDIENCE = "gpu-gateway";
/** Token lifetime: well under the gateway's 5-minute cap, so a leaked token is soon useless. */
const TOKEN_TTL_S = 120;

/** A non-2xx answer (or an unreadable one) from the gateway. `status` 0 means it was not reached. */
export class GpuGatewayError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
	) {
		super(message);
		this.name = "GpuGatewayError";
	}
}

/** What the client needs; `db` is where `submitJob` records the mirror row. */
export type GpuGatewayClientConfig = {
	baseUrl: string;
	secret: string;
	db: Db;
	now?: () => Date;
	fetch?: typeof fetch;
};

/** The gateway API as the Worker uses it. */
export type GpuGatewayClient = ReturnType<typeof gpuGatewayClient>;

const encoder = new TextEncoder();

/** A short-lived HS256 bearer token for one call, with the claims the gateway's verifier checks. */
export async function mintGatewayToken(secret: string, now: Date, audience: string = GATEWAY_TOKEN_AUDIENCE): Promise<string> {
	const iat = Math.floor(now.getTime() / 1000);
	return new SignJWT({})
		.setProtectedHeader({ alg: "HS256", typ: "JWT" })
		.setAudience(audience)
		.setSubject("edge-factory")
		.setIssuedAt(iat)
		.setExpirationTime(iat + TOKEN_TTL_S)
		.sign(encoder.encode(secret));
}

/** A typed client of the gateway's `/v1` API; every response is validated with the shared schemas. */
export function gpuGatewayClient(config: GpuGatewayClientConfig) {
	const now = config.now ?? (() => new Date());
	const doFetch = config.fetch ?? fetch;
	const base = config.baseUrl.replace(/\/+$/, "");

	async function call<T extends z.ZodType>(
		schema: T,
		method: string,
		path: string,
		init: { body?: unknown; headers?: Record<string, string> } = {},
	): Promise<z.infer<T>> {
		const headers: Record<string, string> = { authorization: `Bearer ${await mintGatewayToken(config.secret, now())}`, ...init.headers };
		if (init.body !== undefined) headers["content-type"] = "application/json";
		let res: Response;
		try {
			res = await doFetch(`${base}${path}`, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
		} catch (err) {
			throw new GpuGatewayError(0, "GATEWAY_UNREACHABLE", `gpu-gateway not reached: ${err instanceof Error ? err.message : String(err)}`);
		}
		const text = await res.text();
		let json: unknown;
		try {
			json = JSON.parse(text);
		} catch {
			throw new GpuGatewayError(res.status, "GATEWAY_BAD_RESPONSE", `gpu-gateway answered ${res.status} with a non-JSON body`);
		}
		if (!res.ok) {
			const parsed = GpuGatewayErrorBody.safeParse(json);
			throw new GpuGatewayError(
				res.status,
				parsed.success ? parsed.data.error.code : "GATEWAY_ERROR",
				parsed.success ? parsed.data.error.message : `gpu-gateway answered ${res.status}`,
			);
		}
		const parsed = schema.safeParse(json);
		if (!parsed.success)
			throw new GpuGatewayError(res.status, "GATEWAY_BAD_RESPONSE", `gpu-gateway response does not match the contract: ${parsed.error.message}`);
		return parsed.data;
	}

	const jobPath = (id: string) => `/v1/jobs/${encodeURIComponent(id)}`;

	return {
		/** Submits a job (idempotent on the key) and records its mirror row. */
		async submitJob(request: CreateJobRequest, idempotencyKey: string): Promise<GpuJobView> {
			const view = await call(GpuJobView, "POST", "/v1/jobs", { body: request, headers: { "idempotency-key": idempotencyKey } });
			await recordSubmittedJob(config.db, view, idempotencyKey, now());
			return view;
		},
		/** The gateway's current view of a job. */
		getJob(id: string): Promise<GpuJobView> {
			return call(GpuJobView, "GET", jobPath(id));
		},
		/** Cancels a job; repeatable, 409 `JOB_FINISHED` when it already ended otherwise. */
		cancelJob(id: string): Promise<GpuJobView> {
			return call(GpuJobView, "POST", `${jobPath(id)}/cancel`);
		},
		/** Deletes a finished job's stored input and artifacts on the gateway. */
		purgeJobData(id: string): Promise<GpuJobView> {
			return call(GpuJobView, "DELETE", `${jobPath(id)}/data`);
		},
	};
}
