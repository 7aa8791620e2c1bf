import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const dirs: string[] = [];
afterAll(() => {
	for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs `npm start`'s script in a folder of its own with the project's wrangler.toml and
 * .dev.vars.example, and a .dev.vars made from the example with `changes` applied.
 */
function startWith(changes: Record<string, string>) {
	const dir = mkdtempSync(join(tmpdir(), "start-config-"));
	dirs.push(dir);
	copyFileSync(join(ROOT, "wrangler.toml"), join(dir, "wrangler.toml"));
	copyFileSync(join(ROOT, ".dev.vars.example"), join(dir, ".dev.vars.example"));
	let vars = readFileSync(join(ROOT, ".dev.vars.example"), "utf8").replace(/="generate"/g, () => `="${crypto.randomUUID()}-${crypto.randomUUID()}"`);
	for (const [name, value] of Object.entries(changes)) {
		const line = new RegExp(`^${name}=.*$`, "m");
		vars = line.test(vars) ? vars.replace(line, `${name}="${value}"`) : `${vars}\n${name}="${value}"\n`;
	}
	writeFileSync(join(dir, ".dev.vars"), vars);
	const run = spawnSync(join(ROOT, "node_modules/.bin/node"), [join(ROOT, "scripts/start.ts")], { cwd: dir, encoding: "utf8", timeout: 60_000 });
	return { ...run, dir };
}

describe("npm start with a bad configuration", () => {
	it.each([
		["DOWNLOAD_TOKEN_SECRET", "too-short", "DOWNLOAD_TOKEN_SECRET must be at least 32 characters"],
		["PAYMENT_PROVIDER", "strpe", 'PAYMENT_PROVIDER must be "local" or "stripe"'],
		["PAYMENT_PROVIDER", "", "PAYMENT_PROVIDER is not set"],
		["PUBLIC_BASE_URL", "https://shop.example.com", 'PAYMENT_PROVIDER is "local" (its pay button marks any order paid), but PUBLIC_BASE_URL is not a loopback'],
		["QA_THRESHOLD", "eighty", "QA_THRESHOLD must be a whole number from 0 to 100"],
	])("stops before serving when %s is %j, with one line naming it", (variable, value, says) => {
		const run = startWith({ [variable]: value });
		expect(run.status).toBe(1);
		const lines = run.stderr.trim().split("\n");
		expect(lines).toHaveLength(1);
		expect(lines[0]).toContain(`Configuration error: ${says}`);
		if (value.length > 8) expect(lines[0]).not.toContain(value.replace(/^https:\/\//, ""));
		// Nothing was started: no migrations applied, no local state.
		expect(existsSync(join(run.dir, ".wrangler"))).toBe(false);
		expect(run.stdout).not.toContain("Edge Factory is running");
	});
});
