import { env } from "cloudflare:workers";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/lib/hash";
import { findUnsafePaths, safeRelativePath } from "../../src/lib/safe-path";
import { centralDirectoryEntryCount, readZipDigests, zipStream } from "../../src/lib/zip";
import { PART_SIZE, uploadStream } from "../../src/r2/upload-stream";

const encoder = new TextEncoder();

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
	return new Uint8Array(await new Response(stream).arrayBuffer());
}

function pseudoRandom(size: number, seed: number): Uint8Array {
	const out = new Uint8Array(size);
	let x = seed;
	for (let i = 0; i < size; i++) {
		x = (Math.imul(x, 1103515245) + 12345) >>> 0;
		out[i] = x >>> 24;
	}
	return out;
}

describe("safe entry paths", () => {
	it("normalises harmless forms", () => {
		expect(safeRelativePath("assets/styles.css")).toBe("assets/styles.css");
		expect(safeRelativePath("./guide.md")).toBe("guide.md");
		expect(safeRelativePath("assets\\hero.svg")).toBe("assets/hero.svg");
	});

	it("rejects anything that could escape or confuse an unzip tool", () => {
		for (const bad of ["/etc/passwd", "../secret", "a/../../b", "C:\\windows\\x", "a//b", "", "name\u0000.txt", "line\nbreak", ".."]) {
			expect(safeRelativePath(bad)).toBeNull();
		}
	});

	it("finds unsafe and duplicate names, ignoring case", () => {
		expect(findUnsafePaths(["index.html", "README.md"])).toEqual([]);
		expect(findUnsafePaths(["readme.md", "README.md"])).toEqual(['duplicate path "README.md"']);
		expect(findUnsafePaths(["./x.md"])).toEqual(['unsafe path "./x.md"']);
	});
});

describe("zipStream and readZipDigests", () => {
	it("round-trips text and binary entries with exact bytes and hashes", async () => {
		const text = encoder.encode("Sourdough ".repeat(5000));
		const image = pseudoRandom(200_000, 7);
		const zip = await collect(
			zipStream(
				[
					{ path: "guide.md", open: async () => text },
					{ path: "assets/photo.png", open: async () => new Response(image).body as ReadableStream<Uint8Array> },
					{ path: "naïve café.md", open: async () => encoder.encode("unicode name") },
				],
				new Date("2026-01-02T03:04:05Z"),
			),
		);
		// Text deflates to a fraction; the PNG is stored, so the archive is about the image's size.
		expect(zip.byteLength).toBeLessThan(image.byteLength + 5_000);
		const unzipped = unzipSync(zip);
		expect(unzipped["guide.md"]).toEqual(text);
		expect(unzipped["assets/photo.png"]).toEqual(image);
		expect(new TextDecoder().decode(unzipped["naïve café.md"])).toBe("unicode name");

		const digests = await readZipDigests(new Response(zip).body as ReadableStream<Uint8Array>, (path) => path === "guide.md");
		expect(digests.map((d) => d.path)).toEqual(["guide.md", "assets/photo.png", "naïve café.md"]);
		expect(digests[0]?.sha256).toBe(await sha256Hex(text));
		expect(digests[0]?.body).toEqual(text);
		expect(digests[1]?.sha256).toBe(await sha256Hex(image));
		expect(digests[1]?.size).toBe(image.byteLength);
		expect(digests[1]?.body).toBeUndefined();
		expect(centralDirectoryEntryCount(zip.slice(-100))).toBe(3);
	});

	it("is byte-for-byte reproducible for the same input and time", async () => {
		const build = () => collect(zipStream([{ path: "a.txt", open: async () => encoder.encode("same") }], new Date("2026-05-05T00:00:00Z")));
		expect(await sha256Hex(await build())).toBe(await sha256Hex(await build()));
	});

	it("rejects bytes that are not a ZIP", async () => {
		const garbage = encoder.encode("PK\u0003\u0004 this is not really a zip file at all");
		await expect(readZipDigests(new Response(garbage).body as ReadableStream<Uint8Array>)).rejects.toThrow();
	});
});

describe("uploadStream", () => {
	it("stores a small body with one put and reports size and SHA-256", async () => {
		const body = encoder.encode("small object");
		const stored = await uploadStream(env.FILES, "test/small.bin", new Response(body).body as ReadableStream<Uint8Array>, "application/octet-stream");
		expect(stored).toEqual({ size: body.byteLength, sha256: await sha256Hex(body) });
		const object = await env.FILES.get("test/small.bin");
		expect(new Uint8Array(await (object as R2ObjectBody).arrayBuffer())).toEqual(body);
		expect(object?.httpMetadata?.contentType).toBe("application/octet-stream");
	});

	it("streams a body over one part as a multipart upload of exact parts", async () => {
		const body = pseudoRandom(PART_SIZE * 2 + 12_345, 3);
		// Odd-sized chunks so part boundaries fall inside chunks.
		const stream = new ReadableStream<Uint8Array>({
			start(controller) {
				for (let offset = 0; offset < body.byteLength; offset += 777_777) controller.enqueue(body.slice(offset, offset + 777_777));
				controller.close();
			},
		});
		const stored = await uploadStream(env.FILES, "test/large.bin", stream, "application/zip");
		expect(stored.size).toBe(body.byteLength);
		expect(stored.sha256).toBe(await sha256Hex(body));
		const object = await env.FILES.get("test/large.bin");
		expect(object?.size).toBe(body.byteLength);
		expect(await sha256Hex(new Uint8Array(await (object as R2ObjectBody).arrayBuffer()))).toBe(stored.sha256);
	});
});
