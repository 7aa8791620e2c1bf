import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { filesForm, solidPng, trainingPngs } from "./image-fixtures";
import { createTestUser, type TestUser, userApi } from "./user-helpers";

/** The owner's JSON of a style, as `/api/styles` answers it. */
export type StyleJson = {
	id: string;
	slug: string;
	title: string;
	tags: string[];
	status: string;
	price_credits: number;
	image_count: number;
	signature: { sha256: string } | null;
	training: { job_id: string | null; status: string | null; progress: { percent: number; step: string }; error: { code: string; message: string } | null };
	model_artifact: { jobId: string; name: string; sha256: string } | null;
};

/** An approved artist with a live session. */
export function createArtist(name?: string): Promise<TestUser> {
	return createTestUser({ role: "artist", ...(name ? { name } : {}) });
}

/** Creates a style through the API and returns its JSON. */
export async function createStyleVia(artist: TestUser, body: Record<string, unknown> = {}): Promise<StyleJson> {
	const res = await userApi(artist, "/api/styles", {
		method: "POST",
		json: { title: `Test style ${crypto.randomUUID().slice(0, 8)}`, description: "Soft colours", tags: ["pastel"], price_credits: 5, ...body },
	});
	expect(res.status).toBe(201);
	return ((await res.json()) as { style: StyleJson }).style;
}

/** Uploads `count` distinct training PNGs (numbered from `offset + 1`). */
export async function uploadTrainingImages(artist: TestUser, styleId: string, count: number, offset = 0): Promise<Response> {
	return userApi(artist, `/api/styles/${styleId}/images`, { method: "POST", body: filesForm("images", await trainingPngs(count, offset)) });
}

/** Uploads a 64×64 PNG signature. */
export async function uploadSignature(artist: TestUser, styleId: string): Promise<Response> {
	return userApi(artist, `/api/styles/${styleId}/signature`, {
		method: "PUT",
		body: filesForm("signature", [{ name: "sig.png", bytes: await solidPng(64, 64, { seed: 7 }) }]),
	});
}

/** The R2 keys stored for a style. */
export async function styleObjectKeys(styleId: string): Promise<string[]> {
	const listed = await env.FILES.list({ prefix: `gpu-inputs/styles/${styleId}/` });
	return listed.objects.map((object) => object.key);
}

/** How many training image rows a style has. */
export async function styleImageRows(styleId: string): Promise<number> {
	const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM style_images WHERE style_id = ?").bind(styleId).first<{ n: number }>();
	return row?.n ?? 0;
}

/** The style row as stored. */
export function styleRow(styleId: string) {
	return env.DB.prepare("SELECT * FROM styles WHERE id = ?").bind(styleId).first<Record<string, unknown>>();
}

/** The error body of a failed response. */
export async function errorOf(res: Response): Promise<{ code: string; message: string }> {
	return ((await res.json()) as { error: { code: string; message: string } }).error;
}
