import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newId } from "../../src/lib/ids";
import { filesForm, solidPng } from "../support/image-fixtures";
import {
	createArtist,
	createStyleVia,
	errorOf,
	type StyleJson,
	styleObjectKeys,
	styleRow,
	uploadSignature,
	uploadTrainingImages,
} from "../support/style-helpers";
import { createTestUser, type TestUser, userApi } from "../support/user-helpers";

/** Marks a style trained, as the training hook would, so the marketplace lists it. */
async function markTrained(styleId: string, trainedAt = new Date().toISOString(), generationCount = 0) {
	await env.DB.prepare("UPDATE styles SET status = 'completed', trained_at = ?, generation_count = ? WHERE id = ?")
		.bind(trainedAt, generationCount, styleId)
		.run();
}

/** A generation row made directly, as the generations engineer's queue would store one. */
async function insertGeneration(styleId: string, userId: string, visibility: "public" | "private" = "public") {
	const id = newId("gen");
	await env.DB.prepare(
		"INSERT INTO generations (id, user_id, style_id, prompt, aspect, width, height, seed, cost_credits, status, visibility) VALUES (?, ?, ?, 'a cat', '1:1', 512, 512, 1, 5, 'completed', ?)",
	)
		.bind(id, userId, styleId, visibility)
		.run();
	return id;
}

type ListBody = { styles: (StyleJson & { artist: { name: string }; sample_image_url: string | null })[]; next_cursor: string | null };

async function marketplace(query: string): Promise<ListBody> {
	const res = await userApi({ cookie: "", csrf: "" } as TestUser, `/api/styles?${query}`);
	expect(res.status).toBe(200);
	return (await res.json()) as ListBody;
}

