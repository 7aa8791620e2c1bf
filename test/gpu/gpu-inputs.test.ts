import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/lib/hash";
import { gpuInputKey } from "../../src/r2/keys";
import { gatewayToken } from "../support/gpu-helpers";
import { api, type ErrorBody } from "../support/helpers";

/** Stores an input as the Worker does before submitting a job, and returns its key and bytes. */
async function storedInput(bytes: Uint8Array = crypto.getRandomValues(new Uint8Array(4096))): Promise<{ key: string; bytes: Uint8Array; sha256: string }> {
	const sha256 = await sha256Hex(bytes);
	const key = gpuInputKey("order", `ord_${crypto.randomUUID()}`, sha256);
	await env.FILES.put(key, bytes, { sha256, httpMetadata: { contentType: "image/png" } });
	return { key, bytes, sha256 };
}

function read(key: string, auth: string | null): Promise<Response> {
	return api(`/internal/gpu/inputs/${key}`, { auth });
}

describe("GET /internal/gpu/inputs/*", () => {
	it("serves a stored input's exact bytes with its length, type and digest", async () => {
		const input = await storedInput();
		const res = await read(input.key, await gatewayToken());
		expect(res.status).toBe(200);
		expect(res.headers.get("content-length")).toBe(String(input.bytes.byteLength));
		expect(res.headers.get("content-type")).toBe("image/png");
		expect(res.headers.get("x-content-sha256")).toBe(input.sha256);
		const body = new Uint8Array(await res.arrayBuffer());
		expect(body).toEqual(input.bytes);
	});

	it("serves any key under gpu-inputs/, not only the owner/sha256 layout", async () => {
		const bytes = new TextEncoder().encode("signature image");
		const key = `gpu-inputs/styles/sty_${crypto.randomUUID()}/signature/abc.png`;
		await env.FILES.put(key, bytes);
		const res = await read(key, await gatewayToken());
		expect(res.status).toBe(200);
		expect(new TextDecoder().decode(await res.arrayBuffer())).toBe("signature image");
		// Stored without a digest: none is claimed.
		expect(res.headers.get("x-content-sha256")).toBeNull();
	});

	it.each([
		["no token", async () => null],
		["a malformed token", async () => "not-a-jwt"],
		["a wrong secret", () => gatewayToken({ secret: "another-secret-0123456789abcdef0123" })],
		["the gateway's own audience", () => gatewayToken({ aud: "gpu-gateway" })],
		["too long a lifetime", () => gatewayToken({ ttlS: 3600 })],
	])("refuses %s with 401 and no bytes", async (_what, token) => {
		const input = await storedInput();
		const res = await read(input.key, await token());
		expect(res.status).toBe(401);
		expect(((await res.json()) as ErrorBody).error.code).toBe("UNAUTHORIZED");
	});

	it("answers 404 for keys outside gpu-inputs/, even ones that exist", async () => {
		const jobId = `job_${crypto.randomUUID().replaceAll("-", "")}`;
		await env.FILES.put(`gpu/${jobId}/image.png`, new Uint8Array([1, 2, 3]));
		await env.FILES.put(`products/prd_${jobId}/v1/packages/1.zip`, new Uint8Array([4, 5, 6]));
		const token = await gatewayToken();
		for (const key of [`gpu/${jobId}/image.png`, `products/prd_${jobId}/v1/packages/1.zip`, `gpu-inputs-other/${jobId}`]) {
			const res = await read(key, token);
			expect(res.status).toBe(404);
			expect(((await res.json()) as ErrorBody).error.code).toBe("NOT_FOUND");
		}
	});

	it("answers 404 for encoded dot segments that would climb out of gpu-inputs/", async () => {
		const jobId = `job_${crypto.randomUUID().replaceAll("-", "")}`;
		await env.FILES.put(`gpu/${jobId}/image.png`, new Uint8Array([1, 2, 3]));
		const token = await gatewayToken();
		for (const key of [`gpu-inputs/%2E%2E/gpu/${jobId}/image.png`, `gpu-inputs/..%2Fgpu/${jobId}/image.png`, `gpu-inputs//gpu/${jobId}/image.png`]) {
			const res = await read(key, token);
			expect(res.status).toBe(404);
		}
	});

	it("answers 404 for an input that is not stored", async () => {
		const res = await read(gpuInputKey("order", "ord_missing", "0".repeat(64)), await gatewayToken());
		expect(res.status).toBe(404);
		expect(((await res.json()) as ErrorBody).error.code).toBe("NOT_FOUND");
	});
});
