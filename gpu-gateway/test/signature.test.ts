import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { renderImage } from "../src/backends/local/render.ts";
import { defaultStyleProfile } from "../src/backends/local/style-profile.ts";
import { SIGNATURE_WIDTH_SHARE, signatureLayers } from "../src/backends/signature.ts";
import type { Gateway } from "../src/gateway.ts";
import { sha256Hex } from "../src/hash.ts";
import { downloadArtifact, greenSignature, imageJob, pngInput, postJob, startTestGateway, tempDataDir, waitForStatus } from "./helpers.ts";

/** Raw RGB pixels of a PNG. */
async function pixels(png: Uint8Array): Promise<{ data: Buffer; width: number; height: number }> {
	const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
	return { data, width: info.width, height: info.height };
}

/** How many pixels of a region differ between two same-sized images, and how many look pure green in `b`. */
function compareRegion(a: Buffer, b: Buffer, width: number, region: { left: number; top: number; width: number; height: number }) {
	let changed = 0;
	let green = 0;
	for (let y = region.top; y < region.top + region.height; y++) {
		for (let x = region.left; x < region.left + region.width; x++) {
			const i = (y * width + x) * 3;
			if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) changed++;
			if ((b[i] ?? 255) < 40 && (b[i + 1] ?? 0) > 215 && (b[i + 2] ?? 255) < 40) green++;
		}
	}
	return { changed, green, total: region.width * region.height };
}

/** The JSON in EXIF ImageDescription (the gateway writes it as one NUL-terminated ASCII string). */
async function provenanceOf(png: Uint8Array): Promise<{ json: Record<string, unknown>; exif: string }> {
	const exif = (await sharp(png).metadata()).exif?.toString("latin1") ?? "";
	const match = /\{"generator"[^\0]*\}/.exec(exif);
	return { json: match ? (JSON.parse(match[0]) as Record<string, unknown>) : {}, exif };
}

describe("signature stamping (local renderer)", () => {
	const base = { profile: defaultStyleProfile("sty_sig"), prompt: "lighthouse, storm", seed: 9, provenance: { style: "sty_sig" } } as const;
	const signature = { artistId: "usr_artist", styleId: "sty_sig" };

	it("composites the signature image bottom-right, ~12% of the width, and leaves the rest of the image alone", async () => {
		const sig = await greenSignature();
		const plain = await pixels(await renderImage({ ...base, aspect: "1:1" }));
		const signed = await pixels(await renderImage({ ...base, aspect: "1:1", signature, signatureImage: sig }));
		expect([signed.width, signed.height]).toEqual([512, 512]);

		const { placement } = await signatureLayers(sig, 512, 512);
		// Scaled to the width share (plus the backing's padding), inside the bottom-right corner.
		expect(placement.width - 2 * Math.max(4, Math.round(512 * 0.012))).toBe(Math.round(512 * SIGNATURE_WIDTH_SHARE));
		expect(placement.left + placement.width).toBeLessThan(512);
		expect(placement.top + placement.height).toBeLessThan(512);
		expect(placement.left).toBeGreaterThan(512 / 2);
		expect(placement.top).toBeGreaterThan(512 / 2);

		const corner = compareRegion(plain.data, signed.data, 512, placement);
		expect(corner.changed / corner.total).toBeGreaterThan(0.9);
		expect(corner.green).toBeGreaterThan(500);
		const rest = compareRegion(plain.data, signed.data, 512, { left: 0, top: 0, width: 512, height: placement.top });
		expect(rest.changed).toBe(0);
	});

	it("scales with the image: the 1024² preset gets a signature twice as wide", async () => {
		const sig = await greenSignature();
		const small = await signatureLayers(sig, 512, 512);
		const large = await signatureLayers(sig, 1024, 1024);
		expect(large.placement.width).toBeGreaterThan(small.placement.width * 1.8);
		const portrait = await signatureLayers(sig, 512, 1024);
		expect(portrait.placement.top + portrait.placement.height).toBeGreaterThan(1024 - 40);
	});

	it("refuses an undecodable signature as a non-retryable backend error", async () => {
		await expect(renderImage({ ...base, aspect: "1:1", signature, signatureImage: new TextEncoder().encode("not an image") })).rejects.toMatchObject({
			code: "SIGNATURE_INVALID",
			retryable: false,
		});
	});
});

describe("signed image.generate through the gateway", () => {
	let gw: Gateway;
	beforeEach(async () => {
		gw = await startTestGateway(tempDataDir());
	});
	afterEach(async () => {
		await gw.stop();
	});

	it("stamps the artist's signature image and writes provenance (artist, style, job, time, stamped) into the PNG", async () => {
		const sig = await greenSignature();
		const signatureInput = { artistId: "usr_artist", styleId: "sty_sig", name: "Ada Painter", image: pngInput(sig) };
		const res = await postJob(gw, imageJob({ styleId: "sty_sig", signature: signatureInput }));
		expect(res.status).toBe(201);
		const { id } = (await res.json()) as { id: string };
		const job = await waitForStatus(gw, id, ["succeeded", "failed"]);
		expect(job.status).toBe("succeeded");
		const png = await downloadArtifact(gw, id, "image.png");

		const { json, exif } = await provenanceOf(png);
		expect(json).toMatchObject({
			artist: "usr_artist",
			style: "sty_sig",
			job: id,
			signature: "stamped",
			artist_name: "Ada Painter",
			signature_sha256: sha256Hex(sig),
		});
		expect(new Date(String(json.created_at)).toISOString()).toBe(json.created_at);
		expect(exif).toContain("usr_artist");

		// The same request without the signature image (text mark only) differs in the corner.
		const textOnly = await postJob(gw, imageJob({ styleId: "sty_sig", signature: { artistId: "usr_artist", styleId: "sty_sig" } }));
		const other = (await textOnly.json()) as { id: string };
		expect((await waitForStatus(gw, other.id, ["succeeded", "failed"])).status).toBe("succeeded");
		const marked = await pixels(await downloadArtifact(gw, other.id, "image.png"));
		const stamped = await pixels(png);
		const { placement } = await signatureLayers(sig, 512, 512);
		expect(compareRegion(marked.data, stamped.data, 512, placement).green).toBeGreaterThan(500);
	});

	it("fails the job, without retrying, when the signature image does not match its digest", async () => {
		const sig = await greenSignature();
		const res = await postJob(gw, imageJob({ signature: { artistId: "usr_artist", styleId: "style-a", image: { ...pngInput(sig), sha256: "0".repeat(64) } } }));
		const { id } = (await res.json()) as { id: string };
		const job = await waitForStatus(gw, id, ["succeeded", "failed"]);
		expect(job.status).toBe("failed");
		expect(job.error?.code).toBe("INPUT_DIGEST_MISMATCH");
		expect(job.attempt).toBe(1);
	});
});
