import type { GpuBackend } from "./backends/types.ts";
import type { JobRunner } from "./runner.ts";
import type { JobStore } from "./store.ts";

/** What every handler can reach. */
export type GatewayDeps = {
	store: JobStore;
	runner: JobRunner;
	backends: readonly GpuBackend[];
	secret: string;
	now: () => number;
};

/** Hono environment of the gateway app. */
export type AppEnv = { Variables: { deps: GatewayDeps } };
