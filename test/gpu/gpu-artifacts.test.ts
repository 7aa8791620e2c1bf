import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { parseArtifacts } from "../../src/gpu/mirror";
import { sha256Hex } from "../../src/lib/hash";
import { gatewayToken, jobView, mirrorRow, seedMirror } from "../support/gpu-helpers";
import { api, type ErrorBody } from "../support/helpers";

async function upload(jobId: string, name: string, bytes: Uint8Array, opts: { sha256?: string; token?: string; length?: string } = {}): Promise<Response> {
	const headers: Record<string, string> = {
		"content-type": "image/png",
		"content-length": opts.length ?? String(bytes.byteLength),
		"x-content-sha256": opts.sha256 ?? (await sha256Hex(bytes)),
	};
	return api(`/internal/gpu/artifacts/${jobId}/${name}`, { method: "PUT", body: bytes, headers, auth: opts.token ?? (await gatewayToken()) });
}

async function seededJob(): Promise<string> {
	const view = jobView({ status: "running" });
	await seedMirror(view);
	return view.id;
}

describe("PUT /internal/gpu/artifacts/:jobId/:name", () => {
	it("stores the bytes in R2 under gpu/<job>/<name> and records the artifact", async () => {
		const jobId = await seededJob();
		const bytes = new Uint8Array(70_000).map((_, i) => (i * 31) % 251);
		const sha = await sha256Hex(bytes);
		const res = await upload(jobId, "image-0.png", bytes);
		expect(res.status).toBe(201);
		const object = await env.FILES.get(`gpu/${jobId}/image-0.png`);
		expect(object).not.toBeNull();
		expect(await sha256Hex(new Uint8Array(await (object as R2ObjectBody).arrayBuffer()))).toBe(sha);
		const row = await mirrorRow(jobId);
		expect(parseArtifacts(String(row?.artifacts))).toEqual([
			{ name: "image-0.png", sha256: sha, size: bytes.byteLength, content_type: "image/png", r2_key: `gpu/${jobId}/image-0.png` },
		]);
	});

	it("refuses a body whose hash does not match with 400 and leaves nothing in R2", async () => {
		const jobId = await seededJob();
		const bytes = new TextEncoder().encode("not the declared bytes");
		const res = await upload(jobId, "image-0.png", bytes, { sha256: await sha256Hex("other") });
		expect(res.status).toBe(400);
		expect(((await res.json()) as ErrorBody).error.code).toBe("VALIDATION_FAILED");
		expect(await env.FILES.head(`gpu/${jobId}/image-0.png`)).toBeNull();
		expect(parseArtifacts(String((await mirrorRow(jobId))?.artifacts))).toEqual([]);
	});

	it("refuses a declared length over 50 MB with 413 before reading the body", async () => {
		const jobId = await seededJob();
		const res = await upload(jobId, "big.bin", new Uint8Array(10), { length: String(50 * 1024 * 1024 + 1) });
		expect(res.status).toBe(413);
		expect(((await res.json()) as ErrorBody).error.code).toBe("PAYLOAD_TOO_LARGE");
		expect(await env.FILES.head(`gpu/${jobId}/big.bin`)).toBeNull();
	});

	it.each([
		["no token", ""],
		["a wrong secret", "wrong"],
		["the gateway's own audience", "aud"],
		["too long a lifetime", "ttl"],
	])("refuses %s with 401", async (_what, kind) => {
		const jobId = await seededJob();
		const token =
			kind === ""
				? "not-a-jwt"
				: kind === "wrong"
					? await gatewayToken({ secret: "another-secret-0123456789abcdef0123" })
					: kind === "aud"
						? await gatewayToken({ aud: "gpu-gateway" })
						: await gatewayToken({ ttlS: 3600 });
		const res = await upload(jobId, "image-0.png", new Uint8Array([1, 2, 3]), { token });
		expect(res.status).toBe(401);
		expect(((await res.json()) as ErrorBody).error.code).toBe("UNAUTHORIZED");
		expect(await env.FILES.head(`gpu/${jobId}/image-0.png`)).toBeNull();
	});

	it.each(["a%2Fb.png", "%2Fetc", "bad%00name", "..%5Cwin.ini", "%2E%2E%2Fx"])("refuses the unsafe name %s with 400", async (name) => {
		const jobId = await seededJob();
		const res = await upload(jobId, name, new Uint8Array([1, 2, 3]));
		expect(res.status).toBe(400);
		const listed = await env.FILES.list({ prefix: `gpu/${jobId}/` });
		expect(listed.objects).toEqual([]);
	});

	it("never reaches the route with a dot-segment name: URL parsing resolves it first", async () => {
		const jobId = await seededJob();
		expect((await upload(jobId, "..", new Uint8Array([1]))).status).toBe(404);
		expect((await env.FILES.list({ prefix: `gpu/${jobId}` })).objects).toEqual([]);
	});

	it("refuses a body without Content-Length with 411 and stores nothing", async () => {
		const jobId = await seededJob();
		const bytes = new Uint8Array([1, 2, 3, 4]);
		// A stream of unknown length: no Content-Length is sent (a fixed body would get one added).
		const body = new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(bytes);
				controller.close();
			},
		});
		const headers = { "content-type": "image/png", "x-content-sha256": await sha256Hex(bytes) };
		const res = await api(`/internal/gpu/artifacts/${jobId}/image-0.png`, { method: "PUT", body, headers, auth: await gatewayToken() });
		expect(res.status).toBe(411);
		expect(((await res.json()) as ErrorBody).error.code).toBe("VALIDATION_FAILED");
		expect(await env.FILES.head(`gpu/${jobId}/image-0.png`)).toBeNull();
		expect(parseArtifacts(String((await mirrorRow(jobId))?.artifacts))).toEqual([]);
	});

	it("answers 404 for a job the Worker never submitted", async () => {
		const res = await upload("job_never_submitted", "image-0.png", new Uint8Array([1]));
		expect(res.status).toBe(404);
	});
});
