import { describe, expect, it } from "vitest";
import { renderImage } from "../../gpu-gateway/src/backends/local/render.ts";
import { defaultStyleProfile } from "../../gpu-gateway/src/backends/local/style-profile.ts";
import { finishGeneratedImage } from "../../gpu-gateway/src/backends/post-process.ts";
import { readExifText } from "../../src/style-packs/exif.ts";
import { readPng } from "../../src/style-packs/png.ts";
import { readProvenance } from "../../src/style-packs/provenance.ts";

/**
 * The Worker's style pack QA1 reads PNGs it never saw being made: here it reads what the
 * gpu-gateway really writes (sharp/libvips, multi-chunk IDAT, eXIf), so the fixtures of
 * test/style-packs.test.ts cannot drift from the gateway unnoticed.
 */
async function inspect(png: Uint8Array) {
	const result = await readPng(png);
	if (!result.ok) throw new Error(result.error);
	const tags = result.info.exif ? readExifText(result.info.exif) : null;
	return { info: result.info, tags, provenance: readProvenance(tags, result.info.text) };
}

describe("the style pack PNG reader on the gateway's own output", () => {
	it("decodes the local renderer's signed image and reads its provenance", async () => {
		const signature = { artistId: "usr_artist", styleId: "sty_style" };
		for (const aspect of ["1:1", "1:2"] as const) {
			const png = await renderImage({
				profile: defaultStyleProfile("sty_style"),
				prompt: "lighthouse at dusk",
				seed: 42,
				aspect,
				signature,
				provenance: { generator: "edge-factory/gpu-gateway/local", style: "sty_style", artist: "usr_artist", seed: 42 },
			});
			const { info, tags, provenance } = await inspect(png);
			expect([info.width, info.height]).toEqual(aspect === "1:1" ? [512, 512] : [512, 1024]);
			expect(tags?.Artist).toBe("usr_artist");
			expect(tags?.Software).toBe("edge-factory gpu-gateway local");
			expect(provenance).toMatchObject({ source: "exif", artistId: "usr_artist", styleId: "sty_style" });
			// Either proof is accepted; the gateway may also record `signature: "stamped"` in provenance.
			expect(provenance.signature === "recorded" || provenance.signature === "exif-artist").toBe(true);
		}
	});

	it("decodes a provider image finished by the shared post-process, and sees no signature on an unsigned one", async () => {
		const source = await renderImage({ profile: defaultStyleProfile("sty_x"), prompt: "plain", seed: 1, aspect: "2:2", provenance: {} });
		const signed = await finishGeneratedImage(source, {
			aspect: "2:2",
			signature: { artistId: "usr_b", styleId: "sty_x" },
			provenance: { generator: "edge-factory/gpu-gateway/replicate", style: "sty_x", artist: "usr_b" },
			software: "edge-factory gpu-gateway replicate",
		});
		const read = await inspect(signed);
		expect([read.info.width, read.info.height]).toEqual([1024, 1024]);
		expect(read.provenance).toMatchObject({ source: "exif", artistId: "usr_b", styleId: "sty_x" });
		expect(read.provenance.signature).not.toBeNull();

		const unsigned = await finishGeneratedImage(source, { aspect: "1:1", provenance: { style: "sty_x", artist: "" }, software: "test" });
		const plain = await inspect(unsigned);
		expect(plain.provenance).toMatchObject({ source: "exif", artistId: null, signature: null });
	});

	it("refuses the gateway's PNG once a byte of its pixels is changed", async () => {
		const png = await renderImage({ profile: defaultStyleProfile("sty_y"), prompt: "x", seed: 2, aspect: "1:1", provenance: { style: "sty_y" } });
		const broken = png.slice();
		broken[broken.length - 40] = (broken[broken.length - 40] ?? 0) ^ 0xff;
		const result = await readPng(broken);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.error).toMatch(/fails its CRC/);
	});
});
