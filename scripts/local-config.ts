import { readFileSync } from "node:fs";
import { parse } from "smol-toml";
import { describeProblem, parseConfig } from "../src/config/settings.ts";
import { parseDevVars } from "./dev-vars.ts";

/** The variables `wrangler dev` gives the Worker: wrangler.toml's `[vars]`, then `.dev.vars` over them. */
export function localVars(wranglerToml: string, devVars: string): Record<string, unknown> {
	const vars = (parse(wranglerToml).vars ?? {}) as Record<string, unknown>;
	return { ...vars, ...parseDevVars(devVars) };
}

/**
 * The Worker's configuration problems as `npm start` would serve it, one line each naming the
 * variable (never its value); empty when it is fine. The same checks as the deployed Worker's
 * (src/config/settings.ts), run before anything starts.
 */
export function localConfigProblems(wranglerTomlPath: string, devVarsPath: string): string[] {
	const result = parseConfig(localVars(readFileSync(wranglerTomlPath, "utf8"), readFileSync(devVarsPath, "utf8")));
	return result.ok
		? []
		: result.problems.map((problem) => `Configuration error: ${describeProblem(problem)} (set it in ${devVarsPath} or wrangler.toml [vars]).`);
}
