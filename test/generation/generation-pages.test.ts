import { describe, expect, it } from "vitest";
import type { GenerationView } from "../../src/generation/queries";
import { verifyProgressToken } from "../../src/gpu/progress-token";
import { generate, seedStyle } from "../support/generation-helpers";
import { api, testAppDeps } from "../support/helpers";
import { createTestUser, userApi } from "../support/user-helpers";

const html = { Accept: "text/html" };

describe("my page", () => {
	it("shows the balance, the generations with live progress for the user's own jobs, and the public/private switch", async () => {
		const style = await seedStyle({ price: 10 });
		const buyer = await createTestUser({ credits: 42, name: "Grace Buyer" });
		const res = await generate(buyer, style.id, { prompt: "lantern, <i>river</i>" });
		const { generation } = (await res.json()) as { generation: GenerationView };

		const page = await userApi(buyer, "/me", { headers: html });
		expect(page.status).toBe(200);
		expect(page.headers.get("Cache-Control")).toBe("private, no-store");
		const body = await page.text();
		expect(body).toContain("Hello, Grace Buyer");
		expect(body).toMatch(/data-balance[^>]*>\s*32\s*</);
		expect(body).toContain("lantern, river");
		expect(body).not.toContain("<i>river</i>");
		expect(body).toContain(`data-job-id="${generation.gpu_job_id}"`);
		expect(body).toContain('src="/js/job-progress.js"');
		expect(body).toContain(`action="/generations/${generation.id}/visibility"`);
		expect(body).toContain(`value="${buyer.csrf}"`);
		// The page's progress token is scoped to this user's jobs, and nobody else's.
		const token = /data-progress-token="([^"]+)"/.exec(body)?.[1] ?? "";
		expect(await verifyProgressToken((await testAppDeps()).keys.progress, token, new Date())).toEqual({ type: "user", id: buyer.user.id });
		// The header shows the signed-in user's balance too.
		expect(body).toMatch(/class="nav-credits"[^>]*>\s*32/);
	});

	it("lists an artist's styles with links to the studio", async () => {
		const style = await seedStyle({ status: "training" });
		const page = await userApi(style.artist, "/me?tab=styles", { headers: html });
		const body = await page.text();
		expect(body).toContain("My styles");
		expect(body).toContain(`/studio/styles/${style.id}`);
		expect(body).toContain("Training…");
	});

	it("sends a signed-out browser to sign in and back", async () => {
		for (const path of ["/me", "/notifications", "/credits"]) {
			const res = await api(path, { auth: null, headers: html });
			expect(res.status).toBe(302);
			expect(res.headers.get("Location")).toBe(`/auth/login?return_to=${encodeURIComponent(path)}`);
		}
	});
});

describe("a generation's own page", () => {
	it("shows its owner the status, the artist who signs it and the style; others get 404 until it is completed and public", async () => {
		const style = await seedStyle({ price: 5 });
		const buyer = await createTestUser({ credits: 5 });
		const { generation } = (await (await generate(buyer, style.id, { prompt: "owl, moon" })).json()) as { generation: GenerationView };
		const page = await userApi(buyer, `/generations/${generation.id}`, { headers: html });
		expect(page.status).toBe(200);
		const body = await page.text();
		expect(body).toContain(`Signed by <strong>${style.artist.user.nickname}</strong>`);
		expect(body).not.toContain("Ada Ink");
		expect(body).toContain("Queued");
		expect(body).toContain(`data-job-id="${generation.gpu_job_id}"`);
		// Public by default: the page offers to make it private, and is not marked noindex.
		expect(body).toContain('<input type="hidden" name="visibility" value="private"/>');
		expect(body).not.toContain('<meta name="robots" content="noindex, nofollow"/>');

		// Not completed yet: others get 404 even though it is public.
		const stranger = await createTestUser();
		expect((await userApi(stranger, `/generations/${generation.id}`, { headers: html })).status).toBe(404);
		expect((await api(`/generations/${generation.id}`, { auth: null, headers: html })).status).toBe(404);

		// Made private, the owner's page is noindex.
		expect((await userApi(buyer, `/api/generations/${generation.id}/visibility`, { method: "POST", json: { visibility: "private" } })).status).toBe(200);
		expect(await (await userApi(buyer, `/generations/${generation.id}`, { headers: html })).text()).toContain(
			'<meta name="robots" content="noindex, nofollow"/>',
		);
	});
});
