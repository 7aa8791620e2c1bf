import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { FaultInjection, type GpuJobKind } from "../../src/shared/gpu-jobs.ts";
import { LOCAL_KINDS, type LocalBackendOptions, MEDIA_KINDS } from "./backends/local.ts";
import { replicateOptionsFromEnv } from "./backends/replicate/config.ts";
import { ReplicateBackend } from "./backends/replicate.ts";
import type { GatewayConfig } from "./gateway.ts";

/** Default data dir: `gpu-gateway/.data`, next to this package, whatever the cwd. */
const DEFAULT_DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", ".data");

/** Reads the gateway's configuration from the environment; throws on what is missing. */
export function configFromEnv(env: NodeJS.ProcessEnv): GatewayConfig {
	const secret = env.GPU_GATEWAY_SECRET;
	// A short secret makes HS256 tokens guessable; refuse to start rather than run weakly.
	if (!secret || secret.length < 32) throw new Error("GPU_GATEWAY_SECRET must be set (at least 32 characters)");
	const port = Number(env.PORT ?? "8788");
	if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error("PORT must be a port number");
	const concurrency = Number(env.GPU_GATEWAY_CONCURRENCY ?? "2");
	// local stays the default: it needs no account, no network and costs nothing.
	const backend = env.GPU_GATEWAY_BACKEND ?? "local";
	if (backend !== "local" && backend !== "replicate") throw new Error("GPU_GATEWAY_BACKEND must be local or replicate");
	return {
		dataDir: env.GPU_GATEWAY_DATA_DIR ?? DEFAULT_DATA_DIR,
		secret,
		webhookSecret: env.GPU_GATEWAY_WEBHOOK_SECRET,
		port,
		hostname: env.HOST ?? "127.0.0.1",
		runner: { concurrency: Number.isInteger(concurrency) && concurrency > 0 ? concurrency : 2 },
		allowPrivateInputs: env.GPU_GATEWAY_ALLOW_PRIVATE_INPUTS === "1",
		backends: backend === "replicate" ? [new ReplicateBackend(replicateOptionsFromEnv(env))] : undefined,
		local: {
			llm: env.LLM_BASE_URL ? { baseUrl: env.LLM_BASE_URL, apiKey: env.LLM_API_KEY || undefined, model: env.LLM_MODEL || "gpt-4o-mini" } : undefined,
			fault: faultFromEnv(env),
		},
	};
}

/**
 * GPU_GATEWAY_FAULT (JSON, the shape of a job's `input.fault`) and GPU_GATEWAY_FAULT_KINDS
 * (comma-separated kinds, all when unset): a fault for every job of the local backend that brings
 * none of its own. A malformed value stops the start, naming the variable.
 */
function faultFromEnv(env: NodeJS.ProcessEnv): LocalBackendOptions["fault"] {
	const raw = env.GPU_GATEWAY_FAULT;
	if (!raw) return undefined;
	let json: unknown;
	try {
		json = JSON.parse(raw);
	} catch {
		throw new Error('GPU_GATEWAY_FAULT must be JSON, for example {"failTimes":2}');
	}
	const parsed = FaultInjection.safeParse(json);
	if (!parsed.success)
		throw new Error(`GPU_GATEWAY_FAULT: ${parsed.error.issues.map((issue) => `${issue.path.join(".") || "value"} ${issue.message}`).join("; ")}`);
	const kinds = env.GPU_GATEWAY_FAULT_KINDS?.split(",")
		.map((kind) => kind.trim())
		.filter(Boolean);
	const known: readonly string[] = [...LOCAL_KINDS, ...MEDIA_KINDS];
	const unknown = kinds?.filter((kind) => !known.includes(kind)) ?? [];
	if (unknown.length > 0) throw new Error(`GPU_GATEWAY_FAULT_KINDS: unknown kind ${unknown.join(", ")} (one of ${known.join(", ")})`);
	return { fault: parsed.data, kinds: kinds && kinds.length > 0 ? (kinds as GpuJobKind[]) : undefined };
}
