import { configFromEnv } from "./config.ts";
import { startGateway } from "./gateway.ts";

/** Entry point: `node src/server.ts`. Stops gracefully so running jobs resume on the next start. */
let config: ReturnType<typeof configFromEnv>;
try {
	config = configFromEnv(process.env);
} catch (err) {
	// A configuration mistake is the operator's to fix: one line naming it, not a stack trace.
	console.error(JSON.stringify({ level: "error", message: "gpu-gateway not started", error: err instanceof Error ? err.message : String(err) }));
	process.exit(1);
}
const gateway = await startGateway(config);
console.log(JSON.stringify({ level: "info", message: "gpu-gateway listening", url: gateway.url }));
if (!gateway.media.ready)
	console.warn(
		JSON.stringify({
			level: "warn",
			message: `tts.speak and video.compose are off: ${gateway.media.missing.join(", ")} missing; install with: ${gateway.media.install}`,
		}),
	);

let shuttingDown = false;
async function shutdown(signal: string): Promise<void> {
	if (shuttingDown) return;
	shuttingDown = true;
	console.log(JSON.stringify({ level: "info", message: "shutting down", signal }));
	// A hard deadline, so a stuck close cannot keep the process alive past the orchestrator's patience.
	const force = setTimeout(() => process.exit(1), 10_000);
	force.unref();
	await gateway.stop();
	process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
