import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../src/db/client";
import { generations, packages, products, stylePackItems, stylePacks, styles } from "../../src/db/schema";
import { sha256Hex } from "../../src/lib/hash";
import { newId } from "../../src/lib/ids";
import { readZipDigests } from "../../src/lib/zip";
import { PackageManifest } from "../../src/shared/manifest";
import type { ProductView } from "../../src/shared/product";
import type { QaCheck } from "../../src/shared/qa";
import { type CreateStylePackRequest, STYLE_PACK_MAX_BYTES, StylePackImageManifest } from "../../src/shared/style-packs";
import type { StyleStatus } from "../../src/shared/styles";
import { createStylePack } from "../../src/style-packs/create";
import { readExifText } from "../../src/style-packs/exif";
import { readPng } from "../../src/style-packs/png";
import { readProvenance } from "../../src/style-packs/provenance";
import { buyerOrder, paidOrder, pathOf, redeem } from "../support/commerce-helpers";
import { api, countRows, drain, type ErrorBody, PIPELINE_RUN_MS, PIPELINE_TEST_MS, productRow, testDeps, waitFor } from "../support/helpers";
import { findChunk, gatewayProvenance, makePng, type PngFixture, withBadIdatCrc } from "../support/png-fixtures";
import { createTestUser, type TestUser, userApi } from "../support/user-helpers";

const db = getDb(env.DB);
const decoder = new TextDecoder();

/** A trained (or not) style of the artist. */
async function seedStyle(artist: TestUser, status: StyleStatus = "completed") {
	const id = newId("sty");
	const [style] = await db
		.insert(styles)
		.values({ id, artistId: artist.user.id, slug: `ink-${id.slice(-10)}`, title: `Moonlit Ink ${id.slice(-6)}`, priceCredits: 5, status })
		.returning();
	if (!style) throw new Error("style not stored");
	return style;
}

type SeedGeneration = {
	userId: string;
	styleId: string;
	png?: Uint8Array;
	fixture?: Partial<PngFixture>;
	status?: "completed" | "failed";
	declared?: { width: number; height: number };
};

/** A generation as the generation flow leaves it: its PNG in R2, its hash and size recorded. */
async function seedGeneration(seed: SeedGeneration) {
	const id = newId("gen");
	const n = Number.parseInt(id.slice(-4), 16);
	const png = seed.png ?? (await makePng({ width: 512, height: 512, seed: n, ...gatewayProvenance(seed.userId, seed.styleId, n), ...seed.fixture }));
	const r2Key = `gpu/job_${id}/image.png`;
	await env.FILES.put(r2Key, png);
	const status = seed.status ?? "completed";
	await db.insert(generations).values({
		id,
		userId: seed.userId,
		styleId: seed.styleId,
		prompt: `moon over harbour ${n}`,
		aspect: "1:1",
		width: seed.declared?.width ?? 512,
		height: seed.declared?.height ?? 512,
		seed: n,
		costCredits: 5,
		status,
		r2Key: status === "completed" ? r2Key : null,
		sha256: status === "completed" ? await sha256Hex(png) : null,
		size: png.byteLength,
		completedAt: status === "completed" ? new Date().toISOString() : null,
	});
	return { id, png };
}

/** An artist with a trained style and `count` completed generations of it. */
async function artistWithGenerations(count = 3) {
	const artist = await createTestUser({ role: "artist", name: "Ada Inkwell" });
	const style = await seedStyle(artist);
	const made = [];
	for (let i = 0; i < count; i++) made.push(await seedGeneration({ userId: artist.user.id, styleId: style.id }));
	return { artist, style, generations: made };
}

function packBody(ids: string[], overrides: Partial<CreateStylePackRequest> = {}) {
	return {
		title: `Harbour Nights ${crypto.randomUUID().slice(0, 8)}`,
		description: "Moonlit harbours in ink.",
		generation_ids: ids,
		price_cents: 900,
		...overrides,
	};
}

async function qa1Reports(productId: string) {
	const { results } = await env.DB.prepare("SELECT * FROM qa_reports WHERE product_id = ? AND stage = 1 ORDER BY attempt")
		.bind(productId)
		.all<{ attempt: number; passed: number; score: number; checks: string; dimensions: string }>();
	return results.map((row) => ({ ...row, checks: JSON.parse(row.checks) as QaCheck[], dimensions: JSON.parse(row.dimensions) as Record<string, number> }));
}

/** Creates a pack through the domain function and runs its pipeline to the end with a recording queue. */
async function packThroughPipeline(artist: TestUser, styleId: string, ids: string[]) {
	const deps = await testDeps();
	const product = await createStylePack(deps, artist.user.id, styleId, { ...packBody(ids), currency: "usd", license: "personal", description: "" });
	await drain(deps);
	return { product, row: await productRow(product.id) };
}

