import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { zipStream } from "../../src/lib/zip-stream.ts";

describe("ZIP with Korean entry names, read by Info-ZIP unzip", () => {
	it("lists the Korean names exactly as written", async () => {
		const names = ["ko/사워도우-가이드.md", "ko/체크리스트.md", "en/guide.md", "README.md"];
		const encoder = new TextEncoder();
		const stream = zipStream(
			names.map((path) => ({ path, open: async () => encoder.encode(`# ${path}\n`) })),
			new Date("2026-12-04T00:00:00Z"),
		);
		const dir = mkdtempSync(join(tmpdir(), "zip-ko-"));
		try {
			const file = join(dir, "빵 굽기 스타터 키트 v1.zip");
			writeFileSync(file, new Uint8Array(await new Response(stream).arrayBuffer()));
			// C.UTF-8 so unzip prints the names as UTF-8 rather than guessing a code page.
			const listing = execFileSync("/usr/bin/unzip", ["-l", file], { encoding: "utf8", env: { ...process.env, LC_ALL: "C.UTF-8" } });
			for (const name of names) expect(listing).toContain(name);
			execFileSync("/usr/bin/unzip", ["-tq", file], { env: { ...process.env, LC_ALL: "C.UTF-8" } });
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
