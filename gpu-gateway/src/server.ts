import { configFromEnv } from "./config.ts";
import { startGateway } from "./gateway.ts";

/** Entry point: `node src/server.ts`. Stops gracefully so running jobs resume on the next start. */
const gateway = await startGateway(configFromEnv(process.env));
console.log(JSON.stringify({ level: "info", message: "gpu-gateway listening", url: gateway.url }));

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
