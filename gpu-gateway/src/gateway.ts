import { mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { type ServerType, serve } from "@hono/node-server";
import type { Hono } from "hono";
import { createApp } from "./app.ts";
import type { AppEnv } from "./app-env.ts";
import { detectMediaTools, type MediaToolsStatus } from "./backends/local/tools.ts";
import { LocalBackend, type LocalBackendOptions, MEDIA_KINDS } from "./backends/local.ts";
import type { GpuBackend } from "./backends/types.ts";
import { OutboxDelivery, type OutboxOptions } from "./outbox.ts";
import { JobRunner, type RunnerOptions } from "./runner.ts";
import { JobStore } from "./store.ts";

/** Everything needed to run one gateway process. */
export type GatewayConfig = {
	dataDir: string;
	/** Verifies bearer tokens. */
	secret: string;
	/** Signs webhooks; defaults to `secret`. */
	webhookSecret?: string;
	port?: number;
	hostname?: string;
	now?: () => number;
	backends?: readonly GpuBackend[];
	/** Settings of the default local backend (ignored when `backends` is given). */
	local?: LocalBackendOptions;
	/** GPU_GATEWAY_ALLOW_PRIVATE_INPUTS: input URLs may be `http:` and private hosts (local development only). */
	allowPrivateInputs?: boolean;
	/** What the media tools check found; checked at start when omitted (tests pass one to play a machine without them). */
	media?: MediaToolsStatus;
	runner?: Omit<RunnerOptions, "dataDir" | "now" | "tokenSecret" | "allowPrivateInputs">;
	outbox?: Omit<OutboxOptions, "secret" | "tokenSecret" | "now">;
};

/** A running gateway: its app, its URL and a stop that leaves the data dir resumable. */
export type Gateway = { app: Hono<AppEnv>; store: JobStore; runner: JobRunner; url: string; media: MediaToolsStatus; stop(): Promise<void> };

/** Opens the data dir, resumes jobs, and starts the HTTP server, runner and outbox. */
export async function startGateway(config: GatewayConfig): Promise<Gateway> {
	mkdirSync(config.dataDir, { recursive: true });
	const now = config.now ?? Date.now;
	const store = new JobStore(join(config.dataDir, "gateway.sqlite"));
	const media = config.media ?? (await detectMediaTools());
	// Speech and composition always run here (no provider does them); beside a provider backend the
	// local one offers just those two, so it never stands in for the provider's other kinds.
	const backends = config.backends
		? [...config.backends, ...(media.ready ? [new LocalBackend({ ...config.local, media, only: MEDIA_KINDS })] : [])]
		: [new LocalBackend({ ...config.local, media })];
	const runner = new JobRunner(store, backends, {
		...config.runner,
		dataDir: config.dataDir,
		tokenSecret: config.secret,
		allowPrivateInputs: config.allowPrivateInputs,
		now,
	});
	const outbox = new OutboxDelivery(store, { ...config.outbox, secret: config.webhookSecret ?? config.secret, tokenSecret: config.secret, now });
	const app = createApp({ store, runner, backends, media, secret: config.secret, now });
	const server: ServerType = await new Promise((resolve) => {
		const s = serve({ fetch: app.fetch, port: config.port ?? 0, hostname: config.hostname ?? "127.0.0.1" }, () => resolve(s));
	});
	const address = server.address() as AddressInfo;
	runner.start();
	outbox.start();
	let stopped = false;
	return {
		app,
		store,
		runner,
		media,
		url: `http://${address.address}:${address.port}`,
		async stop() {
			if (stopped) return;
			stopped = true;
			// Stop taking requests first, then work, then deliveries; the DB closes last.
			const closed = new Promise<void>((resolve) => server.close(() => resolve()));
			// Idle keep-alive connections would hold close() open for seconds; in-flight requests are done by now.
			if ("closeIdleConnections" in server) server.closeIdleConnections();
			await closed;
			await runner.stop();
			await outbox.stop();
			store.close();
		},
	};
}
