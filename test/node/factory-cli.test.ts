import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDevVar } from "../../scripts/dev-vars.ts";
import type { AdminClient, Product } from "../../scripts/factory/api.ts";
import { parseCli, UsageError } from "../../scripts/factory/args.ts";
import { stageProgress } from "../../scripts/factory/progress.ts";
import { outcomeOf, watchProducts } from "../../scripts/factory/watch.ts";
import { type LocalStack, startLocalStack } from "../support/local-stack.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SCRIPT = join(ROOT, "scripts", "factory.ts");

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs the CLI as a user would (Node 22 strips the types), with its own environment. */
function cli(args: string[], env: Record<string, string>, cwd = ROOT): Promise<Run> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [SCRIPT, ...args], {
			cwd,
			env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NO_COLOR: "1", ...env },
			stdio: ["ignore", "pipe", "pipe"],
		});
		let stdout = "";
		let stderr = "";
		child.stdout.on("data", (chunk) => {
			stdout += chunk;
		});
		child.stderr.on("data", (chunk) => {
			stderr += chunk;
		});
		child.on("error", reject);
		child.on("close", (code) => resolve({ code, stdout, stderr }));
	});
}

async function unusedPort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createNetServer();
		server.listen(0, "127.0.0.1", () => {
			const address = server.address();
			server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
		});
	});
}

function product(overrides: Partial<Product> & { id: string }): Product {
	return {
		slug: overrides.id,
		title: `Title ${overrides.id}`,
		kind: "digital_kit",
		status: "DRAFT",
		version: 1,
		price_cents: 1900,
		currency: "usd",
		quality_score: null,
		failed_stage: null,
		last_error: null,
		created_at: "2026-01-01T00:00:00.000Z",
		updated_at: "2026-01-01T00:00:00.000Z",
		published_at: null,
		...overrides,
	};
}

describe("factory CLI pieces", () => {
	it("parses a batch and rejects bad arguments with a usage error", () => {
		expect(parseCli(["--topic", "sourdough baking", "--batch", "3", "--price", "2500", "--json"])).toMatchObject({
			name: "create",
			topic: "sourdough baking",
			batch: 3,
			priceCents: 2500,
			json: true,
			url: "http://127.0.0.1:8787",
			timeoutSeconds: 300,
		});
		expect(parseCli(["status", "prd_1", "--url", "http://localhost:9000/"])).toMatchObject({ name: "status", id: "prd_1", url: "http://localhost:9000" });
		expect(parseCli(["retry", "prd_1", "--timeout", "30"])).toMatchObject({ name: "retry", id: "prd_1", timeoutSeconds: 30 });
		for (const bad of [
			["--batch", "0"],
			["--batch", "51"],
			["--price", "abc"],
			["--price", "19.5"],
			["--nope"],
			["frobnicate"],
			["retry"],
			["status", "--topic", "x"],
		]) {
			expect(() => parseCli(bad), bad.join(" ")).toThrow(UsageError);
		}
	});

	it("places each status on the stage bar, gate failures at their gate", () => {
		expect(stageProgress({ status: "GENERATING", failed_stage: null })).toEqual({ done: 0, current: 0, failed: false });
		expect(stageProgress({ status: "PACKAGED", failed_stage: null })).toEqual({ done: 3, current: 3, failed: false });
		expect(stageProgress({ status: "QA1_FAILED", failed_stage: "generate" })).toEqual({ done: 1, current: 1, failed: true });
		expect(stageProgress({ status: "QA2_PASSED", failed_stage: "publish" })).toEqual({ done: 4, current: 4, failed: true });
		expect(stageProgress({ status: "PUBLISHED", failed_stage: null })).toEqual({ done: 5, current: 5, failed: false });
	});

	it("reads ADMIN_API_KEY from a .dev.vars text", () => {
		expect(readDevVar('# secrets\nDOWNLOAD_TOKEN_SECRET="a"\nADMIN_API_KEY="k3y"\n', "ADMIN_API_KEY")).toBe("k3y");
		expect(readDevVar("ADMIN_API_KEY=bare # note\n", "ADMIN_API_KEY")).toBe("bare");
		expect(readDevVar('ADMIN_API_KEY=""\n', "ADMIN_API_KEY")).toBeUndefined();
	});

	it("counts a stopped stage as failed only once it stays put", () => {
		const stuck = product({ id: "a", status: "GENERATING", failed_stage: "generate", updated_at: "t1" });
		expect(outcomeOf(stuck, product({ id: "a", status: "GENERATING", updated_at: "t0" }))).toBe("running");
		expect(outcomeOf(stuck, stuck)).toBe("failed");
		expect(outcomeOf(product({ id: "a", status: "QA2_FAILED" }), undefined)).toBe("failed");
	});

	it("polls one request per tick, fetching products missing from the first page one by one", async () => {
		const calls: string[] = [];
		let tick = 0;
		const client: AdminClient = {
			createProduct: () => Promise.reject(new Error("unused")),
			createBatch: () => Promise.reject(new Error("unused")),
			retryProduct: () => Promise.reject(new Error("unused")),
			async listProducts() {
				calls.push("list");
				// "old" has fallen off the first page; "new" publishes on the second list.
				return { products: [product({ id: "new", status: calls.length > 1 ? "PUBLISHED" : "PACKAGED" })], next_cursor: "c" };
			},
			async getProduct(id) {
				calls.push(`get ${id}`);
				return { product: product({ id, status: "PUBLISHED" }), qa_reports: [], package: null, stage_runs: [], publish_history: [] };
			},
		};
		const result = await watchProducts({
			client,
			products: [product({ id: "new" }), product({ id: "old", status: "QA2_PASSED" })],
			timeoutMs: 60_000,
			onUpdate: () => {},
			now: () => tick * 750,
			sleep: async () => {
				tick++;
			},
		});
		expect(calls).toEqual(["list", "get old", "list"]);
		expect(result.timedOut).toBe(false);
		expect(result.tracked.map((t) => t.outcome)).toEqual(["published", "published"]);
	});
});

