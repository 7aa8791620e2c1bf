import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { filesForm, trainingPngs } from "../support/image-fixtures";
import { createArtist, createStyleVia, styleImageRows, styleRow, uploadSignature, uploadTrainingImages } from "../support/style-helpers";
import { createTestUser, type TestUser, userApi } from "../support/user-helpers";

/** A browser's page request (HTML accepted), signed in as `who` or signed out. */
function page(who: TestUser | null, path: string, init: RequestInit = {}): Promise<Response> {
	const headers = new Headers(init.headers);
	headers.set("Accept", "text/html");
	return userApi(who ?? ({ cookie: "", csrf: "" } as TestUser), path, { ...init, headers });
}

/** A plain HTML form post: cookie only, the CSRF token in the `_csrf` field, as a browser sends it. */
function formPost(who: TestUser, path: string, fields: Record<string, string> | FormData): Promise<Response> {
	const body = fields instanceof FormData ? fields : new URLSearchParams(fields);
	body.set("_csrf", who.csrf);
	const request = new Request(`http://localhost:8787${path}`, {
		method: "POST",
		body,
		redirect: "manual",
		headers: { Cookie: who.cookie, Accept: "text/html" },
	});
	return exports.default.fetch(request);
}

async function trainedStyle(artist: TestUser, title?: string) {
	const style = await createStyleVia(artist, title ? { title } : {});
	await env.DB.prepare("UPDATE styles SET status = 'completed', trained_at = ? WHERE id = ?").bind(new Date().toISOString(), style.id).run();
	return style;
}

describe("marketplace and style pages", () => {
	it("lists trained styles with artist and price, searchable without JavaScript", async () => {
		const token = crypto.randomUUID().slice(0, 8);
		const style = await trainedStyle(await createArtist(`Painter ${token}`), `Dusk ${token}`);
		const res = await page(null, `/styles?q=${token}`);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain(`href="/styles/${style.slug}"`);
		expect(html).toContain(`Painter_${token}`);
		expect(html).toContain("5 credits / image");
		const none = await (await page(null, `/styles?q=nothing-${token}`)).text();
		expect(none).toContain("No style matches");
	});

	it("shows the generate form to a signed-in user and a sign-in link to others; hides untrained styles", async () => {
		const artist = await createArtist();
		const style = await trainedStyle(artist);
		const buyer = await createTestUser({ credits: 40 });
		const signedIn = await (await page(buyer, `/styles/${style.slug}`)).text();
		expect(signedIn).toContain(`data-generate-api="/api/styles/${style.id}/generations"`);
		expect(signedIn).toContain(`name="_csrf" value="${buyer.csrf}"`);
		expect(signedIn).toContain("data-progress-token=");
		expect(signedIn).toContain('value="2:2"');
		expect(signedIn).toContain("40 credits");
		// The storefront header shows the signed-in user's balance.
		expect(signedIn).toMatch(/class="nav-credits"[^>]*>\s*40/);
		const signedOut = await (await page(null, `/styles/${style.slug}`)).text();
		expect(signedOut).toContain(`/auth/login?return_to=${encodeURIComponent(`/styles/${style.slug}`)}`);
		expect(signedOut).not.toContain("data-generate-api");

		const pending = await createStyleVia(await createArtist());
		expect((await page(buyer, `/styles/${pending.slug}`)).status).toBe(404);
	});

	it("queues a generation from the plain form and lands on its page; a short balance shows the error on the style page", async () => {
		const artist = await createArtist();
		const style = await trainedStyle(artist);
		const buyer = await createTestUser({ credits: 7 });
		const res = await formPost(buyer, `/styles/${style.slug}/generate`, { prompt: "harbour, boats, morning fog", aspect: "1:2" });
		expect(res.status).toBe(303);
		const location = res.headers.get("Location") ?? "";
		expect(location).toMatch(/^\/generations\/gen_/);
		const generation = await env.DB.prepare("SELECT * FROM generations WHERE id = ?").bind(location.split("/").pop()).first<Record<string, unknown>>();
		expect(generation).toMatchObject({ user_id: buyer.user.id, style_id: style.id, aspect: "1:2", width: 512, height: 1024, cost_credits: 5 });
		expect((await env.DB.prepare("SELECT credit_balance FROM users WHERE id = ?").bind(buyer.user.id).first("credit_balance")) as number).toBe(2);

		const short = await formPost(buyer, `/styles/${style.slug}/generate`, { prompt: "another one", aspect: "1:1" });
		expect(short.status).toBe(402);
		const html = await short.text();
		expect(html).toContain("Not enough credits");
		expect(html).toContain("another one");
	});
});