async function zipEntries(r2Key: string) {
	const object = await env.FILES.get(r2Key);
	if (!object) throw new Error("package missing");
	return readZipDigests(object.body, () => true);
}

describe("the PNG reader", () => {
	it("decodes a PNG carrying the gateway's provenance", async () => {
		const png = await makePng({ width: 512, height: 1024, ...gatewayProvenance("usr_a", "sty_b", 3) });
		const result = await readPng(png);
		if (!result.ok) throw new Error(result.error);
		expect(result.info).toMatchObject({ width: 512, height: 1024, bitDepth: 8, colorType: 6, interlaced: false });
		const tags = result.info.exif ? readExifText(result.info.exif) : null;
		expect(tags?.Artist).toBe("usr_a");
		expect(JSON.parse(tags?.ImageDescription ?? "{}")).toMatchObject({ artist: "usr_a", style: "sty_b", seed: 3 });
		expect(readProvenance(tags, result.info.text)).toEqual({
			source: "exif",
			artistId: "usr_a",
			styleId: "sty_b",
			signature: "exif-artist",
			exifArtist: "usr_a",
		});
	});

	it("accepts a recorded signature and reads provenance from a text chunk", () => {
		expect(readProvenance(null, { provenance: JSON.stringify({ artist: "usr_a", style: "sty_b", signature: "stamped" }) })).toEqual({
			source: "text",
			artistId: "usr_a",
			styleId: "sty_b",
			signature: "recorded",
			exifArtist: null,
		});
		expect(readProvenance(null, {})).toMatchObject({ source: null, signature: null });
	});

	it("refuses each way a PNG can be broken, saying how", async () => {
		const png = await makePng({ width: 64, height: 64 });
		const idat = findChunk(png, "IDAT");
		const idatLength = new DataView(png.buffer).getUint32(idat);
		// The zlib stream cut short, with the chunk's length and CRC made consistent again.
		const cut = png.slice(0, idat + 8 + idatLength - 20);
		new DataView(cut.buffer).setUint32(idat, idatLength - 20);
		const cutChunk = cut.subarray(idat + 4, idat + 8 + idatLength - 20);
		const { crc32 } = await import("../../src/lib/bytes");
		const crc = new Uint8Array(4);
		new DataView(crc.buffer).setUint32(0, crc32(cutChunk));
		const iend = png.subarray(png.length - 12);
		const truncatedStream = new Uint8Array([...cut, ...crc, ...iend]);
		const badFilter = await makePng({ width: 4, height: 4 });

		const cases: [string, Uint8Array, RegExp][] = [
			["text", new TextEncoder().encode("just some text, named .png"), /bad signature/],
			["bad CRC", withBadIdatCrc(png), /IDAT .* fails its CRC/],
			["short IDAT", await makePng({ width: 64, height: 64, rowsEncoded: 63 }), /IDAT inflates to 16191 bytes, IHDR implies 16448/],
			["cut stream", truncatedStream, /IDAT does not inflate/],
			["truncated file", png.subarray(0, png.length - 30), /runs past the end|truncated/],
			["no IEND", png.subarray(0, png.length - 12), /no IEND/],
			["data after IEND", new Uint8Array([...png, 0, 0, 0]), /3 bytes after IEND/],
		];
		for (const [name, bytes, expected] of cases) {
			const result = await readPng(bytes);
			expect(result.ok, name).toBe(false);
			if (!result.ok) expect(result.error, name).toMatch(expected);
		}
		expect((await readPng(badFilter)).ok).toBe(true);
	});
});