describe("npm run factory against wrangler dev", () => {
	let stack: LocalStack;
	beforeAll(async () => {
		stack = await startLocalStack();
	});
	afterAll(async () => {
		await stack?.stop();
	});
	const key = () => ({ FACTORY_API_KEY: stack.adminKey });
	let publishedId = "";

	it("makes a batch of 2 and watches it to PUBLISHED (--json)", async () => {
		const run = await cli(["--topic", "indoor herb gardening", "--batch", "2", "--url", stack.url, "--timeout", "90", "--json"], key());
		expect(run.stderr).toBe("");
		expect(run.code).toBe(0);
		const doc = JSON.parse(run.stdout) as {
			ok: boolean;
			products: { id: string; title: string; slug: string; status: string; quality_score: number | null }[];
		};
		expect(doc.ok).toBe(true);
		expect(doc.products).toHaveLength(2);
		for (const p of doc.products) {
			expect(p.status).toBe("PUBLISHED");
			expect(p.quality_score).toEqual(expect.any(Number));
			const res = await fetch(`${stack.url}/api/products/${p.id}`, { headers: { Authorization: `Bearer ${stack.adminKey}` } });
			const body = (await res.json()) as { product: { status: string; slug: string } };
			expect(body.product.status).toBe("PUBLISHED");
			expect(body.product.slug).toBe(p.slug);
		}
		publishedId = doc.products[0]?.id ?? "";
	});

	it("shows a product's detail with status <id> --json, and the list as a table", async () => {
		const detail = await cli(["status", publishedId, "--url", stack.url, "--json"], key());
		expect(detail.code).toBe(0);
		const body = JSON.parse(detail.stdout) as { product: { id: string; status: string }; qa_reports: { stage: number }[]; package: { sha256: string } | null };
		expect(body.product).toMatchObject({ id: publishedId, status: "PUBLISHED" });
		expect(body.qa_reports.map((r) => r.stage)).toEqual(expect.arrayContaining([1, 2]));
		expect(body.package?.sha256).toMatch(/^[0-9a-f]{64}$/);

		const list = await cli(["status", "--url", stack.url], key());
		expect(list.code).toBe(0);
		expect(list.stdout).toContain(publishedId);
		expect(list.stdout).toMatch(/PUBLISHED 2/);
	});

	it("refuses to retry a published product with the API's CONFLICT", async () => {
		const run = await cli(["retry", publishedId, "--url", stack.url], key());
		expect(run.code).toBe(1);
		expect(run.stderr).toMatch(/^CONFLICT: .*PUBLISHED.*\(request id [^)]+\)/);
	});

	it("says when the key is refused, missing, or nothing listens", async () => {
		const wrong = await cli(["status", "--url", stack.url], { FACTORY_API_KEY: "not-the-key" });
		expect(wrong.code).toBe(1);
		expect(wrong.stderr).toContain("The admin API key was refused (check FACTORY_API_KEY or .dev.vars)");

		const none = await cli(["status", "--url", stack.url], {}, mkdtempSync(join(tmpdir(), "factory-cli-")));
		expect(none.code).toBe(1);
		expect(none.stderr).toContain("No admin API key");

		const port = await unusedPort();
		const down = await cli(["status", "--url", `http://127.0.0.1:${port}`], key());
		expect(down.code).toBe(1);
		expect(down.stderr).toContain(`No Edge Factory server at http://127.0.0.1:${port}. Start it with \`npm start\`.`);
	});

	it("exits 2 on invalid arguments without contacting the server", async () => {
		let requests = 0;
		const server: Server = createServer((_req, res) => {
			requests++;
			res.writeHead(500).end();
		});
		await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
		const address = server.address();
		const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
		try {
			const cases: [string[], string][] = [
				[["--batch", "0"], "--batch must be a whole number from 1 to 50"],
				[["--price", "abc"], "--price must be a whole number of cents"],
				[["--colour", "red"], "Unknown option --colour"],
				[["launch"], 'Unknown command "launch"'],
			];
			const runs = await Promise.all(cases.map(([args]) => cli([...args, "--url", url], key())));
			runs.forEach((run, i) => {
				expect(run.code).toBe(2);
				expect(run.stderr).toContain(cases[i]?.[1]);
				expect(run.stderr).toContain("Usage:");
				expect(run.stdout).toBe("");
			});
			expect(requests).toBe(0);
		} finally {
			server.close();
		}
	});
});
