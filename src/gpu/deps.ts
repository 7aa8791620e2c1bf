import type { Db } from "../db/client";
import type { GpuGatewayClient } from "./client";
import type { WorkerGpuJobHook } from "./job-hooks";
import type { JobProgressNamespace } from "./progress";

/**
 * What the GPU side of the Worker needs (submitting, callbacks, uploads, the sweep and the admin
 * API), built once by the composition root. Each function takes the part it uses.
 */
export type GpuDeps = {
	db: Db;
	files: R2Bucket;
	progress: JobProgressNamespace;
	gateway: GpuGatewayClient;
	/** PUBLIC_BASE_URL: where the gateway sends a job's events. */
	publicBaseUrl: string;
	/** GPU_GATEWAY_SECRET: verifies the gateway's callbacks and its upload and input tokens. */
	secret: string;
	/** What a changed job means for its owner, one hook per product line on the gateway. */
	hooks: readonly WorkerGpuJobHook[];
	now: () => Date;
};