describe("creating a style pack", () => {
	it(
		"creates the product, its pack row and items in DRAFT, and the real queue publishes it",
		async () => {
			const { artist, style, generations: made } = await artistWithGenerations(4);
			const ids = made.map((g) => g.id);
			const body = packBody(ids.slice(0, 3), { license: "commercial", price_cents: 1200 });
			const res = await userApi(artist, `/api/styles/${style.id}/packs`, { method: "POST", json: body });
			expect(res.status).toBe(201);
			const { product } = (await res.json()) as { product: ProductView };
			expect(product).toMatchObject({ kind: "style_pack", status: "DRAFT", title: body.title, price_cents: 1200, currency: "usd" });
			expect(await db.query.stylePacks.findFirst({ where: eq(stylePacks.productId, product.id) })).toMatchObject({
				styleId: style.id,
				artistId: artist.user.id,
				license: "commercial",
			});
			const items = await db.query.stylePackItems.findMany({ where: eq(stylePackItems.productId, product.id) });
			expect(items.sort((a, b) => a.position - b.position).map((item) => item.generationId)).toEqual(ids.slice(0, 3));

			const done = await waitFor(
				async () => {
					const row = await productRow(product.id);
					return row && ["PUBLISHED", "QA1_FAILED", "QA2_FAILED"].includes(row.status) ? row : null;
				},
				PIPELINE_RUN_MS,
				"the pack to finish its pipeline",
			);
			expect(done.status, done.lastError ?? "").toBe("PUBLISHED");

			const listed = await userApi(artist, `/api/styles/${style.id}/packs`);
			expect(listed.status).toBe(200);
			const { packs } = (await listed.json()) as { packs: { product: ProductView; license: string; image_count: number }[] };
			expect(packs.map((p) => [p.product.id, p.product.status, p.license, p.image_count])).toEqual([[product.id, "PUBLISHED", "commercial", 3]]);
		},
		PIPELINE_TEST_MS,
	);

	it("gives a second pack with a taken title a numbered title", async () => {
		const { artist, style, generations: made } = await artistWithGenerations(3);
		const ids = made.map((g) => g.id);
		const body = packBody(ids);
		const first = await createStylePack(await testDeps(), artist.user.id, style.id, { ...body, currency: "usd", license: "personal" });
		const second = await createStylePack(await testDeps(), artist.user.id, style.id, { ...body, currency: "usd", license: "personal" });
		expect(first.title).toBe(body.title);
		expect(second.title).toBe(`${body.title} (2)`);
		expect(await db.query.stylePackItems.findMany({ where: eq(stylePackItems.productId, second.id) })).toHaveLength(3);
	});

	it("refuses a generation of another user, naming it, and stores nothing", async () => {
		const { artist, style, generations: made } = await artistWithGenerations(2);
		const buyer = await createTestUser();
		const theirs = await seedGeneration({ userId: buyer.user.id, styleId: style.id });
		const before = { products: await countRows("products"), packs: await countRows("style_packs"), items: await countRows("style_pack_items") };
		const res = await userApi(artist, `/api/styles/${style.id}/packs`, { method: "POST", json: packBody([...made.map((g) => g.id), theirs.id]) });
		expect(res.status).toBe(422);
		const body = (await res.json()) as ErrorBody;
		expect(body.error.code).toBe("VALIDATION_FAILED");
		expect(body.error.message).toContain(theirs.id);
		expect({ products: await countRows("products"), packs: await countRows("style_packs"), items: await countRows("style_pack_items") }).toEqual(before);
	});

	it("refuses a generation that did not complete, and one of another style", async () => {
		const { artist, style, generations: made } = await artistWithGenerations(2);
		const failed = await seedGeneration({ userId: artist.user.id, styleId: style.id, status: "failed" });
		const res = await userApi(artist, `/api/styles/${style.id}/packs`, { method: "POST", json: packBody([...made.map((g) => g.id), failed.id]) });
		expect(res.status).toBe(422);
		expect(((await res.json()) as ErrorBody).error.message).toMatch(new RegExp(`${failed.id} is failed`));

		const otherStyle = await seedStyle(artist);
		const elsewhere = await seedGeneration({ userId: artist.user.id, styleId: otherStyle.id });
		const res2 = await userApi(artist, `/api/styles/${style.id}/packs`, { method: "POST", json: packBody([...made.map((g) => g.id), elsewhere.id]) });
		expect(res2.status).toBe(422);
		expect(((await res2.json()) as ErrorBody).error.message).toContain(elsewhere.id);
	});

	it("refuses images that together exceed the pack's size limit, saying how large they are, and stores nothing", async () => {
		const { artist, style, generations: made } = await artistWithGenerations(3);
		// As if the third image were a large provider render: only the recorded size counts here.
		const [big] = made.slice(-1);
		if (!big) throw new Error("no generation");
		await getDb(env.DB).update(generations).set({ size: STYLE_PACK_MAX_BYTES }).where(eq(generations.id, big.id));
		const before = await countRows("products");
		const res = await userApi(artist, `/api/styles/${style.id}/packs`, { method: "POST", json: packBody(made.map((g) => g.id)) });
		expect(res.status).toBe(422);
		const body = (await res.json()) as ErrorBody;
		expect(body.error.code).toBe("VALIDATION_FAILED");
		expect(body.error.message).toMatch(/come to 40\.\d MB; a pack holds at most 40\.0 MB/);
		expect(await countRows("products")).toBe(before);
	});

	it("answers 403 ARTIST_ONLY to a user who is not an artist, 401 without a session, 403 without CSRF", async () => {
		const { style, generations: made } = await artistWithGenerations(3);
		const user = await createTestUser();
		const body = packBody(made.map((g) => g.id));
		for (const res of [
			await userApi(user, `/api/styles/${style.id}/packs`, { method: "POST", json: body }),
			await userApi(user, `/api/styles/${style.id}/packs`),
		]) {
			expect(res.status).toBe(403);
			expect(((await res.json()) as ErrorBody).error.code).toBe("ARTIST_ONLY");
		}
		const anonymous = await api(`/api/styles/${style.id}/packs`, { method: "POST", auth: null, json: body });
		expect(anonymous.status).toBe(401);
		const artist = await createTestUser({ role: "artist" });
		const noCsrf = await api(`/api/styles/${style.id}/packs`, { method: "POST", auth: null, headers: { Cookie: artist.cookie }, json: body });
		expect(noCsrf.status).toBe(403);
		expect(((await noCsrf.json()) as ErrorBody).error.code).toBe("FORBIDDEN");
	});

	it("answers 404 for another artist's style, 409 STYLE_NOT_READY for an untrained one, 400 for too few images", async () => {
		const { style, generations: made } = await artistWithGenerations(3);
		const other = await createTestUser({ role: "artist" });
		const body = packBody(made.map((g) => g.id));
		const foreign = await userApi(other, `/api/styles/${style.id}/packs`, { method: "POST", json: body });
		expect(foreign.status).toBe(404);
		expect((await userApi(other, `/api/styles/${style.id}/packs`)).status).toBe(404);

		const training = await seedStyle(other, "training");
		const notReady = await userApi(other, `/api/styles/${training.id}/packs`, { method: "POST", json: body });
		expect(notReady.status).toBe(409);
		expect(((await notReady.json()) as ErrorBody).error.code).toBe("STYLE_NOT_READY");

		const tooFew = await createTestUser({ role: "artist" });
		const ownStyle = await seedStyle(tooFew);
		const res = await userApi(tooFew, `/api/styles/${ownStyle.id}/packs`, { method: "POST", json: packBody(made.slice(0, 2).map((g) => g.id)) });
		expect(res.status).toBe(400);
		expect(((await res.json()) as ErrorBody).error.message).toContain("generation_ids");
	});

	it("is not something the admin API makes from a topic", async () => {
		const res = await api("/api/products", { method: "POST", json: { topic: "a pack without images", kind: "style_pack" } });
		expect(res.status).toBe(400);
		expect(((await res.json()) as ErrorBody).error.code).toBe("VALIDATION_FAILED");
	});
});

