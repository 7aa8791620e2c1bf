import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalStack, startLocalStack } from "../support/local-stack.ts";

let stack: LocalStack;
beforeAll(async () => {
	stack = await startLocalStack();
});
afterAll(async () => {
	await stack?.stop();
});

async function admin(path: string, init: RequestInit = {}) {
	return fetch(`${stack.url}${path}`, { ...init, headers: { Authorization: `Bearer ${stack.adminKey}`, "Content-Type": "application/json", ...init.headers } });
}

describe("a package made under wrangler dev", () => {
	it("passes `unzip -t` and its manifest checksums verify with `sha256sum -c`", async () => {
		const created = await admin("/api/products", { method: "POST", body: JSON.stringify({ topic: "night sky photography" }) });
		expect(created.status).toBe(201);
		const { product } = (await created.json()) as { product: { id: string } };
		let status = "";
		for (let i = 0; i < 200 && !["PUBLISHED", "QA1_FAILED", "QA2_FAILED"].includes(status); i++) {
			await new Promise((resolve) => setTimeout(resolve, 250));
			status = ((await (await admin(`/api/products/${product.id}`)).json()) as { product: { status: string } }).product.status;
		}
		expect(status).toBe("PUBLISHED");

		const res = await admin(`/api/products/${product.id}/package`);
		expect(res.status).toBe(200);
		const bytes = Buffer.from(await res.arrayBuffer());
		expect(createHash("sha256").update(bytes).digest("hex")).toBe(res.headers.get("X-Content-SHA256"));

		const dir = mkdtempSync(join(tmpdir(), "package-"));
		const zipPath = join(dir, "package.zip");
		writeFileSync(zipPath, bytes);
		const test = execFileSync("unzip", ["-t", zipPath], { encoding: "utf8" });
		expect(test).toContain("No errors detected");

		const out = join(dir, "out");
		execFileSync("unzip", ["-q", zipPath, "-d", out]);
		const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as { files: { path: string; sha256: string }[] };
		expect(manifest.files.length).toBeGreaterThanOrEqual(6);
		writeFileSync(join(out, "SHA256SUMS"), manifest.files.map((file) => `${file.sha256}  ${file.path}\n`).join(""));
		const verified = execFileSync("sha256sum", ["-c", "SHA256SUMS"], { cwd: out, encoding: "utf8" });
		expect(verified.trim().split("\n")).toHaveLength(manifest.files.length);
		expect(verified).not.toContain("FAILED");
	});
});
