// npm start: the whole local stack with no account, key or network.
// 1. .dev.vars from .dev.vars.example with fresh random secrets (only when absent; settings the
// example gained since are added), 2. local D1 migrations, 3. wrangler dev on PORT (default 8787)
// with the GPU gateway and the development sign-in issuer next to it, URLs printed; says what to
// install (apt) when the short videos' media tools are missing, and starts anyway.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { detectMediaTools } from "../gpu-gateway/src/backends/local/tools.ts";
import { readDevVar } from "./dev-vars.ts";
import { localConfigProblems } from "./local-config.ts";
import { startLocalCron } from "./local-cron.ts";

const port = process.env.PORT ?? "8787";
const offline = {
	...process.env,
	CLOUDFLARE_CF_FETCH_ENABLED: "false",
	WRANGLER_SEND_METRICS: "false",
	WRANGLER_LOG_PATH: "./.wrangler/logs",
	X_LOCAL_OBSERVABILITY: "false",
};

const freshSecrets = (text: string) => text.replace(/="generate"/g, () => `="${randomBytes(32).toString("base64url")}"`);
if (!existsSync(".dev.vars")) {
	const example = readFileSync(".dev.vars.example", "utf8");
	const filled = freshSecrets(example).replace(/^PUBLIC_BASE_URL=.*$/m, `PUBLIC_BASE_URL="http://127.0.0.1:${port}"`);
	writeFileSync(".dev.vars", filled, { mode: 0o600 });
	console.log("Created .dev.vars with fresh random secrets (local development only).");
} else {
	// A .dev.vars from before a feature (e.g. the OIDC_* of sign-in) gets that feature's defaults appended.
	const current = readFileSync(".dev.vars", "utf8");
	const missing = readFileSync(".dev.vars.example", "utf8")
		.split("\n")
		.filter((line) => /^[A-Z0-9_]+=/.test(line) && !new RegExp(`^${line.split("=")[0]}=`, "m").test(current));
	if (missing.length > 0) {
		appendFileSync(".dev.vars", `${current.endsWith("\n") ? "" : "\n"}${freshSecrets(missing.join("\n"))}\n`);
		console.log(`Added to .dev.vars: ${missing.map((line) => line.split("=")[0]).join(", ")}.`);
	}
}

// The Worker would answer every request 503 CONFIG_INVALID: say what is wrong now, and start nothing.
const problems = localConfigProblems("wrangler.toml", ".dev.vars");
if (problems.length > 0) {
	for (const line of problems) console.error(line);
	process.exit(1);
}

// Short videos need ffmpeg, espeak-ng and the CJK font on this machine. Without them everything else
// runs; the gateway does not offer speech and composition, and the video pages say what to install.
const media = await detectMediaTools();
const mediaLine = media.ready ? "ready (ffmpeg, espeak-ng, Noto Sans CJK KR)" : `off: ${media.missing.join(", ")} missing; install with: sudo ${media.install}`;
if (!media.ready) console.warn(`Short videos are ${mediaLine}`);

const migrate = spawnSync("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local"], { stdio: "inherit", env: offline });
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

const devVars = readFileSync(".dev.vars", "utf8");
const devVar = (name: string) => readDevVar(devVars, name) ?? "";
const adminKey = devVar("ADMIN_API_KEY");
// Its own process group, so a signal reaches wrangler and the workerd it starts, not just npx.
const wrangler = spawn("npx", ["wrangler", "dev", "--port", port, "--ip", "127.0.0.1", "--test-scheduled"], { stdio: "inherit", env: offline, detached: true });

// The GPU gateway runs next to the Worker, on the port of GPU_GATEWAY_URL, with the same secret.
const gatewayPort = new URL(devVar("GPU_GATEWAY_URL") || "http://127.0.0.1:8788").port || "8788";
const gateway = spawn(process.execPath, ["gpu-gateway/src/server.ts"], {
	stdio: "inherit",
	env: { ...process.env, PORT: gatewayPort, GPU_GATEWAY_SECRET: devVar("GPU_GATEWAY_SECRET") },
});

