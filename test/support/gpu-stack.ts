import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { signGatewayToken } from "../../gpu-gateway/src/auth.ts";
import type { GpuJobView } from "../../src/shared/gpu-jobs.ts";
import { type LocalStack, type LocalStackOptions, startLocalStack } from "./local-stack.ts";

/**
 * The real GPU loop on one machine: the gpu-gateway running in this process (its own temporary
 * data dir, on a fixed free port so it can be stopped and started again at the same address)
 * and a `wrangler dev` of the Worker pointed at it. Jobs are submitted through the Worker's
 * admin API; the gateway calls back, uploads artifacts and is re-read, all for real.
 */
export type GpuStack = {
	stack: LocalStack;
	/** The gateway running now (a new object after `restartGateway`). */
	gateway(): Gateway;
	/** Stops the gateway as SIGTERM would (running attempts are abandoned, not failed). */
	stopGateway(): Promise<void>;
	/** Starts it again on the same data dir and port: it resumes its persisted jobs. */
	startGateway(): Promise<void>;
	/** The gateway's own view of a job. */
	gatewayJob(id: string): Promise<GpuJobView>;
	/** A call to the Worker's admin API; throws on a non-2xx answer. */
	admin<T>(path: string, init?: { method?: string; json?: unknown }): Promise<T>;
	stop(): Promise<void>;
};

/** Runner and outbox tunables (gpu-gateway/src/gateway.ts `GatewayConfig`); tests pass fast clocks, the benchmark the defaults. */
export type GatewayTuning = {
	runner?: { pollMs?: number; watchdogMs?: number; backoffBaseMs?: number; backoffMaxMs?: number; concurrency?: number };
	outbox?: { pollMs?: number; backoffBaseMs?: number; backoffMaxMs?: number; concurrency?: number };
};

/** The part of a running gateway (gpu-gateway/src/gateway.ts `Gateway`) this stack uses. */
export type Gateway = { url: string; stop(): Promise<void> };
type GatewayConfig = GatewayTuning & { dataDir: string; secret: string; port: number };

/**
 * Loads gpu-gateway/src/gateway.ts at run time, in this process. Not a static import on
 * purpose: the gateway's sources are type-checked by gpu-gateway/tsconfig.json (Node types
 * only), while this project's Node config adds the DOM lib, under which some of their
 * Node-only calls (fetch's `duplex`, Blob parts) do not type-check.
 */
async function loadGateway(): Promise<{ startGateway(config: GatewayConfig): Promise<Gateway> }> {
	const entry = "../../gpu-gateway/src/gateway.ts";
	return import(entry);
}

/** Fast clocks, as gpu-gateway/test/helpers.ts uses them. */
export const FAST_GATEWAY: GatewayTuning = {
	runner: { pollMs: 20, watchdogMs: 40, backoffBaseMs: 40, backoffMaxMs: 200, concurrency: 2 },
	outbox: { pollMs: 30, backoffBaseMs: 50, backoffMaxMs: 200 },
};

const SECRET = `gpu-stack-secret-${crypto.randomUUID()}`;

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.listen(0, "127.0.0.1", () => {
			const address = server.address();
			server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
		});
	});
}

/** Starts the gateway, then `wrangler dev` with GPU_GATEWAY_URL and GPU_GATEWAY_SECRET pointing at it. */
export async function startGpuStack(
	tuning: GatewayTuning = FAST_GATEWAY,
	vars: Record<string, string> = {},
	options: LocalStackOptions = {},
): Promise<GpuStack> {
	const dataDir = mkdtempSync(join(tmpdir(), "gpu-stack-"));
	const port = await freePort();
	const config: GatewayConfig = { dataDir, secret: SECRET, port, ...tuning };
	const { startGateway } = await loadGateway();
	let gateway: Gateway | undefined = await startGateway(config);
	let stack: LocalStack;
	try {
		// Jobs are driven and watched through the admin API: lift its per-key limit (100/min).
		stack = await startLocalStack({ GPU_GATEWAY_URL: gateway.url, GPU_GATEWAY_SECRET: SECRET, ADMIN_RATE_LIMIT_PER_MINUTE: "100000", ...vars }, options);
	} catch (err) {
		await gateway.stop();
		rmSync(dataDir, { recursive: true, force: true });
		throw err;
	}
	const current = () => {
		if (!gateway) throw new Error("the gateway is stopped");
		return gateway;
	};
	return {
		stack,
		gateway: current,
		async stopGateway() {
			await gateway?.stop();
			gateway = undefined;
		},
		async startGateway() {
			gateway ??= await startGateway(config);
		},
		async gatewayJob(id) {
			const res = await fetch(`${current().url}/v1/jobs/${encodeURIComponent(id)}`, { headers: { authorization: `Bearer ${signGatewayToken(SECRET)}` } });
			if (!res.ok) throw new Error(`gateway GET job ${id}: ${res.status}`);
			return (await res.json()) as GpuJobView;
		},
		async admin<T>(path: string, init: { method?: string; json?: unknown } = {}) {
			const res = await fetch(`${stack.url}${path}`, {
				method: init.method ?? "GET",
				headers: { Authorization: `Bearer ${stack.adminKey}`, ...(init.json === undefined ? {} : { "Content-Type": "application/json" }) },
				body: init.json === undefined ? undefined : JSON.stringify(init.json),
			});
			if (!res.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${res.status} ${await res.text()}`);
			return (await res.json()) as T;
		},
		async stop() {
			await gateway?.stop();
			gateway = undefined;
			await stack.stop();
			rmSync(dataDir, { recursive: true, force: true });
		},
	};
}
