import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DevIssuer, startDevIssuer } from "../../scripts/dev-oidc/issuer.ts";

/**
 * A `wrangler dev` of this project on a free port with its own state folder and secrets; with
 * `withDevIssuer`, also the development OIDC issuer that "Sign in" leads to (`oidcIssuer`).
 */
export type LocalStack = { url: string; adminKey: string; oidcIssuer?: string; stop: () => Promise<void> };

/** Options of {@link startLocalStack}. */
export type LocalStackOptions = {
	/** Start the development OIDC issuer (scripts/dev-oidc) on a free port and point OIDC_* at it. */
	withDevIssuer?: boolean;
	/** Run `wrangler dev --test-scheduled`, so `GET /__scheduled?cron=…` fires the cron handler (benchmarks). */
	testScheduled?: boolean;
};

const OFFLINE = { CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false", X_LOCAL_OBSERVABILITY: "false" };

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.listen(0, "127.0.0.1", () => {
			const address = server.address();
			server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
		});
	});
}

/**
 * Starts the stack as `npm start` does (migrations, then `wrangler dev`), but isolated: state
 * in a temporary folder and secrets in a temporary env file, so it never touches .dev.vars.
 */
export async function startLocalStack(vars: Record<string, string> = {}, options: LocalStackOptions = {}): Promise<LocalStack> {
	const dir = mkdtempSync(join(tmpdir(), "edge-factory-"));
	const port = await freePort();
	const adminKey = `admin-${crypto.randomUUID()}`;
	const envFile = join(dir, "dev.vars");
	const oidcClient = { clientId: "edge-factory-local-stack", clientSecret: `oidc-${Math.random().toString(36).slice(2)}-local-stack` };
	const issuer: DevIssuer | null = options.withDevIssuer ? await startDevIssuer(oidcClient) : null;
	const all = {
		ADMIN_API_KEY: adminKey,
		DOWNLOAD_TOKEN_SECRET: "local-stack-download-secret-0123456789",
		STRIPE_WEBHOOK_SECRET: "whsec_local_stack_0123456789abcdefghijkl",
		PAYMENT_PROVIDER: "local",
		// No gateway runs unless the caller starts one (test/support/gpu-stack.ts) and passes its URL.
		GPU_GATEWAY_URL: "http://127.0.0.1:9",
		GPU_GATEWAY_SECRET: `local-stack-gateway-${crypto.randomUUID()}`,
		PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
		...(issuer ? { OIDC_ISSUER: issuer.issuer, OIDC_CLIENT_ID: oidcClient.clientId, OIDC_CLIENT_SECRET: oidcClient.clientSecret } : {}),
		...vars,
	};
	writeFileSync(
		envFile,
		Object.entries(all)
			.map(([k, v]) => `${k}="${v}"`)
			.join("\n"),
	);
	const env = { ...process.env, ...OFFLINE, WRANGLER_LOG_PATH: join(dir, "logs") };
	const persist = join(dir, "state");
	const migrate = spawnSync("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local", "--persist-to", persist], { env, encoding: "utf8" });
	if (migrate.status !== 0) {
		await issuer?.close();
		throw new Error(`migrations failed: ${migrate.stderr}${migrate.stdout}`);
	}

	const child: ChildProcess = spawn(
		"npx",
		[
			"wrangler",
			"dev",
			"--port",
			String(port),
			"--ip",
			"127.0.0.1",
			"--persist-to",
			persist,
			"--env-file",
			envFile,
			"--log-level",
			"warn",
			...(options.testScheduled ? ["--test-scheduled"] : []),
		],
		{
			env,
			stdio: ["ignore", "pipe", "pipe"],
			detached: true,
		},
	);
	let output = "";
	child.stdout?.on("data", (chunk) => {
		output = (output + chunk).slice(-20_000);
	});
	child.stderr?.on("data", (chunk) => {
		output = (output + chunk).slice(-20_000);
	});
	const url = `http://127.0.0.1:${port}`;
	const stop = async () => {
		if (child.exitCode === null && child.pid) {
			process.kill(-child.pid, "SIGTERM");
			await new Promise((resolve) => child.once("exit", resolve));
		}
		await issuer?.close();
		rmSync(dir, { recursive: true, force: true });
	};
	const deadline = Date.now() + 90_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) break;
		const ok = await fetch(`${url}/healthz`).then(
			(res) => res.ok,
			() => false,
		);
		if (ok) return { url, adminKey, ...(issuer ? { oidcIssuer: issuer.issuer } : {}), stop };
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
	await stop();
	throw new Error(`wrangler dev did not start:\n${output}`);
}