// The development OpenID Connect issuer, where "Sign in" leads locally (any e-mail, no password);
// not started when OIDC_ISSUER names a real issuer such as Google.
const oidcIssuer = devVar("OIDC_ISSUER");
const devIssuer = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/?$/.test(oidcIssuer)
	? spawn(process.execPath, ["scripts/dev-oidc/server.ts"], {
			stdio: "inherit",
			env: { ...process.env, OIDC_ISSUER: oidcIssuer, OIDC_CLIENT_ID: devVar("OIDC_CLIENT_ID"), OIDC_CLIENT_SECRET: devVar("OIDC_CLIENT_SECRET") },
		})
	: null;

const base = `http://127.0.0.1:${port}`;
void (async () => {
	for (let i = 0; i < 120; i++) {
		await new Promise((resolve) => setTimeout(resolve, 500));
		const ok = await fetch(`${base}/healthz`).then(
			(res) => res.ok,
			() => false,
		);
		if (!ok) continue;
		console.log(`
Edge Factory is running:
  Storefront   ${base}/
  Admin API    ${base}/api/products   (Authorization: Bearer <ADMIN_API_KEY from .dev.vars>)
  Health       ${base}/healthz
  GPU gateway  http://127.0.0.1:${gatewayPort}/healthz
  Short videos ${mediaLine}
  Sign in      ${base}/auth/login   (${devIssuer ? `development issuer ${oidcIssuer}: any e-mail, no password` : `OIDC issuer ${oidcIssuer || "not configured"}`})
  Admin key    ${adminKey.slice(0, 6)}… (in .dev.vars)
  Make a product:
    curl -s -X POST ${base}/api/products -H "Authorization: Bearer $(grep ^ADMIN_API_KEY .dev.vars | cut -d'"' -f2)" \\
      -H "Content-Type: application/json" -d '{"topic":"sourdough baking for beginners"}'
Press Ctrl-C to stop.`);
		startLocalCron(base);
		await seedDemoCatalog();
		return;
	}
	console.error(`wrangler dev did not answer on ${base}/healthz within 60 s`);
})();

/** On a store with no products yet, starts a demo catalog through the admin API (once). */
async function seedDemoCatalog(): Promise<void> {
	if (process.env.SEED_DEMO === "0") return;
	const headers = { Authorization: `Bearer ${adminKey}`, "Content-Type": "application/json" };
	try {
		const existing = (await (await fetch(`${base}/api/products?limit=1`, { headers })).json()) as { products?: unknown[] };
		if ((existing.products ?? []).length > 0) return;
		const res = await fetch(`${base}/api/products/batch`, { method: "POST", headers, body: JSON.stringify({ batch: 6 }) });
		if (res.ok) console.log("Seeding a demo catalog: 6 products are going through the pipeline (watch them at /admin). SEED_DEMO=0 skips this.");
	} catch {
		console.warn("Could not seed the demo catalog; the store starts empty.");
	}
}

// One Ctrl-C stops them all; wrangler ending stops the others.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
	process.on(signal, () => {
		if (wrangler.pid) process.kill(-wrangler.pid, signal);
		gateway.kill("SIGTERM");
		devIssuer?.kill("SIGTERM");
	});
}
wrangler.on("exit", (code) => {
	gateway.kill("SIGTERM");
	devIssuer?.kill("SIGTERM");
	process.exit(code ?? 0);
});
devIssuer?.on("exit", (code) => {
	if (code) console.error(`the development sign-in issuer exited with code ${code}; sign-in will not work until npm start runs again.`);
});
gateway.on("exit", (code) => {
	if (code) console.error(`gpu-gateway exited with code ${code}; the store keeps running without it.`);
});
