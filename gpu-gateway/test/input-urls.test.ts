import type { LookupAddress } from "node:dns";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BackendError } from "../src/backends/types.ts";
import { sha256Hex } from "../src/hash.ts";
import { type InputSources, loadInputFile } from "../src/inputs/load-input.ts";
import { guardedLookup, type HostResolver } from "../src/inputs/url-policy.ts";
import { imageJob, postJob, startTestGateway, tempDataDir, waitForStatus } from "./helpers.ts";

const MiB = 1024 * 1024;
const PAYLOAD = new TextEncoder().encode("input bytes from a local server");

/** A local file server: one plain file, a redirect, and two ways of being too large. */
let server: Server;
let base: string;
/** Whether the 40 MiB chunked stream was written to the end (it must not be: the reader hangs up). */
let hugeFinished = false;

beforeAll(async () => {
	server = createServer((req, res) => {
		if (req.url === "/file") {
			res.writeHead(200, { "content-length": String(PAYLOAD.byteLength) }).end(PAYLOAD);
		} else if (req.url === "/redirect") {
			res.writeHead(302, { location: "/file" }).end();
		} else if (req.url === "/declared-huge") {
			res.writeHead(200, { "content-length": String(26 * MiB) });
			res.write(Buffer.alloc(1024));
		} else if (req.url === "/chunked-huge") {
			res.writeHead(200, { "content-type": "application/octet-stream" });
			const chunk = Buffer.alloc(MiB, 7);
			let sent = 0;
			const pump = () => {
				while (sent < 40) {
					sent += 1;
					if (!res.write(chunk)) return void res.once("drain", pump);
				}
				res.end(() => {
					hugeFinished = true;
				});
			};
			pump();
		} else if (req.url === "/gone") {
			res.writeHead(404).end();
		} else {
			res.writeHead(503).end();
		}
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
	server.closeAllConnections();
	await new Promise<void>((resolve) => server.close(() => resolve()));
});

function sources(overrides: Partial<InputSources> = {}): InputSources {
	return { mirrorDir: tempDataDir(), allowPrivateUrls: false, now: Date.now, ...overrides };
}

/** The BackendError a load fails with. */
async function failure(url: string, src: InputSources, sha256 = sha256Hex(PAYLOAD)): Promise<BackendError> {
	const err = await loadInputFile({ url, sha256 }, src, new AbortController().signal).then(
		() => undefined,
		(e: unknown) => e,
	);
	if (!(err instanceof BackendError)) throw new Error(`expected a BackendError, got ${String(err)}`);
	return err;
}

/** A resolver answering from a table, as DNS would. */
function fakeDns(table: Record<string, string[]>): HostResolver {
	return async (hostname) => {
		const addresses = table[hostname];
		if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
		return addresses.map((address): LookupAddress => ({ address, family: address.includes(":") ? 6 : 4 }));
	};
}

describe("SSRF guard on input URLs", () => {
	it.each([
		["plain http", "http://files.example.com/a.png", "https"],
		["an ftp URL", "ftp://files.example.com/a.png", "https"],
		["a loopback literal", "https://127.0.0.1/a.png", "loopback"],
		["a loopback literal in decimal", "https://2130706433/a.png", "loopback"],
		["an IPv6 loopback literal", "https://[::1]/a.png", "loopback"],
		["an IPv4-mapped loopback", "https://[::ffff:127.0.0.1]/a.png", "loopback"],
		["the metadata service", "https://169.254.169.254/latest/meta-data/", "metadata"],
		["a private literal", "https://10.0.0.8/a.png", "private"],
		["a CGNAT literal", "https://100.64.1.1/a.png", "cgnat"],
	])("refuses %s for good (INPUT_URL_FORBIDDEN)", async (_what, url, reason) => {
		const err = await failure(url, sources());
		expect(err.code).toBe("INPUT_URL_FORBIDDEN");
		expect(err.retryable).toBe(false);
		expect(err.message).toContain(reason);
	});

	it("refuses a host when any one of its addresses is private, whatever the order", async () => {
		const dns = fakeDns({ "mixed.example": ["93.184.216.34", "10.0.0.7"], "inner.example": ["fd00::5"], "localhost.example": ["127.0.0.1"] });
		for (const [host, range] of [
			["mixed.example", "private"],
			["inner.example", "unique-local"],
			["localhost.example", "loopback"],
		]) {
			const err = await failure(`https://${host}/a.png`, sources({ resolver: dns }));
			expect(err.code).toBe("INPUT_URL_FORBIDDEN");
			expect(err.message).toContain(range);
		}
	});

	it("refuses localhost through the system resolver", async () => {
		const err = await failure("https://localhost:9/a.png", sources());
		expect(err.code).toBe("INPUT_URL_FORBIDDEN");
	});

	it("treats a name that does not resolve as a retryable fetch failure", async () => {
		const err = await failure("https://nowhere.example/a.png", sources({ resolver: fakeDns({}) }));
		expect(err.code).toBe("INPUT_FETCH_FAILED");
		expect(err.retryable).toBe(true);
	});

	it("hands the socket exactly the public addresses it checked", async () => {
		const lookup = guardedLookup(fakeDns({ "cdn.example": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"] }));
		const all = await new Promise<unknown>((resolve, reject) =>
			lookup("cdn.example", { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))),
		);
		expect(all).toEqual([
			{ address: "93.184.216.34", family: 4 },
			{ address: "2606:2800:220:1:248:1893:25c8:1946", family: 6 },
		]);
		const v4 = await new Promise<unknown>((resolve, reject) => lookup("cdn.example", { family: 4 }, (err, address) => (err ? reject(err) : resolve(address))));
		expect(v4).toBe("93.184.216.34");
	});

	it("fails a job with such an input on its first attempt, without retrying", async () => {
		const gw = await startTestGateway(tempDataDir());
		try {
			const res = await postJob(gw, {
				kind: "portrait.generate",
				owner: { type: "order", id: "ord_ssrf" },
				input: { photo: { url: "http://169.254.169.254/latest/meta-data/iam", sha256: "0".repeat(64) }, variants: 3 },
			});
			const { id } = (await res.json()) as { id: string };
			const job = await waitForStatus(gw, id, ["failed", "succeeded"]);
			expect(job.status).toBe("failed");
			expect(job.attempt).toBe(1);
			expect(job.error).toMatchObject({ code: "INPUT_URL_FORBIDDEN", retryable: false });
			expect(job.artifacts).toEqual([]);
			// The image kind is unaffected: it has no inputs.
			expect((await postJob(gw, imageJob())).status).toBe(201);
		} finally {
			await gw.stop();
		}
	});
});

describe("input fetching with GPU_GATEWAY_ALLOW_PRIVATE_INPUTS", () => {
	const local = () => sources({ allowPrivateUrls: true });

	it("reads a local http URL and checks its digest", async () => {
		const bytes = await loadInputFile({ url: `${base}/file`, sha256: sha256Hex(PAYLOAD) }, local(), new AbortController().signal);
		expect(new TextDecoder().decode(bytes)).toBe("input bytes from a local server");
		const err = await failure(`${base}/file`, local(), "f".repeat(64));
		expect(err.code).toBe("INPUT_DIGEST_MISMATCH");
	});

	it("still refuses to follow a redirect", async () => {
		const err = await failure(`${base}/redirect`, local());
		expect(err.code).toBe("INPUT_URL_FORBIDDEN");
		expect(err.message).toContain("302");
	});

	it("refuses a body declared over 25 MiB before reading it", async () => {
		const err = await failure(`${base}/declared-huge`, local());
		expect(err.code).toBe("INPUT_TOO_LARGE");
		expect(err.retryable).toBe(false);
	});

	it("stops reading an undeclared body as soon as it passes 25 MiB", async () => {
		const err = await failure(`${base}/chunked-huge`, local());
		expect(err.code).toBe("INPUT_TOO_LARGE");
		await new Promise((r) => setTimeout(r, 100));
		expect(hugeFinished).toBe(false);
	});

	it("classifies 4xx as final and 5xx as retryable", async () => {
		const gone = await failure(`${base}/gone`, local());
		expect([gone.code, gone.retryable]).toEqual(["INPUT_FETCH_FAILED", false]);
		const down = await failure(`${base}/unavailable`, local());
		expect([down.code, down.retryable]).toEqual(["INPUT_FETCH_FAILED", true]);
	});
});
