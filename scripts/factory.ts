// The factory CLI: make products through the admin API and watch them through the pipeline.
// `npm run factory -- --help` for usage; README "CLI" for examples.

import { ApiError, createAdminClient, UnreachableError } from "./factory/api.ts";
import { parseCli, SHORT_USAGE, USAGE, UsageError } from "./factory/args.ts";
import { type Io, runCreate, runRetry, runStatus } from "./factory/commands.ts";
import { findApiKey, MissingKeyError } from "./factory/config.ts";

/** Runs the CLI with `argv` (no `node`/script) and returns its exit code: 0 ok, 1 failure, 2 usage. */
async function main(argv: string[], io: Io, cwd: string): Promise<number> {
	try {
		const command = parseCli(argv);
		if (command.name === "help") {
			io.stdout.write(`${USAGE}\n`);
			return 0;
		}
		const { key } = findApiKey(io.env, cwd);
		const client = createAdminClient({ baseUrl: command.url, apiKey: key });
		if (command.name === "create") return await runCreate(command, client, io);
		if (command.name === "retry") return await runRetry(command, client, io);
		return await runStatus(command, client, io);
	} catch (error) {
		if (error instanceof UsageError) {
			io.stderr.write(`${error.message}\n\n${SHORT_USAGE}\nRun with --help for the options.\n`);
			return 2;
		}
		io.stderr.write(`${describeError(error)}\n`);
		return 1;
	}
}

/** One line for a runtime error: the API's envelope as `code: message (request id ...)`. */
function describeError(error: unknown): string {
	if (error instanceof ApiError) {
		if (error.status === 401) return "The admin API key was refused (check FACTORY_API_KEY or .dev.vars).";
		return `${error.code}: ${error.message}${error.requestId ? ` (request id ${error.requestId})` : ""}`;
	}
	if (error instanceof UnreachableError || error instanceof MissingKeyError) return error.message;
	return error instanceof Error ? `Unexpected error: ${error.stack ?? error.message}` : `Unexpected error: ${String(error)}`;
}

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }, process.cwd());