describe("a style pack through the pipeline", () => {
	it("publishes a ZIP with the images byte for byte, LICENSE.txt, images.json and the manifest; a buyer downloads it", async () => {
		const { artist, style, generations: made } = await artistWithGenerations(4);
		const { product, row } = await packThroughPipeline(
			artist,
			style.id,
			made.map((g) => g.id),
		);
		expect(row?.status, row?.lastError ?? "").toBe("PUBLISHED");
		expect(row?.generationCount).toBe(1);

		const [qa1] = await qa1Reports(product.id);
		expect(qa1?.passed).toBe(1);
		expect(qa1?.score).toBe(100);
		expect(Object.keys(qa1?.dimensions ?? {}).sort()).toEqual(["content_fit", "functional", "productization", "structural", "technical"]);
		expect(qa1?.checks.map((c) => c.name)).toEqual(
			expect.arrayContaining(["images.decode", "images.size", "images.sha256", "images.provenance", "images.signature", "license.terms", "preview.gallery"]),
		);

		const pkg = await db.query.packages.findFirst({ where: eq(packages.productId, product.id) });
		if (!pkg) throw new Error("no package");
		const entries = await zipEntries(pkg.r2Key);
		const paths = entries.map((e) => e.path).sort();
		expect(paths.filter((p) => !p.startsWith("images/"))).toEqual(["LICENSE.txt", "README.md", "images.json", "index.html", "manifest.json"]);
		const imagePaths = paths.filter((p) => p.startsWith("images/"));
		expect(imagePaths).toHaveLength(made.length);
		for (const [i, path] of imagePaths.entries()) expect(path).toMatch(new RegExp(`^images/0${i + 1}-moon-over-harbour-\\d+\\.png$`));
		const images = entries.filter((e) => e.path.startsWith("images/")).sort((a, b) => a.path.localeCompare(b.path));
		for (const [i, generation] of made.entries()) {
			expect(images[i]?.sha256).toBe(await sha256Hex(generation.png));
			expect(images[i]?.size).toBe(generation.png.byteLength);
		}
		const text = (path: string) => {
			const entry = entries.find((e) => e.path === path);
			if (!entry?.body) throw new Error(`${path} not read`);
			return decoder.decode(entry.body);
		};
		const license = text("LICENSE.txt");
		expect(license).toContain("PERSONAL USE LICENCE");
		expect(license).toContain(String(artist.user.nickname));
		expect(license).toContain(style.title);
		for (const generation of made) expect(license).toContain(await sha256Hex(generation.png));
		const declared = StylePackImageManifest.parse(JSON.parse(text("images.json")));
		expect(declared).toMatchObject({ product_id: product.id, style_id: style.id, artist_id: artist.user.id, license: "personal" });
		expect(declared.images.map((image) => image.generation_id)).toEqual(made.map((g) => g.id));
		expect(declared.images.every((image) => image.width === 512 && image.height === 512)).toBe(true);
		const manifest = PackageManifest.parse(JSON.parse(text("manifest.json")));
		expect(manifest.files.map((f) => f.path).sort()).toEqual(paths.filter((p) => p !== "manifest.json"));
		expect(text("index.html")).toContain(`src="${images[0]?.path}"`);

		// The storefront: catalog, product page with samples, sample images (never all of them).
		const catalog = await (await api("/", { auth: null })).text();
		expect(catalog).toContain(product.title);
		const page = await api(`/products/${product.slug}`, { auth: null });
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain("Style pack");
		expect(html).toContain("Sample images");
		expect(html).not.toContain('class="preview-frame"');
		const sample = await api(`/products/${product.slug}/samples/${images[0]?.path.slice("images/".length)}`, { auth: null });
		expect(sample.status).toBe(200);
		expect(sample.headers.get("Content-Type")).toBe("image/png");
		expect(await sha256Hex(new Uint8Array(await sample.arrayBuffer()))).toBe(await sha256Hex(made[0]?.png ?? new Uint8Array()));
		const lastImage = images[images.length - 1]?.path.slice("images/".length);
		expect((await api(`/products/${product.slug}/samples/${lastImage}`, { auth: null })).status).toBe(404);
		expect((await api(`/products/${product.slug}/samples/..%2FLICENSE.txt`, { auth: null })).status).toBe(404);

		// Bought through the storefront like any product, and downloaded through the buyer's path.
		const bought = await paidOrder(product.id, "pack-buyer@example.com");
		const order = await buyerOrder(bought.orderId, bought.key);
		expect(order.status).toBe("FULFILLED");
		const redirect = await redeem(pathOf(order.items[0]?.download_url ?? ""));
		expect(redirect.status).toBe(303);
		const file = await api(redirect.headers.get("Location") ?? "", { auth: null });
		expect(file.status).toBe(200);
		const bytes = new Uint8Array(await file.arrayBuffer());
		expect(bytes.byteLength).toBe(pkg.size);
		expect(await sha256Hex(bytes)).toBe(pkg.sha256);
	});

	for (const [flaw, failingCheck, detail] of [
		["a PNG with a bad CRC", "images.decode", /fails its CRC/],
		["a PNG whose IDAT is short", "images.decode", /IDAT inflates to \d+ bytes, IHDR implies \d+/],
		["an image of another size than declared", "images.size", /512×512, declared 1024×1024/],
		["an image without provenance", "images.provenance", /no provenance metadata/],
		["an image of another artist's provenance", "images.provenance", /provenance names artist usr_someone_else/],
		["an image without a signature record", "images.signature", /no record of the artist's signature/],
	] as const) {
		it(`fails QA1 on ${flaw}, naming the file, and never packages`, async () => {
			const { artist, style, generations: good } = await artistWithGenerations(2);
			const provenance = gatewayProvenance(artist.user.id, style.id, 7);
			const bad = await (async () => {
				const base = { userId: artist.user.id, styleId: style.id };
				switch (flaw) {
					case "a PNG with a bad CRC":
						return seedGeneration({ ...base, png: withBadIdatCrc(await makePng({ width: 512, height: 512, ...provenance })) });
					case "a PNG whose IDAT is short":
						return seedGeneration({ ...base, fixture: { rowsEncoded: 500 } });
					case "an image of another size than declared":
						return seedGeneration({ ...base, declared: { width: 1024, height: 1024 } });
					case "an image without provenance":
						return seedGeneration({ ...base, fixture: { provenance: null, exifArtist: undefined } });
					case "an image of another artist's provenance":
						return seedGeneration({ ...base, fixture: gatewayProvenance("usr_someone_else", style.id, 7) });
					case "an image without a signature record":
						return seedGeneration({ ...base, fixture: { exifArtist: undefined } });
				}
			})();
			const { product, row } = await packThroughPipeline(artist, style.id, [good[0]?.id ?? "", bad.id, good[1]?.id ?? ""]);
			expect(row?.status).toBe("QA1_FAILED");
			expect(row?.failedStage).toBe("generate");
			const badPath = /images\/02-moon-over-harbour-\d+\.png/;
			expect(row?.lastError).toContain(failingCheck);
			expect(row?.lastError).toMatch(badPath);
			const reports = await qa1Reports(product.id);
			// No regeneration: the generator copies stored images, so another try would fail the same way.
			expect(reports.map((r) => r.passed)).toEqual([0]);
			const failed = reports[0]?.checks.find((c) => c.name === failingCheck);
			expect(failed?.passed).toBe(false);
			expect(failed?.detail).toMatch(badPath);
			expect(failed?.detail).toMatch(detail);
			// Only the flawed image is named.
			expect(failed?.detail).not.toMatch(/images\/0[13]-/);
			expect(await db.query.packages.findFirst({ where: eq(packages.productId, product.id) })).toBeUndefined();
		});
	}

	it("fails QA1 when an image changed in storage after it was generated", async () => {
		const { artist, style, generations: made } = await artistWithGenerations(3);
		const target = made[1];
		if (!target) throw new Error("no generation");
		const row = await db.query.generations.findFirst({ where: eq(generations.id, target.id) });
		await env.FILES.put(row?.r2Key ?? "", await makePng({ width: 512, height: 512, seed: 999, ...gatewayProvenance(artist.user.id, style.id, 999) }));
		const { product, row: after } = await packThroughPipeline(
			artist,
			style.id,
			made.map((g) => g.id),
		);
		expect(after?.status).toBe("QA1_FAILED");
		const [report] = await qa1Reports(product.id);
		expect(report?.checks.find((c) => c.name === "images.sha256")?.detail).toMatch(/^images\/02-/);
	});
});

describe("the studio pages", () => {
	it("shows the pack form, creates a pack from the plain form, and shows refusals on the form", async () => {
		const { artist, style, generations: made } = await artistWithGenerations(3);
		const page = await userApi(artist, `/studio/styles/${style.id}/packs`, { headers: { Accept: "text/html" } });
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain("Publish a style pack");
		for (const generation of made) expect(html).toContain(`value="${generation.id}"`);
		expect(html).toContain(`name="_csrf" value="${artist.csrf}"`);

		const form = (ids: string[], price = "9.50") => {
			const body = new URLSearchParams({
				_csrf: artist.csrf,
				title: `Studio Pack ${crypto.randomUUID().slice(0, 6)}`,
				description: "",
				price,
				license: "commercial",
			});
			for (const id of ids) body.append("generation_ids", id);
			return body;
		};
		const before = await countRows("style_packs");
		const tooFew = await userApi(artist, `/studio/styles/${style.id}/packs`, {
			method: "POST",
			body: form(made.slice(0, 2).map((g) => g.id)),
			headers: { Accept: "text/html" },
		});
		expect(tooFew.status).toBe(400);
		expect(await tooFew.text()).toContain("The pack was not created.");
		const badPrice = await userApi(artist, `/studio/styles/${style.id}/packs`, {
			method: "POST",
			body: form(
				made.map((g) => g.id),
				"free",
			),
			headers: { Accept: "text/html" },
		});
		expect(badPrice.status).toBe(400);
		expect(await countRows("style_packs")).toBe(before);

		const created = await userApi(artist, `/studio/styles/${style.id}/packs`, {
			method: "POST",
			body: form(made.map((g) => g.id)),
			headers: { Accept: "text/html" },
		});
		expect(created.status).toBe(303);
		const location = created.headers.get("Location") ?? "";
		expect(location).toMatch(new RegExp(`^/studio/styles/${style.id}/packs\\?created=prd_`));
		const productId = new URL(location, "http://localhost:8787").searchParams.get("created") ?? "";
		const product = await db.query.products.findFirst({ where: eq(products.id, productId) });
		expect(product).toMatchObject({ kind: "style_pack", priceCents: 950 });
		expect(await db.query.stylePacks.findFirst({ where: eq(stylePacks.productId, productId) })).toMatchObject({ license: "commercial" });
		const after = await userApi(artist, location, { headers: { Accept: "text/html" } });
		expect(await after.text()).toContain(`id="pack-${productId}"`);

		const user = await createTestUser();
		const refused = await userApi(user, `/studio/styles/${style.id}/packs`, { headers: { Accept: "text/html" } });
		expect(refused.status).toBe(403);
		expect(await refused.text()).toContain("ARTIST_ONLY");
		// Signed out: sent to sign in and brought back, as on every studio page.
		const anonymous = await api(`/studio/styles/${style.id}/packs`, { auth: null, headers: { Accept: "text/html" } });
		expect(anonymous.status).toBe(302);
		expect(anonymous.headers.get("Location")).toBe(`/auth/login?return_to=${encodeURIComponent(`/studio/styles/${style.id}/packs`)}`);
	});
});

describe("the language a pack is written in", () => {
	/** The share of Hangul among the letters of a text (SHA-256 digests and paths left out). */
	const hangulShare = (text: string) => {
		const letters = text.replace(/\b[0-9a-f]{64}\b/g, " ").replace(/images\/\S+/g, " ");
		const hangul = letters.match(/[\uac00-\ud7a3]/g)?.length ?? 0;
		const latin = letters.match(/[A-Za-z]/g)?.length ?? 0;
		return hangul / (hangul + latin);
	};

	/** The text files of a published pack's ZIP. */
	async function packageTexts(productId: string) {
		const pkg = await db.query.packages.findFirst({ where: eq(packages.productId, productId) });
		if (!pkg) throw new Error("no package");
		const entries = await zipEntries(pkg.r2Key);
		return (path: string) => {
			const entry = entries.find((e) => e.path === path);
			if (!entry?.body) throw new Error(`${path} not read`);
			return decoder.decode(entry.body);
		};
	}

	it(
		"writes a pack asked for in Korean in Korean: README.md, LICENSE.txt, the gallery and the description; QA1 checks it",
		async () => {
			const { artist, style, generations: made } = await artistWithGenerations(3);
			// English prompts (as the generation flow normalises them) in a Korean pack.
			const body = packBody(
				made.map((g) => g.id),
				{ language: "ko", description: "", license: "commercial" },
			);
			const res = await userApi(artist, `/api/styles/${style.id}/packs`, { method: "POST", json: body });
			expect(res.status).toBe(201);
			const { product } = (await res.json()) as { product: ProductView };
			expect(product.languages).toEqual(["ko"]);
			const done = await waitFor(
				async () => {
					const row = await productRow(product.id);
					return row && ["PUBLISHED", "QA1_FAILED", "QA2_FAILED"].includes(row.status) ? row : null;
				},
				PIPELINE_RUN_MS,
				"the pack to finish its pipeline",
			);
			expect(done.status, done.lastError ?? "").toBe("PUBLISHED");
			expect(done.languages).toBe("ko");
			expect(done.description).toBe(`작가 ${artist.user.nickname}의 스타일 "${style.title}"에서 생성한 이미지 3장과 그 이용 허락서입니다.`);
			const [qa1] = await qa1Reports(product.id);
			expect(qa1?.checks.find((c) => c.name === "content.language")).toMatchObject({ passed: true });
			expect(qa1?.checks.find((c) => c.name === "preview.document")?.detail).toContain('lang="ko"');

			const text = await packageTexts(product.id);
			const license = text("LICENSE.txt");
			expect(license.startsWith(`상업용 이용 허락서 — "${body.title}"`)).toBe(true);
			expect(license).toContain(`작가: ${artist.user.nickname} (작가 ID ${artist.user.id})`);
			expect(license).toContain("허용 사항");
			expect(license).toContain("금지 사항");
			expect(license).toContain("적용 이미지 (경로, 크기, SHA-256)");
			for (const generation of made) expect(license).toContain(await sha256Hex(generation.png));
			expect(license).not.toMatch(/YOU MAY|LICENCE/);
			expect(hangulShare(license)).toBeGreaterThan(0.8);
			const readme = text("README.md");
			expect(readme).toContain("## 구성");
			expect(readme).toContain("상업 라이선스: 본인의 상업적 작업에 사용 가능");
			expect(readme).not.toContain("What's inside");
			// Mostly Hangul once the artist's own (English) title and prompts and the file names are left out.
			expect(
				hangulShare(
					readme
						.replaceAll(body.title, " ")
						.replace(/`[^`]*`/g, " ")
						.replace(/moon over harbour \d+/g, " "),
				),
			).toBeGreaterThan(0.7);
			const gallery = text("index.html");
			expect(gallery).toContain('<html lang="ko">');
			expect(gallery).toContain(`<p>작가 ${artist.user.nickname} · 스타일 ${style.title} · 상업 라이선스: 본인의 상업적 작업에 사용 가능</p>`);
			expect(gallery).not.toContain(`By ${artist.user.nickname}`);
			// The file names stay as they are.
			expect(text("images.json")).toContain('"images/01-moon-over-harbour-');
		},
		PIPELINE_TEST_MS,
	);

	it("takes the request's language when the body names none: the studio form in Korean, the API in English by default", async () => {
		const { artist, style, generations: made } = await artistWithGenerations(3);
		const ids = made.map((g) => g.id);
		const form = new URLSearchParams({
			_csrf: artist.csrf,
			title: `스튜디오 팩 ${crypto.randomUUID().slice(0, 6)}`,
			description: "",
			price: "9",
			license: "personal",
		});
		for (const id of ids) form.append("generation_ids", id);
		const created = await userApi(artist, `/studio/styles/${style.id}/packs`, {
			method: "POST",
			body: form,
			headers: { Accept: "text/html", "Accept-Language": "ko" },
		});
		expect(created.status).toBe(303);
		const productId = new URL(created.headers.get("Location") ?? "", "http://localhost:8787").searchParams.get("created") ?? "";
		expect((await productRow(productId))?.languages).toBe("ko");

		const koreanApi = await userApi(artist, `/api/styles/${style.id}/packs`, { method: "POST", json: packBody(ids), headers: { "Accept-Language": "ko" } });
		expect(koreanApi.status).toBe(201);
		expect(((await koreanApi.json()) as { product: ProductView }).product.languages).toEqual(["ko"]);
		// The body's language wins over the request's.
		const englishBody = await userApi(artist, `/api/styles/${style.id}/packs`, {
			method: "POST",
			json: packBody(ids, { language: "en" }),
			headers: { "Accept-Language": "ko" },
		});
		expect(((await englishBody.json()) as { product: ProductView }).product.languages).toEqual(["en"]);
		const plain = await userApi(artist, `/api/styles/${style.id}/packs`, { method: "POST", json: packBody(ids) });
		expect(((await plain.json()) as { product: ProductView }).product.languages).toEqual(["en"]);
	});

	it("writes an English pack in English, as before", async () => {
		const { artist, style, generations: made } = await artistWithGenerations(3);
		const { product, row } = await packThroughPipeline(
			artist,
			style.id,
			made.map((g) => g.id),
		);
		expect(row?.status, row?.lastError ?? "").toBe("PUBLISHED");
		expect(row?.languages).toBe("en");
		expect(row?.description).toBe(`3 images in the style "${style.title}" by ${artist.user.nickname}, with a licence for their use.`);
		const text = await packageTexts(product.id);
		expect(text("LICENSE.txt").startsWith(`PERSONAL USE LICENCE — "${product.title}"`)).toBe(true);
		expect(text("README.md")).toContain("## What's inside");
		expect(text("index.html")).toContain('<html lang="en">');
		expect(text("index.html")).toContain(`<p>By ${artist.user.nickname} · style ${style.title} · Personal licence: personal, non-commercial use</p>`);
		expect(hangulShare(text("README.md"))).toBe(0);
	});

	it("refuses a language the store does not speak, and stores nothing", async () => {
		const { artist, style, generations: made } = await artistWithGenerations(3);
		const before = { products: await countRows("products"), packs: await countRows("style_packs"), items: await countRows("style_pack_items") };
		const res = await userApi(artist, `/api/styles/${style.id}/packs`, { method: "POST", json: { ...packBody(made.map((g) => g.id)), language: "fr" } });
		// A body the schema refuses is a 400, as every other field of it (see src/lib/validate.ts).
		expect(res.status).toBe(400);
		const body = (await res.json()) as ErrorBody;
		expect(body.error.code).toBe("VALIDATION_FAILED");
		expect(body.error.message).toContain("language");
		expect({ products: await countRows("products"), packs: await countRows("style_packs"), items: await countRows("style_pack_items") }).toEqual(before);
	});

	it("fails QA1 on a pack whose documents are in another language than the product's", async () => {
		const { artist, style, generations: made } = await artistWithGenerations(3);
		const deps = await testDeps();
		const product = await createStylePack(deps, artist.user.id, style.id, {
			...packBody(made.map((g) => g.id)),
			currency: "usd",
			license: "personal",
			language: "en",
		});
		// Generated in English, then labelled Korean before QA1 reads it.
		await drain(deps, 1);
		await db.update(products).set({ languages: "ko" }).where(eq(products.id, product.id));
		await drain(deps);
		const row = await productRow(product.id);
		expect(row?.status).toBe("QA1_FAILED");
		expect(row?.lastError).toContain("content.language");
		const [report] = await qa1Reports(product.id);
		const language = report?.checks.find((c) => c.name === "content.language");
		expect(language?.passed).toBe(false);
		expect(language?.detail).toMatch(/index\.html \(\d+% Korean\)/);
		expect(language?.detail).toMatch(/README\.md \(\d+% Korean\)/);
		expect(report?.checks.find((c) => c.name === "preview.document")?.detail).toBe('<html lang="en">, the pack is in ko');
		expect(await db.query.packages.findFirst({ where: eq(packages.productId, product.id) })).toBeUndefined();
	});
});