describe("studio pages", () => {
	it("sends signed-out browsers to sign in, and refuses users who are not artists with ARTIST_ONLY", async () => {
		const out = await page(null, "/studio");
		expect(out.status).toBe(302);
		expect(out.headers.get("Location")).toBe(`/auth/login?return_to=${encodeURIComponent("/studio")}`);
		const user = await createTestUser();
		const refused = await page(user, "/studio");
		expect(refused.status).toBe(403);
		expect(await refused.text()).toContain("ARTIST_ONLY");
		const post = await formPost(user, "/studio/styles", { title: "Not mine", price_credits: "5" });
		expect(post.status).toBe(403);
	});

	it("creates a style from the form, then shows its editor with upload and training sections", async () => {
		const artist = await createArtist();
		const created = await formPost(artist, "/studio/styles", { title: "Chalk lines", description: "Soft chalk", tags: "chalk, pastel", price_credits: "4" });
		expect(created.status).toBe(303);
		const location = created.headers.get("Location") ?? "";
		expect(location).toMatch(/^\/studio\/styles\/sty_[0-9a-f]+\?done=created$/);
		const editor = await page(artist, location);
		expect(editor.status).toBe(200);
		const html = await editor.text();
		expect(html).toContain("Style created.");
		expect(html).toContain('name="images"');
		expect(html).toContain("multiple");
		expect(html).toContain("Before training, add at least 10 training images (you have 0) and your signature image.");
		expect(html).toMatch(/<button class="button button-primary" type="submit" disabled="">\s*Start training/);
		const studio = await (await page(artist, "/studio")).text();
		expect(studio).toContain("Chalk lines");
		expect(studio).not.toContain('href="/studio/styles/new"');
	});

	it("shows a refused form with its reason and what was typed", async () => {
		const artist = await createArtist();
		const res = await formPost(artist, "/studio/styles", { title: "Tags", tags: "ok, 日本", price_credits: "5" });
		expect(res.status).toBe(422);
		const html = await res.text();
		expect(html).toContain("tags must be keywords");
		expect(html).toContain('value="ok, 日本"');
	});

	it("uploads training images with a plain multipart form, and shows a refused file by name", async () => {
		const artist = await createArtist();
		const style = await createStyleVia(artist);
		const ok = await formPost(artist, `/studio/styles/${style.id}/images`, filesForm("images", await trainingPngs(3)));
		expect(ok.status).toBe(303);
		expect(await styleImageRows(style.id)).toBe(3);
		const bad = await formPost(
			artist,
			`/studio/styles/${style.id}/images`,
			filesForm("images", [{ name: "notes.png", bytes: new TextEncoder().encode("hi") }]),
		);
		expect(bad.status).toBe(422);
		expect(await bad.text()).toContain("notes.png is not a JPEG or PNG image.");
		expect(await styleImageRows(style.id)).toBe(3);
	});

	it("shows live training progress bound to the job, then the failure reason", async () => {
		const artist = await createArtist();
		const style = await createStyleVia(artist);
		expect((await uploadTrainingImages(artist, style.id, 10)).status).toBe(201);
		expect((await uploadSignature(artist, style.id)).status).toBe(200);
		const started = await formPost(artist, `/studio/styles/${style.id}/train`, {});
		expect(started.status).toBe(303);
		const jobId = String((await styleRow(style.id))?.training_job_id);
		const html = await (await page(artist, `/studio/styles/${style.id}`)).text();
		expect(html).toContain("data-progress-token=");
		expect(html).toContain(`data-job-id="${jobId}"`);
		expect(html).toContain("/js/job-progress.js");

		await env.DB.prepare("UPDATE styles SET status = 'failed', training_error_code = 'TRAINING_FAILED', training_error = 'GPU ran out of memory' WHERE id = ?")
			.bind(style.id)
			.run();
		const failed = await (await page(artist, `/studio/styles/${style.id}`)).text();
		expect(failed).toContain("TRAINING_FAILED");
		expect(failed).toContain("GPU ran out of memory");
		expect(failed).toContain("Train again");
	});

	it("disables delete for a trained style with the reason, and the database refuses it anyway", async () => {
		const artist = await createArtist();
		const style = await trainedStyle(artist);
		const html = await (await page(artist, `/studio/styles/${style.id}`)).text();
		expect(html).toContain("A trained style is licensed work: it cannot be deleted.");
		const res = await formPost(artist, `/studio/styles/${style.id}/delete`, {});
		expect(res.status).toBe(409);
		expect(await res.text()).toContain("A trained style is licensed work and cannot be deleted.");
		expect(await styleRow(style.id)).not.toBeNull();
	});
});
