import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import type { GpuJobView } from "../../src/shared/gpu-jobs.ts";
import { signGatewayToken } from "../src/auth.ts";
import { type Gateway, type GatewayConfig, startGateway } from "../src/gateway.ts";
import { sha256Hex } from "../src/hash.ts";

export const SECRET = "test-secret-0123456789abcdef0123456789";

/** A fresh temporary data dir per test, so no test sees another's jobs. */
export function tempDataDir(): string {
	return mkdtempSync(join(tmpdir(), "gpu-gateway-test-"));
}

/** Starts a gateway with fast clocks. */
export function startTestGateway(dataDir: string, overrides: Partial<GatewayConfig> = {}): Promise<Gateway> {
	return startGateway({
		dataDir,
		secret: SECRET,
		runner: { pollMs: 20, watchdogMs: 40, backoffBaseMs: 40, backoffMaxMs: 200, concurrency: 2 },
		outbox: { pollMs: 30, backoffBaseMs: 50, backoffMaxMs: 200 },
		...overrides,
	});
}

/** Headers of an authorised call. */
export function authHeaders(extra: Record<string, string> = {}): Record<string, string> {
	return { authorization: `Bearer ${signGatewayToken(SECRET)}`, "content-type": "application/json", ...extra };
}

/** POST /v1/jobs with a unique key unless one is given. */
export async function postJob(gw: Gateway, body: unknown, key: string = `key-${crypto.randomUUID()}`): Promise<Response> {
	return fetch(`${gw.url}/v1/jobs`, { method: "POST", headers: authHeaders({ "idempotency-key": key }), body: JSON.stringify(body) });
}

/** Reads a job through the API. */
export async function getJob(gw: Gateway, id: string): Promise<GpuJobView> {
	const res = await fetch(`${gw.url}/v1/jobs/${id}`, { headers: authHeaders() });
	if (!res.ok) throw new Error(`GET job ${id}: ${res.status}`);
	return (await res.json()) as GpuJobView;
}

/** Polls until the job reaches one of `statuses`. */
export async function waitForStatus(gw: Gateway, id: string, statuses: readonly string[], timeoutMs = 15_000): Promise<GpuJobView> {
	const end = Date.now() + timeoutMs;
	for (;;) {
		const job = await getJob(gw, id);
		if (statuses.includes(job.status)) return job;
		if (Date.now() > end) throw new Error(`job ${id} stuck in ${job.status}`);
		await new Promise((r) => setTimeout(r, 25));
	}
}

/** Polls until `check` holds. */
export async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > end) throw new Error("condition not met in time");
		await new Promise((r) => setTimeout(r, 25));
	}
}

/** Downloads an artifact's bytes. */
export async function downloadArtifact(gw: Gateway, id: string, name: string): Promise<Uint8Array> {
	const res = await fetch(`${gw.url}/v1/jobs/${id}/artifacts/${name}`, { headers: authHeaders() });
	if (!res.ok) throw new Error(`artifact ${name}: ${res.status}`);
	return new Uint8Array(await res.arrayBuffer());
}

/** An `image.generate` request body. */
export function imageJob(input: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
	return {
		kind: "image.generate",
		owner: { type: "order", id: "ord_1" },
		input: { styleId: "style-a", prompt: "a fox in snow", seed: 42, aspect: "1:1", ...input },
		...extra,
	};
}

/** A PNG as an input file: a data URL pinned by its digest. */
export function pngInput(png: Uint8Array): { url: string; sha256: string } {
	return { url: `data:image/png;base64,${Buffer.from(png).toString("base64")}`, sha256: sha256Hex(png) };
}

/** A pure green signature with a transparent margin, as an artist's PNG would have. */
export async function greenSignature(): Promise<Uint8Array> {
	const png = await sharp({ create: { width: 240, height: 100, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
		.composite([{ input: { create: { width: 200, height: 60, channels: 4, background: { r: 0, g: 255, b: 0, alpha: 1 } } }, left: 20, top: 20 }])
		.png()
		.toBuffer();
	return new Uint8Array(png);
}

/** Ten small training images tinted around `rgb`, as data URLs pinned by digest. */
export async function trainingImages(rgb: [number, number, number]): Promise<{ url: string; sha256: string }[]> {
	const out: { url: string; sha256: string }[] = [];
	for (let i = 0; i < 10; i++) {
		const [r, g, b] = rgb.map((v) => Math.max(0, Math.min(255, v + i * 7 - 30)));
		const stripe = Buffer.from(
			`<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="rgb(${r},${g},${b})"/><rect x="${i * 5}" width="8" height="64" fill="rgb(${255 - (r ?? 0)},${g},${b})"/></svg>`,
		);
		const png = await sharp(stripe).png().toBuffer();
		out.push(pngInput(png));
	}
	return out;
}

/** A colourful 256² PNG "photo" (gradient and shapes, so the portrait looks differ visibly). */
export async function photoPng(): Promise<Buffer> {
	const svg = Buffer.from(
		`<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#3060c0"/><stop offset="1" stop-color="#e0a040"/></linearGradient></defs><rect width="256" height="256" fill="url(#g)"/><circle cx="128" cy="110" r="60" fill="#f0c8a0"/><rect x="70" y="180" width="116" height="76" fill="#b03030"/></svg>`,
	);
	return sharp(svg).png().toBuffer();
}

/** A `portrait.generate` request body over a data-URL photo. */
export async function portraitJob(extra: Record<string, unknown> = {}) {
	const png = await photoPng();
	return {
		kind: "portrait.generate",
		owner: { type: "order", id: "ord_portrait" },
		input: { photo: pngInput(png), variants: 3 },
		...extra,
	};
}