describe("creating and editing styles", () => {
	it("creates a pending style with the title as a lowercase tag and a slug", async () => {
		const artist = await createArtist();
		const res = await userApi(artist, "/api/styles", {
			method: "POST",
			json: { title: "Neon Café Nights", description: "City lights", tags: ["Neon", " city  lights ", "neon"], price_credits: 12 },
		});
		expect(res.status).toBe(201);
		const { style } = (await res.json()) as { style: StyleJson };
		expect(style).toMatchObject({ title: "Neon Café Nights", status: "pending", price_credits: 12, image_count: 0, signature: null });
		expect(style.tags).toEqual(["neon cafe nights", "neon", "city lights"]);
		expect(style.slug).toMatch(/^neon-cafe-nights/);
		expect(style.training).toEqual({ job_id: null, status: null, progress: { percent: 0, step: "" }, error: null });
		const row = await styleRow(style.id);
		expect(row).toMatchObject({ artist_id: artist.user.id, status: "pending", tags: JSON.stringify(style.tags) });
	});

	it("accepts a plain form post with comma-separated tags", async () => {
		const artist = await createArtist();
		const form = new URLSearchParams({ title: "Ink wash", tags: "ink, monochrome", price_credits: "3", _csrf: artist.csrf });
		const res = await userApi(artist, "/api/styles", { method: "POST", body: form });
		expect(res.status).toBe(201);
		expect(((await res.json()) as { style: StyleJson }).style.tags).toEqual(["ink wash", "ink", "monochrome"]);
	});

	it("refuses tags in scripts other than English and Korean, and bad fields, with 422 VALIDATION_FAILED, storing nothing", async () => {
		const artist = await createArtist();
		for (const body of [
			{ title: "Kyoto", tags: ["京都"], price_credits: 5 },
			{ title: "Kyoto", tags: ["café"], price_credits: 5 },
			{ title: "Kyoto", tags: ["a_b"], price_credits: 5 },
			{ title: "Kyoto", tags: ["x".repeat(33)], price_credits: 5 },
			{ title: "Kyoto", tags: Array.from({ length: 21 }, (_, i) => `tag${i}`), price_credits: 5 },
			{ title: "Ky", price_credits: 5 },
			{ title: "Kyoto", price_credits: 0 },
			{ title: "Kyoto", price_credits: 1001 },
			{ title: "京都の夜", price_credits: 5 },
		]) {
			const res = await userApi(artist, "/api/styles", { method: "POST", json: body });
			expect(res.status, JSON.stringify(body)).toBe(422);
			expect((await errorOf(res)).code).toBe("VALIDATION_FAILED");
		}
		const count = await env.DB.prepare("SELECT COUNT(*) AS n FROM styles WHERE artist_id = ?").bind(artist.user.id).first<{ n: number }>();
		expect(count?.n).toBe(0);
	});

	it("keeps Korean titles and tags (NFC, whatever form the keyboard sent), with a Hangul slug", async () => {
		const artist = await createArtist();
		// "수묵화" typed as decomposed jamo, as some keyboards send it.
		const decomposed = "수묵화".normalize("NFD");
		const res = await userApi(artist, "/api/styles", {
			method: "POST",
			json: { title: "먹물 여우 Ink", tags: [decomposed, "동물-그림", "fox"], price_credits: 7 },
		});
		expect(res.status).toBe(201);
		const { style } = (await res.json()) as { style: StyleJson };
		expect(style.tags).toEqual(["먹물 여우 ink", "수묵화", "동물-그림", "fox"]);
		expect(style.tags[1]).toBe("수묵화".normalize("NFC"));
		expect((await styleRow(style.id))?.tags).toBe(JSON.stringify(style.tags));
	});

	it("refuses the second style with 409 STYLE_LIMIT_REACHED (limit 1), also when both are created at once", async () => {
		const artist = await createArtist();
		await createStyleVia(artist);
		const second = await userApi(artist, "/api/styles", { method: "POST", json: { title: "Second one", price_credits: 5 } });
		expect(second.status).toBe(409);
		expect((await errorOf(second)).code).toBe("STYLE_LIMIT_REACHED");

		const racer = await createArtist();
		const results = await Promise.all(
			Array.from({ length: 5 }, (_, i) => userApi(racer, "/api/styles", { method: "POST", json: { title: `Race ${i}`, price_credits: 5 } })),
		);
		expect(results.map((res) => res.status).sort()).toEqual([201, 409, 409, 409, 409]);
		const count = await env.DB.prepare("SELECT COUNT(*) AS n FROM styles WHERE artist_id = ?").bind(racer.user.id).first<{ n: number }>();
		expect(count?.n).toBe(1);
	});

	it("gives two styles with one title different slugs", async () => {
		const title = `Same title ${crypto.randomUUID().slice(0, 6)}`;
		const a = await createStyleVia(await createArtist(), { title });
		const b = await createStyleVia(await createArtist(), { title });
		expect(a.slug).not.toBe(b.slug);
		expect(b.slug.startsWith(a.slug)).toBe(true);
	});

	it("edits title, tags and price for the owner only; the title tag follows the title", async () => {
		const artist = await createArtist();
		const style = await createStyleVia(artist, { title: "Old name", tags: ["paper"] });
		const res = await userApi(artist, `/api/styles/${style.id}`, { method: "PATCH", json: { title: "New name", price_credits: 9 } });
		expect(res.status).toBe(200);
		const edited = ((await res.json()) as { style: StyleJson }).style;
		expect(edited).toMatchObject({ title: "New name", price_credits: 9, slug: style.slug });
		expect(edited.tags).toEqual(["new name", "paper"]);

		const other = await userApi(await createArtist(), `/api/styles/${style.id}`, { method: "PATCH", json: { price_credits: 1 } });
		expect(other.status).toBe(404);
		expect((await styleRow(style.id))?.price_credits).toBe(9);
		const bad = await userApi(artist, `/api/styles/${style.id}`, { method: "PATCH", json: { tags: ["ñandú"] } });
		expect(bad.status).toBe(422);
	});

	it("shows a style in the making to its artist only; a trained one to anyone", async () => {
		const artist = await createArtist("Ada Painter");
		const style = await createStyleVia(artist);
		const own = await userApi(artist, `/api/styles/${style.id}`);
		expect(own.status).toBe(200);
		expect(((await own.json()) as { style: StyleJson }).style).toHaveProperty("training");
		expect((await userApi(await createTestUser(), `/api/styles/${style.id}`)).status).toBe(404);
		await markTrained(style.id);
		const pub = await userApi(await createTestUser(), `/api/styles/${style.id}`);
		expect(pub.status).toBe(200);
		const shown = ((await pub.json()) as { style: Record<string, unknown> }).style;
		expect(shown).toMatchObject({ id: style.id, status: "completed", artist: { id: artist.user.id, name: artist.user.nickname } });
		expect(shown).not.toHaveProperty("training");
		expect(shown).not.toHaveProperty("image_count");
	});
});

