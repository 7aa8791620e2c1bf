import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signGatewayToken } from "../src/auth.ts";
import type { GpuBackend } from "../src/backends/types.ts";
import type { Gateway } from "../src/gateway.ts";
import { authHeaders, imageJob, postJob, SECRET, startTestGateway, tempDataDir } from "./helpers.ts";

let gw: Gateway;
beforeEach(async () => {
	gw = await startTestGateway(tempDataDir());
});
afterEach(async () => {
	await gw.stop();
});

describe("auth", () => {
	const nowS = () => Math.floor(Date.now() / 1000);
	const unsignedNone = () => {
		const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
		return `${enc({ alg: "none", typ: "JWT" })}.${enc({ aud: "gpu-gateway", iat: nowS(), exp: nowS() + 60 })}.`;
	};
	const cases: [string, () => Record<string, string>][] = [
		["no header", () => ({})],
		["not bearer", () => ({ authorization: `Basic ${signGatewayToken(SECRET)}` })],
		["wrong secret", () => ({ authorization: `Bearer ${signGatewayToken("another-secret-0123456789abcdef0123")}` })],
		["alg none", () => ({ authorization: `Bearer ${unsignedNone()}` })],
		["alg HS512 label", () => ({ authorization: `Bearer ${signGatewayToken(SECRET, { alg: "HS512" })}` })],
		["expired", () => ({ authorization: `Bearer ${signGatewayToken(SECRET, { nowS: nowS() - 600, ttlS: 60 })}` })],
		["lifetime over 5 min", () => ({ authorization: `Bearer ${signGatewayToken(SECRET, { ttlS: 3600 })}` })],
		["wrong audience", () => ({ authorization: `Bearer ${signGatewayToken(SECRET, { aud: "someone-else" })}` })],
	];
	for (const [name, headers] of cases) {
		it(`refuses ${name} with 401`, async () => {
			const res = await fetch(`${gw.url}/v1/backends`, { headers: headers() });
			expect(res.status).toBe(401);
			const body = (await res.json()) as { error: { code: string } };
			expect(body.error.code).toBe("UNAUTHORIZED");
		});
	}

	it("accepts a valid token and leaves /healthz open", async () => {
		expect((await fetch(`${gw.url}/healthz`)).status).toBe(200);
		const res = await fetch(`${gw.url}/v1/backends`, { headers: authHeaders() });
		expect(res.status).toBe(200);
		// The media kinds are offered where ffmpeg, espeak-ng and the CJK font are installed (media.test.ts).
		const media = gw.media.ready ? ["tts.speak", "video.compose"] : [];
		expect(await res.json()).toEqual({ backends: [{ name: "local", kinds: ["lora.train", "image.generate", "portrait.generate", "llm.text", ...media] }] });
	});
});

describe("POST /v1/jobs", () => {
	it("is idempotent: 201, then 200 with the same job, then 409 for another body", async () => {
		const key = `key-${crypto.randomUUID()}`;
		const first = await postJob(gw, imageJob(), key);
		expect(first.status).toBe(201);
		const created = (await first.json()) as { id: string; status: string };
		expect(created.status).toBe("queued");

		// Same body with keys reordered: canonical hashing treats it as the same request.
		const body = imageJob();
		const reordered = { input: body.input, owner: body.owner, kind: body.kind };
		const again = await postJob(gw, reordered, key);
		expect(again.status).toBe(200);
		expect(((await again.json()) as { id: string }).id).toBe(created.id);

		const conflict = await postJob(gw, imageJob({ seed: 43 }), key);
		expect(conflict.status).toBe(409);
		expect(((await conflict.json()) as { error: { code: string } }).error.code).toBe("CONFLICT");
		expect(gw.store.findByIdempotencyKey(key)?.id).toBe(created.id);
	});

	it("requires an Idempotency-Key", async () => {
		const res = await fetch(`${gw.url}/v1/jobs`, { method: "POST", headers: authHeaders(), body: JSON.stringify(imageJob()) });
		expect(res.status).toBe(400);
		expect(((await res.json()) as { error: { code: string } }).error.code).toBe("IDEMPOTENCY_KEY_REQUIRED");
	});

	it("answers 400 VALIDATION_FAILED for a bad input and stores nothing", async () => {
		const key = `key-${crypto.randomUUID()}`;
		const res = await postJob(gw, imageJob({ prompt: "x".repeat(501) }), key);
		expect(res.status).toBe(400);
		expect(((await res.json()) as { error: { code: string } }).error.code).toBe("VALIDATION_FAILED");
		expect(gw.store.findByIdempotencyKey(key)).toBeUndefined();
		const tooFew = await postJob(gw, { kind: "lora.train", owner: { type: "artist", id: "a" }, input: { artistId: "a", styleId: "s", images: [] } });
		expect(tooFew.status).toBe(400);
	});

	it("answers 400 for malformed JSON and for kinds no backend runs", async () => {
		const res = await fetch(`${gw.url}/v1/jobs`, { method: "POST", headers: authHeaders({ "idempotency-key": "key-malformed-1" }), body: "{nope" });
		expect(res.status).toBe(400);
		// A gateway whose only backend renders images has nothing to run text on.
		const imagesOnly: GpuBackend = { name: "images-only", kinds: ["image.generate"], run: async () => ({ artifacts: [] }) };
		const narrow = await startTestGateway(tempDataDir(), { backends: [imagesOnly] });
		try {
			const key = `key-${crypto.randomUUID()}`;
			const llm = await postJob(narrow, { kind: "llm.text", owner: { type: "system", id: "x" }, input: { prompt: "hi", maxTokens: 10 } }, key);
			expect(llm.status).toBe(400);
			expect(((await llm.json()) as { error: { code: string } }).error.code).toBe("UNSUPPORTED_KIND");
			expect(narrow.store.findByIdempotencyKey(key)).toBeUndefined();
		} finally {
			await narrow.stop();
		}
	});

	it("answers 404 JSON for unknown jobs and routes", async () => {
		const res = await fetch(`${gw.url}/v1/jobs/job_missing`, { headers: authHeaders() });
		expect(res.status).toBe(404);
		expect(((await res.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
		expect((await fetch(`${gw.url}/nope`)).status).toBe(404);
	});
});
