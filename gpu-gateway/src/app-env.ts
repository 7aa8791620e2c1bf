import type { MediaToolsStatus } from "./backends/local/tools.ts";
import type { GpuBackend } from "./backends/types.ts";
import type { JobRunner } from "./runner.ts";
import type { JobStore } from "./store.ts";

/** What every handler can reach. */
export type GatewayDeps = {
	store: JobStore;
	runner: JobRunner;
	backends: readonly GpuBackend[];
	/** Whether ffmpeg, espeak-ng and the CJK font are installed (the media kinds need them). */
	media: MediaToolsStatus;
	secret: string;
	now: () => number;
};

/** Hono environment of the gateway app. */
export type AppEnv = { Variables: { deps: GatewayDeps } };
