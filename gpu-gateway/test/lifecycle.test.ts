import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Gateway } from "../src/gateway.ts";
import { sha256Hex } from "../src/hash.ts";
import { authHeaders, downloadArtifact, imageJob, portraitJob, postJob, startTestGateway, tempDataDir, trainingImages, waitForStatus } from "./helpers.ts";

let gw: Gateway;
beforeEach(async () => {
	gw = await startTestGateway(tempDataDir());
});
afterEach(async () => {
	await gw.stop();
});

async function runToSuccess(body: unknown) {
	const res = await postJob(gw, body);
	expect(res.status).toBe(201);
	const { id } = (await res.json()) as { id: string };
	const job = await waitForStatus(gw, id, ["succeeded", "failed", "expired"]);
	expect(job.status).toBe("succeeded");
	return job;
}

async function trainStyle(styleId: string, rgb: [number, number, number]) {
	const images = await trainingImages(rgb);
	const job = await runToSuccess({ kind: "lora.train", owner: { type: "artist", id: "artist-1" }, input: { artistId: "artist-1", styleId, images } });
	const artifact = job.artifacts.find((a) => a.name === "style-profile.json");
	if (!artifact) throw new Error("no model artifact");
	return { job, artifact };
}

describe("local backend lifecycle", () => {
	it("runs image.generate to succeeded with a PNG whose sha256 matches", async () => {
		const job = await runToSuccess(imageJob({ signature: { artistId: "artist-1", styleId: "style-a" } }));
		expect(job.attempt).toBe(1);
		expect(job.progress).toEqual({ percent: 100, step: "done" });
		expect(job.error).toBeNull();
		const [artifact] = job.artifacts;
		expect(artifact?.content_type).toBe("image/png");
		const bytes = await downloadArtifact(gw, job.id, "image.png");
		expect(sha256Hex(bytes)).toBe(artifact?.sha256);
		expect(bytes.byteLength).toBe(artifact?.size);
		const meta = await sharp(bytes).metadata();
		expect(meta.format).toBe("png");
		expect([meta.width, meta.height]).toEqual([512, 512]);
		// Provenance is our EXIF and nothing else.
		const exif = meta.exif?.toString("latin1") ?? "";
		expect(exif).toContain("edge-factory/gpu-gateway/local");
		expect(exif).toContain("artist-1");
		expect(meta.icc).toBeUndefined();
	});

	it("trains a style profile from images and generates with it", async () => {
		const { job, artifact } = await trainStyle("style-red", [200, 40, 40]);
		const modelBytes = await downloadArtifact(gw, job.id, "style-profile.json");
		expect(sha256Hex(modelBytes)).toBe(artifact.sha256);
		const profile = JSON.parse(new TextDecoder().decode(modelBytes)) as { palette: string[]; imageCount: number; contrast: number };
		expect(profile.imageCount).toBe(10);
		expect(profile.palette.length).toBeGreaterThan(0);
		expect(profile.palette[0]?.startsWith("#")).toBe(true);

		const image = await runToSuccess(imageJob({ styleId: "style-red", modelArtifact: { jobId: job.id, name: artifact.name, sha256: artifact.sha256 } }));
		expect(image.artifacts[0]?.name).toBe("image.png");
	});

	it("renders deterministically: same input → same bytes, other style → other bytes", async () => {
		const red = await trainStyle("style-red", [200, 40, 40]);
		const blue = await trainStyle("style-blue", [30, 60, 210]);
		const ref = (m: typeof red) => ({ jobId: m.job.id, name: m.artifact.name, sha256: m.artifact.sha256 });
		const a = await runToSuccess(imageJob({ styleId: "s", modelArtifact: ref(red) }));
		const b = await runToSuccess(imageJob({ styleId: "s", modelArtifact: ref(red) }));
		const c = await runToSuccess(imageJob({ styleId: "s", modelArtifact: ref(blue) }));
		expect(a.artifacts[0]?.sha256).toBe(b.artifacts[0]?.sha256);
		expect(c.artifacts[0]?.sha256).not.toBe(a.artifacts[0]?.sha256);
		// "Visibly different": the mean colour moves towards each style's palette.
		const meanOf = async (id: string) => (await sharp(await downloadArtifact(gw, id, "image.png")).stats()).channels.map((ch) => ch.mean);
		const [ra, , ba] = await meanOf(a.id);
		const [rc, , bc] = await meanOf(c.id);
		expect((ra ?? 0) - (ba ?? 0)).toBeGreaterThan((rc ?? 0) - (bc ?? 0));
	});

	it("runs portrait.generate to three distinct 768² PNG looks of the photo", async () => {
		const job = await runToSuccess(await portraitJob());
		expect(job.artifacts.map((a) => [a.name, a.content_type])).toEqual([
			["measurements.json", "application/json"],
			["portrait-1-mono.png", "image/png"],
			["portrait-2-warm.png", "image/png"],
			["portrait-3-poster.png", "image/png"],
		]);
		expect(new Set(job.artifacts.map((a) => a.sha256)).size).toBe(4);
		const pixels: Buffer[] = [];
		for (const artifact of job.artifacts.filter((a) => a.name.endsWith(".png"))) {
			const bytes = await downloadArtifact(gw, job.id, artifact.name);
			expect(sha256Hex(bytes)).toBe(artifact.sha256);
			const meta = await sharp(bytes).metadata();
			expect([meta.format, meta.width, meta.height]).toEqual(["png", 768, 768]);
			pixels.push(await sharp(bytes).removeAlpha().toColourspace("srgb").raw().toBuffer());
		}
		// Visibly different, not just different bytes: mean per-channel distance between every pair.
		const distance = (a: Buffer, b: Buffer) => a.reduce((sum, v, i) => sum + Math.abs(v - (b[i] ?? 0)), 0) / a.length;
		const [mono, warm, poster] = pixels as [Buffer, Buffer, Buffer];
		expect(distance(mono, warm)).toBeGreaterThan(10);
		expect(distance(mono, poster)).toBeGreaterThan(10);
		expect(distance(warm, poster)).toBeGreaterThan(5);
		// The mono look is grey: its channels agree.
		const [r, g, b] = (await sharp(mono, { raw: { width: 768, height: 768, channels: 3 } }).stats()).channels.map((c) => c.mean);
		expect(Math.abs((r ?? 0) - (b ?? 0))).toBeLessThan(1);
		expect(Math.abs((r ?? 0) - (g ?? 0))).toBeLessThan(1);
	});

	// Three jobs of three 768-pixel looks each: under a loaded machine they outlast the default 20 s.
	it("portrait.generate measures the photo and varies each look deterministically by its seed", async () => {
		const seeded = (seeds: number[]) => portraitJob().then((job) => ({ ...job, input: { ...job.input, prompt: "portrait", seeds } }));
		const a = await runToSuccess(await seeded([1, 2, 3]));
		const b = await runToSuccess(await seeded([1, 2, 3]));
		const c = await runToSuccess(await seeded([5, 2, 3]));
		const shas = (job: typeof a) => Object.fromEntries(job.artifacts.map((x) => [x.name, x.sha256]));
		expect(shas(a)).toEqual(shas(b));
		expect(shas(c)["portrait-1-mono.png"]).not.toBe(shas(a)["portrait-1-mono.png"]);
		expect(shas(c)["portrait-2-warm.png"]).toBe(shas(a)["portrait-2-warm.png"]);
		expect(shas(c)["portrait-3-poster.png"]).toBe(shas(a)["portrait-3-poster.png"]);
		const measured = JSON.parse(new TextDecoder().decode(await downloadArtifact(gw, a.id, "measurements.json")));
		expect(measured).toEqual({
			version: 1,
			width: 256,
			height: 256,
			brightness: expect.any(Number),
			contrast: expect.any(Number),
			saturation: expect.any(Number),
			sharpness: expect.any(Number),
		});
		for (const key of ["brightness", "contrast", "saturation", "sharpness"]) {
			expect(measured[key]).toBeGreaterThanOrEqual(0);
			expect(measured[key]).toBeLessThanOrEqual(100);
		}
		expect(measured.saturation).toBeGreaterThan(5);
	}, 60_000);

	it("runs llm.text offline to a deterministic Markdown note from the prompt", async () => {
		const body = {
			kind: "llm.text",
			owner: { type: "product", id: "prd_1" },
			input: { prompt: "Write care notes for a ceramic mug. Keep them friendly. Mention the dishwasher.", maxTokens: 64 },
		};
		const first = await runToSuccess(body);
		const second = await runToSuccess(body);
		expect(first.artifacts).toHaveLength(1);
		expect(first.artifacts[0]).toMatchObject({ name: "text.md", content_type: "text/markdown; charset=utf-8" });
		expect(second.artifacts[0]?.sha256).toBe(first.artifacts[0]?.sha256);
		const text = new TextDecoder().decode(await downloadArtifact(gw, first.id, "text.md"));
		expect(text).toBe(
			[
				"# Write care notes for a ceramic mug. Keep",
				"",
				"## Key points",
				"",
				"- Write care notes for a ceramic mug.",
				"- Keep them friendly.",
				"- Mention the dishwasher.",
				"",
				`_Written offline from a template (no LLM configured); prompt sha256 ${sha256Hex(body.input.prompt).slice(0, 16)}._`,
				"",
			].join("\n"),
		);
	});

	it("purges inputs and artifacts with DELETE /v1/jobs/:id/data", async () => {
		const job = await runToSuccess(imageJob());
		const res = await fetch(`${gw.url}/v1/jobs/${job.id}/data`, { method: "DELETE", headers: authHeaders() });
		expect(res.status).toBe(200);
		expect(((await res.json()) as { artifacts: unknown[] }).artifacts).toEqual([]);
		expect(gw.store.getJob(job.id)?.input_json).toBeNull();
		const gone = await fetch(`${gw.url}/v1/jobs/${job.id}/artifacts/image.png`, { headers: authHeaders() });
		expect(gone.status).toBe(404);
	});
});