describe("artist-only routes", () => {
	it("answer 403 ARTIST_ONLY to a signed-in user, and 401 to nobody, changing nothing", async () => {
		const artist = await createArtist();
		const style = await createStyleVia(artist);
		const user = await createTestUser();
		const png = await solidPng(512, 512);
		const routes: [string, string, () => RequestInit][] = [
			["POST", "/api/styles", () => ({ body: JSON.stringify({ title: "Mine now", price_credits: 5 }), headers: { "Content-Type": "application/json" } })],
			["PATCH", `/api/styles/${style.id}`, () => ({ body: JSON.stringify({ price_credits: 1 }), headers: { "Content-Type": "application/json" } })],
			["PUT", `/api/styles/${style.id}/signature`, () => ({ body: filesForm("signature", [{ name: "s.png", bytes: png }]) })],
			["GET", `/api/styles/${style.id}/images`, () => ({})],
			["POST", `/api/styles/${style.id}/images`, () => ({ body: filesForm("images", [{ name: "i.png", bytes: png }]) })],
			["DELETE", `/api/styles/${style.id}/images/sim_x`, () => ({})],
			["POST", `/api/styles/${style.id}/train`, () => ({})],
			["DELETE", `/api/styles/${style.id}`, () => ({})],
		];
		for (const [method, path, init] of routes) {
			const res = await userApi(user, path, { method, ...init() });
			expect(res.status, `${method} ${path}`).toBe(403);
			expect((await errorOf(res)).code).toBe("ARTIST_ONLY");
			const anonymous = await userApi({ ...user, cookie: "" }, path, { method, ...init() });
			expect(anonymous.status, `${method} ${path} signed out`).toBe(401);
		}
		expect(await styleRow(style.id)).toMatchObject({ price_credits: 5, image_count: 0, signature_r2_key: null, status: "pending" });
		expect(await styleObjectKeys(style.id)).toEqual([]);
		const userStyles = await env.DB.prepare("SELECT COUNT(*) AS n FROM styles WHERE artist_id = ?").bind(user.user.id).first<{ n: number }>();
		expect(userStyles?.n).toBe(0);
	});

	it("refuse a write without the session's CSRF token", async () => {
		const artist = await createArtist();
		const res = await userApi({ ...artist, csrf: "wrong" }, "/api/styles", { method: "POST", json: { title: "No token", price_credits: 5 } });
		expect(res.status).toBe(403);
		expect((await errorOf(res)).code).toBe("FORBIDDEN");
	});
});

describe("deleting styles", () => {
	it("deletes a pending style with its images: row, image rows and R2 objects", async () => {
		const artist = await createArtist();
		const style = await createStyleVia(artist);
		expect((await uploadTrainingImages(artist, style.id, 3)).status).toBe(201);
		expect((await uploadSignature(artist, style.id)).status).toBe(200);
		expect(await styleObjectKeys(style.id)).toHaveLength(4);
		const res = await userApi(artist, `/api/styles/${style.id}`, { method: "DELETE" });
		expect(res.status).toBe(200);
		expect(await styleRow(style.id)).toBeNull();
		expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM style_images WHERE style_id = ?").bind(style.id).first("n")).toBe(0);
		expect(await styleObjectKeys(style.id)).toEqual([]);
		// The slot is free again.
		await createStyleVia(artist);
	});

	it("refuses a trained style with 409 STYLE_NOT_DELETABLE, keeping row and images", async () => {
		const artist = await createArtist();
		const style = await createStyleVia(artist);
		expect((await uploadTrainingImages(artist, style.id, 2)).status).toBe(201);
		await markTrained(style.id);
		const res = await userApi(artist, `/api/styles/${style.id}`, { method: "DELETE" });
		expect(res.status).toBe(409);
		expect((await errorOf(res)).code).toBe("STYLE_NOT_DELETABLE");
		expect(await styleRow(style.id)).toMatchObject({ status: "completed" });
		expect(await styleObjectKeys(style.id)).toHaveLength(2);
	});

	it("refuses a style with generations (the foreign key decides), even when it is not trained", async () => {
		const artist = await createArtist();
		const style = await createStyleVia(artist);
		await insertGeneration(style.id, (await createTestUser()).user.id);
		await env.DB.prepare("UPDATE styles SET status = 'failed' WHERE id = ?").bind(style.id).run();
		const res = await userApi(artist, `/api/styles/${style.id}`, { method: "DELETE" });
		expect(res.status).toBe(409);
		expect((await errorOf(res)).code).toBe("STYLE_NOT_DELETABLE");
		expect(await styleRow(style.id)).toMatchObject({ status: "failed" });
	});

	it("refuses a style while it trains, and someone else's style as not found", async () => {
		const artist = await createArtist();
		const style = await createStyleVia(artist);
		expect((await userApi(await createArtist(), `/api/styles/${style.id}`, { method: "DELETE" })).status).toBe(404);
		await env.DB.prepare("UPDATE styles SET status = 'training' WHERE id = ?").bind(style.id).run();
		const res = await userApi(artist, `/api/styles/${style.id}`, { method: "DELETE" });
		expect(res.status).toBe(409);
		expect((await errorOf(res)).code).toBe("STYLE_NOT_DELETABLE");
		expect(await styleRow(style.id)).not.toBeNull();
	});
});

