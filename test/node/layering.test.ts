import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * The layer rules (.dependency-cruiser.cjs, and Biome's `Env` rule in biome.json) run in
 * `npm test` over the real tree. Here they run over a small tree with a violation of each rule
 * planted, to show each one does fail when broken, and does not fail on what it allows.
 */
const ROOT = resolve(import.meta.dirname, "../..");
const BIN = join(ROOT, "node_modules/.bin");
const dirs: string[] = [];
afterAll(() => {
	for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A project folder with `files` (path → source) and a tsconfig like the Worker's. */
function plantedTree(files: Record<string, string>): string {
	const dir = mkdtempSync(join(tmpdir(), "layers-"));
	dirs.push(dir);
	const tsconfig = { compilerOptions: { module: "es2022", moduleResolution: "bundler", jsx: "react-jsx", allowImportingTsExtensions: true, noEmit: true } };
	writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
	for (const [path, source] of Object.entries(files)) {
		mkdirSync(dirname(join(dir, path)), { recursive: true });
		writeFileSync(join(dir, path), source);
	}
	return dir;
}

type Violation = { rule: { name: string }; from: string; to: string; cycle?: { name: string }[] };

/** Runs dependency-cruiser with the project's own rules over `dir`, as `npm test` does (its exit code) and for the details (JSON). */
function cruise(dir: string): { exitCode: number | null; violations: Violation[] } {
	const run = (outputType: string) =>
		spawnSync(join(BIN, "depcruise"), ["src", "durable-objects", "--config", join(ROOT, ".dependency-cruiser.cjs"), "--output-type", outputType], {
			cwd: dir,
			encoding: "utf8",
		});
	const { summary } = JSON.parse(run("json").stdout) as { summary: { violations: Violation[] } };
	return { exitCode: run("err").status, violations: summary.violations };
}

const fine = "export const ok = 1;\n";

describe("the layer rules", () => {
	it("pass on the project itself", () => {
		const run = spawnSync(join(BIN, "depcruise"), ["src", "durable-objects", "--config", ".dependency-cruiser.cjs", "--output-type", "err"], {
			cwd: ROOT,
			encoding: "utf8",
		});
		expect(run.stdout + run.stderr).toContain("no dependency violations found");
		expect(run.status).toBe(0);
	});

	it("fail on a planted violation of each rule, naming the rule and the files", () => {
		const dir = plantedTree({
			// A runtime cycle, and a cycle that only types close (allowed).
			"src/pipeline/a.ts": 'import { b } from "./b";\nexport const a = () => b;\n',
			"src/pipeline/b.ts": 'import { a } from "./a";\nexport const b = () => a;\n',
			"src/pipeline/c.ts": 'import type { D } from "./d";\nexport type C = { d?: D };\n',
			"src/pipeline/d.ts": 'import type { C } from "./c";\nexport type D = { c?: C };\n',
			// The bottom layer reaching up.
			"src/lib/helper.ts": 'import { order } from "../commerce/order";\nexport const helper = order;\n',
			"src/shared/schema.ts": 'import { ok } from "../db/client";\nexport const schema = ok;\n',
			"src/db/client.ts": 'import { order } from "../commerce/order";\nexport const ok = order;\n',
			// A domain reaching into HTTP, and into the composition root at run time.
			"src/commerce/order.ts": 'import { page } from "../views/page";\nexport const order = page;\n',
			"src/gpu/hooks.ts": 'import { buildDeps } from "../wiring";\nexport const hooks = buildDeps;\n',
			"src/styles/types.ts": 'import type { AppDeps } from "../wiring";\nexport type StyleDeps = AppDeps;\n',
			"src/views/page.tsx": 'import { route } from "../routes/route";\nexport const page = route;\n',
			"src/routes/route.ts": 'import { app } from "../app";\nexport const route = app;\n',
			"src/app.tsx": fine,
			"src/wiring.ts": "export const buildDeps = () => 1;\nexport type AppDeps = { ok: number };\n",
			"src/index.ts": 'import { app } from "./app";\nexport default app;\n',
			// Raw bindings below the root, and a Durable Object importing a domain.
			"src/accounts/env.ts": 'import { env } from "cloudflare:workers";\nexport const bindings = env;\n',
			"durable-objects/counter.ts": 'import { order } from "../src/commerce/order";\nexport const counter = order;\n',
		});
		const { exitCode, violations } = cruise(dir);
		expect(exitCode).not.toBe(0);
		const found = violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
		expect(found).toEqual(
			expect.arrayContaining([
				"no-runtime-cycle: src/pipeline/a.ts → src/pipeline/b.ts",
				"lib-and-shared-are-leaves: src/lib/helper.ts → src/commerce/order.ts",
				"lib-and-shared-are-leaves: src/shared/schema.ts → src/db/client.ts",
				"storage-layer-stays-low: src/db/client.ts → src/commerce/order.ts",
				"domains-stay-below-http: src/commerce/order.ts → src/views/page.tsx",
				"domains-use-wiring-types-only: src/gpu/hooks.ts → src/wiring.ts",
				"views-render-only: src/views/page.tsx → src/routes/route.ts",
				"nothing-imports-the-app: src/routes/route.ts → src/app.tsx",
				"durable-objects-use-shared-and-lib: durable-objects/counter.ts → src/commerce/order.ts",
				"bindings-only-at-the-root: src/accounts/env.ts → cloudflare:workers",
			]),
		);
		// What the rules allow: a cycle closed only by types, a type import of AppDeps, the entry importing the app.
		expect(found.filter((line) => /src\/pipeline\/[cd]\.ts|src\/styles\/types\.ts|src\/index\.ts/.test(line))).toEqual([]);
	});

	it("refuse the Worker's Env type below the composition root (Biome), and allow it there", () => {
		const planted = "export function bindingsOf(env: Env): unknown {\n\treturn env.DB;\n}\n";
		const dir = plantedTree({ "src/commerce/planted.ts": planted, "src/wiring.ts": planted, "src/index.ts": planted });
		const config = JSON.parse(readFileSync(join(ROOT, "biome.json"), "utf8")) as Record<string, unknown>;
		// The planted tree is no git repository; the rules stay the project's own.
		writeFileSync(join(dir, "biome.json"), JSON.stringify({ ...config, $schema: undefined, vcs: undefined }));
		const run = spawnSync(join(BIN, "biome"), ["lint", ".", "--reporter=json"], { cwd: dir, encoding: "utf8" });
		const report = JSON.parse(run.stdout) as { diagnostics: { category: string; location: { path: string } }[] };
		expect(run.status).not.toBe(0);
		expect(report.diagnostics.map((d) => `${d.category} ${d.location.path}`)).toEqual(["lint/style/noRestrictedTypes src/commerce/planted.ts"]);
	});
});
