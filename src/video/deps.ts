import type { CommerceDeps } from "../commerce/deps";
import type { DerivedKeys } from "../config/keys";
import type { AppConfig } from "../config/settings";
import type { Db } from "../db/client";
import type { GpuDeps } from "../gpu/deps";
import type { RateLimiterNamespace } from "../shared/rate-limit";

/** What the short-video line needs (docs/video.md), built once by the composition root (src/wiring.ts). */
export type VideoDeps = {
	db: Db;
	files: R2Bucket;
	/** Submitting the pipeline's jobs, and the owners' progress objects (JOB_PROGRESS). */
	gpu: GpuDeps;
	/** Plan purchases pay through the storefront's payment providers. */
	commerce: CommerceDeps;
	limiter: RateLimiterNamespace;
	/** `progress` mints the project page's live-progress token. */
	keys: Pick<DerivedKeys, "progress">;
	config: AppConfig["video"] & {
		/** PUBLIC_BASE_URL without a trailing slash. */
		baseUrl: string;
		/** Whether an LLM is configured for the Worker; the gateway's `llm.text` decides the script's source either way. */
		llm: boolean;
		/** The per-user limit of generation runs per minute, on top of the user API limit. */
		rateLimit: { name: string; limit: number; windowMs: number };
	};
	now: () => Date;
};
