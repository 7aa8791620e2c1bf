import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readDevVar } from "../dev-vars.ts";

/** The admin API key and where it came from (shown in error messages, never the key). */
export type ApiKey = { key: string; source: string };

/** No key anywhere: a runtime error (exit 1) that says where to put one. */
export class MissingKeyError extends Error {
	constructor() {
		super("No admin API key: set FACTORY_API_KEY, or run from the project folder where `npm start` created .dev.vars (ADMIN_API_KEY).");
		this.name = "MissingKeyError";
	}
}

/**
 * The admin API key: `FACTORY_API_KEY` from the environment, else `ADMIN_API_KEY` from
 * `.dev.vars` in `cwd` (the file `npm start` writes, `ADMIN_API_KEY="..."`).
 */
export function findApiKey(env: Record<string, string | undefined>, cwd: string): ApiKey {
	const fromEnv = env.FACTORY_API_KEY?.trim();
	if (fromEnv) return { key: fromEnv, source: "FACTORY_API_KEY" };
	const file = join(cwd, ".dev.vars");
	if (existsSync(file)) {
		const key = readDevVar(readFileSync(file, "utf8"), "ADMIN_API_KEY");
		if (key) return { key, source: file };
	}
	throw new MissingKeyError();
}
