import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { inject } from "vitest";
import { getDb } from "../../src/db/client";
import { creditLedger, generations, notifications, styles } from "../../src/db/schema";
import { sha256Hex } from "../../src/lib/hash";
import { newId } from "../../src/lib/ids";
import type { GpuJobView } from "../../src/shared/gpu-jobs";
import type { StyleStatus } from "../../src/shared/styles";
import { gatewayToken, jobView, setGatewayJob } from "./gpu-helpers";
import { api } from "./helpers";
import { createTestUser, type TestUser, userApi } from "./user-helpers";

/** A trained model artifact, as the styles' training hook stores it. */
export const MODEL_ARTIFACT = { jobId: "job_trained0001", name: "lora.safetensors", sha256: "ab".repeat(32) };

/** A style seeded straight in D1 (completed with a model unless told otherwise), with its artist. */
export async function seedStyle(opts: { price?: number; status?: StyleStatus } = {}) {
	const artist = await createTestUser({ role: "artist", name: "Ada Ink" });
	const id = newId("sty");
	const status = opts.status ?? "completed";
	await getDb(env.DB)
		.insert(styles)
		.values({
			id,
			artistId: artist.user.id,
			slug: `ink-fox-${id.slice(-12)}`,
			title: "Ink Fox",
			tags: JSON.stringify(["ink fox", "ink"]),
			priceCredits: opts.price ?? 10,
			status,
			modelArtifact: status === "completed" ? JSON.stringify(MODEL_ARTIFACT) : null,
		});
	return { id, artist };
}

/** Every row of a table of the user, for before/after assertions. */
export async function ledgerOf(userId: string) {
	return getDb(env.DB).query.creditLedger.findMany({ where: eq(creditLedger.userId, userId), orderBy: (l, { asc }) => [asc(l.createdAt), asc(l.id)] });
}

export async function notificationsOf(userId: string) {
	return getDb(env.DB).query.notifications.findMany({ where: eq(notifications.userId, userId) });
}

export async function generationRow(id: string) {
	return getDb(env.DB).query.generations.findFirst({ where: eq(generations.id, id) });
}

export async function generationsOf(userId: string) {
	return getDb(env.DB).query.generations.findMany({ where: eq(generations.userId, userId) });
}

export async function balanceOf(userId: string): Promise<number> {
	const row = await env.DB.prepare("SELECT credit_balance AS b FROM users WHERE id = ?").bind(userId).first<{ b: number }>();
	return row?.b ?? -1;
}

/** The `/v1` calls the fake gateway received, as `GET /__control/requests` lists them. */
export async function gatewayRequests(): Promise<{ method: string; path: string; idempotency_key: string | null; body: unknown }[]> {
	const res = await fetch(`${inject("gpuGatewayUrl")}/__control/requests`);
	return res.json();
}

/** Queues a generation as the user's browser would. */
export function generate(who: TestUser, styleId: string, body: { prompt: string; aspect?: string }) {
	return userApi(who, `/api/styles/${styleId}/generations`, { method: "POST", json: body });
}

let clock = Date.now();
/** Strictly increasing `updated_at` values, so each new gateway view is newer than the mirror's. */
export function later(): string {
	clock = Math.max(clock + 1_000, Date.now());
	return new Date(clock).toISOString();
}

/** Makes the fake gateway report the generation's job in `status` (the view the Worker re-reads on a callback). */
export async function gatewayReports(jobId: string, userId: string, overrides: Partial<GpuJobView>): Promise<GpuJobView> {
	const view = jobView({ id: jobId, kind: "image.generate", owner: { type: "user", id: userId }, updated_at: later(), ...overrides });
	await setGatewayJob(view);
	return view;
}

/** A few bytes standing for the stamped PNG (the Worker stores and serves them as they are). */
export const IMAGE_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5, 6, 7, 8]);

/** Uploads `image.png` for a job through the Worker's artifact endpoint, as the gateway does before `job.succeeded`. */
export async function uploadImage(jobId: string, bytes: Uint8Array = IMAGE_BYTES) {
	const sha256 = await sha256Hex(bytes);
	const res = await api(`/internal/gpu/artifacts/${jobId}/image.png`, {
		method: "PUT",
		body: bytes,
		auth: await gatewayToken(),
		headers: { "content-type": "image/png", "content-length": String(bytes.byteLength), "x-content-sha256": sha256 },
	});
	if (res.status !== 201 && res.status !== 200) throw new Error(`artifact upload refused: ${res.status} ${await res.text()}`);
	return { name: "image.png", sha256, size: bytes.byteLength, content_type: "image/png" };
}
