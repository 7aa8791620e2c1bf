/**
 * `npm run bench [-- packaging|pipeline|download|gateway|portraits|community|video] [--runs N] [--size MB] [--batch N] [--jobs N] [--timeout S] [--save]`:
 * runs the benchmarks one after the other (never together: each wants both cores), forwarding
 * the flags to each; a benchmark ignores the flags that are not its own.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const BENCHES = ["packaging", "pdf-edition", "pipeline", "download", "gateway", "portraits", "community", "video"] as const;
type Bench = (typeof BENCHES)[number];

const isBench = (arg: string): arg is Bench => (BENCHES as readonly string[]).includes(arg);

/**
 * Each benchmark runs in its own process under the tsx loader: packaging imports src/, whose
 * extensionless imports Node's own type stripping cannot resolve. process.execPath keeps the
 * Node that npm chose (22), where a bare `tsx` would find the system one first.
 */
function runBench(bench: Bench, args: string[]): Promise<number> {
	const root = fileURLToPath(new URL("..", import.meta.url));
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ["--import", "tsx", `bench/${bench}.ts`, ...args], { cwd: root, stdio: "inherit" });
		child.once("error", reject);
		child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
	});
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const chosen = args.filter(isBench);
	const forwarded = args.filter((arg) => !isBench(arg));
	const failed: Bench[] = [];
	for (const bench of chosen.length > 0 ? chosen : BENCHES) {
		console.log(`\n=== bench: ${bench} ===`);
		if ((await runBench(bench, forwarded)) !== 0) failed.push(bench);
	}
	if (failed.length > 0) {
		console.error(`\nfailed: ${failed.join(", ")}`);
		process.exitCode = 1;
	}
}

await main();