describe("marketplace", () => {
	it("lists trained styles only, searchable by tag and by artist nickname", async () => {
		const token = crypto.randomUUID().slice(0, 8);
		const ana = await createArtist(`Ana ${token}`);
		const ben = await createArtist(`Ben ${token}`);
		const cat = await createArtist(`Cat ${token}`);
		const watercolour = await createStyleVia(ana, { title: `Water ${token}`, tags: [`wet-${token}`, "soft"] });
		const ink = await createStyleVia(ben, { title: `Ink ${token}`, tags: ["bold"] });
		await createStyleVia(cat, { title: `Pending ${token}`, tags: [`wet-${token}`] });
		await markTrained(watercolour.id);
		await markTrained(ink.id);

		const byTag = await marketplace(`q=wet-${token}`);
		expect(byTag.styles.map((s) => s.id)).toEqual([watercolour.id]);
		const byArtist = await marketplace(`q=${encodeURIComponent(`ben ${token}`)}`);
		expect(byArtist.styles.map((s) => s.id)).toEqual([ink.id]);
		// Shown by the public nickname (derived from the sign-in name), never the name itself.
		expect(byArtist.styles[0]?.artist.name).toBe(ben.user.nickname);
		const exactTag = await marketplace(`tag=${encodeURIComponent(`wet-${token}`)}`);
		expect(exactTag.styles.map((s) => s.id)).toEqual([watercolour.id]);
		const byToken = await marketplace(`q=${token}`);
		expect(byToken.styles.map((s) => s.id).sort()).toEqual([watercolour.id, ink.id].sort());
		// LIKE wildcards in the query are literal.
		expect((await marketplace(`q=${encodeURIComponent(`%${token}`)}`)).styles).toEqual([]);
	});

	it("finds Korean styles by a Hangul word of a tag, by an exact Hangul tag, and by a decomposed query", async () => {
		const token = crypto.randomUUID().slice(0, 8);
		const artist = await createArtist(`Dana ${token}`);
		const korean = await createStyleVia(artist, { title: `수묵 ${token}`, tags: [`먹물번짐-${token}`, "동양화"] });
		await markTrained(korean.id);
		const byWord = await marketplace(`q=${encodeURIComponent(`먹물번짐-${token}`)}`);
		expect(byWord.styles.map((s) => s.id)).toEqual([korean.id]);
		const byPart = await marketplace(`q=${encodeURIComponent(`번짐-${token}`)}`);
		expect(byPart.styles.map((s) => s.id)).toEqual([korean.id]);
		const exact = await marketplace(`tag=${encodeURIComponent(`먹물번짐-${token}`.normalize("NFD"))}`);
		expect(exact.styles.map((s) => s.id)).toEqual([korean.id]);
		const byTitle = await marketplace(`q=${encodeURIComponent(`수묵 ${token}`.normalize("NFD"))}`);
		expect(byTitle.styles.map((s) => s.id)).toEqual([korean.id]);
	});

	it("sorts by popularity (generation count) or recency, with a sample image from public generations", async () => {
		const token = crypto.randomUUID().slice(0, 8);
		const styles: StyleJson[] = [];
		for (const [i, count] of [3, 10, 1].entries()) {
			const style = await createStyleVia(await createArtist(), { title: `Pop ${i} ${token}`, tags: [`pop-${token}`] });
			await markTrained(style.id, `2026-01-0${i + 1}T00:00:00.000Z`, count);
			styles.push(style);
		}
		const buyer = await createTestUser();
		const sample = await insertGeneration(styles[1]?.id ?? "", buyer.user.id, "public");
		await insertGeneration(styles[2]?.id ?? "", buyer.user.id, "private");

		const popular = await marketplace(`tag=pop-${token}&sort=popular`);
		expect(popular.styles.map((s) => s.id)).toEqual([styles[1]?.id, styles[0]?.id, styles[2]?.id]);
		expect(popular.styles[0]?.sample_image_url).toBe(`/generations/${sample}/image`);
		expect(popular.styles[2]?.sample_image_url).toBeNull();
		const recent = await marketplace(`tag=pop-${token}&sort=recent`);
		expect(recent.styles.map((s) => s.id)).toEqual([styles[2]?.id, styles[1]?.id, styles[0]?.id]);
	});

	it("refuses a cursor it did not issue", async () => {
		const res = await userApi({ cookie: "", csrf: "" } as TestUser, "/api/styles?cursor=bm9wZQ");
		expect(res.status).toBe(400);
		expect((await errorOf(res)).code).toBe("VALIDATION_FAILED");
	});
});
