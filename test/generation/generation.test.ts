import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getDb } from "../../src/db/client";
import { htmlText } from "../../src/generation/html-text";
import { normalizePrompt } from "../../src/generation/prompt";
import type { GenerationView } from "../../src/generation/queries";
import { ImageGenerateInput } from "../../src/shared/gpu-jobs";
import { balanceOf, gatewayRequests, generate, generationRow, generationsOf, ledgerOf, MODEL_ARTIFACT, seedStyle } from "../support/generation-helpers";
import type { ErrorBody } from "../support/helpers";
import { inOneRateWindow } from "../support/rate-window";
import { createTestUser, userApi } from "../support/user-helpers";

type Queued = { generation: GenerationView };

describe("prompt normalisation", () => {
	it("keeps lowercase English keywords, comma-separated, each once", () => {
		expect(normalizePrompt("Red FOX,  forest\tdawn, red")).toBe("red, fox, forest, dawn");
		expect(normalizePrompt("ink-wash, --misty--, 3d")).toBe("ink-wash, misty, 3d");
	});

	it("reduces HTML to its visible text: tags, comments and script contents go, entities decode", () => {
		expect(normalizePrompt('<b>Red</b> fox <script>alert("x")</script><!-- hidden --><img src=x onerror=alert(2)> forest &amp; dawn')).toBe(
			"red, fox, forest, dawn",
		);
		expect(htmlText('<a title="x > y">link</a>')).toBe(" link ");
		expect(htmlText("a < b")).toBe("a < b");
		expect(htmlText("&#60;script&#62;")).toBe("<script>");
	});

	it("lets no markup through nested or broken tags", () => {
		for (const input of ["<scr<script>ipt>alert(1)</script>", "<<script>script>x</script>", '<img src="a" onerror="alert(1)"', "<style>body{}</style>cat"]) {
			const text = htmlText(input);
			expect(text).not.toMatch(/<\s*script|onerror|<img/i);
		}
		expect(normalizePrompt("<style>p{}</style>cat")).toBe("cat");
	});

	it("refuses other alphabets, empty prompts and too many keywords with 422 VALIDATION_FAILED", () => {
		for (const input of ["château, forêt", "猫, 犬", "кот", "caf&#233;", "<p></p>", "!!! ,,, ...", Array.from({ length: 41 }, (_, i) => `w${i}`).join(",")]) {
			expect(() => normalizePrompt(input), input).toThrow(expect.objectContaining({ status: 422, code: "VALIDATION_FAILED" }));
		}
		expect(() => normalizePrompt(`${"a".repeat(299)}, b`)).toThrow(expect.objectContaining({ status: 422 }));
	});
});

describe("POST /api/styles/:id/generations", () => {
	it("holds the style's price with the generation row (public by default) and submits image.generate, signed by the artist, for the user", async () => {
		const style = await seedStyle({ price: 10 });
		const buyer = await createTestUser({ credits: 25 });
		const res = await generate(buyer, style.id, { prompt: "<b>Red</b> fox, forest at DAWN", aspect: "1:2" });
		expect(res.status).toBe(202);
		const { generation } = (await res.json()) as Queued;
		expect(generation).toMatchObject({ status: "queued", prompt: "red, fox, forest, at, dawn", aspect: "1:2", width: 512, height: 1024, cost_credits: 10 });
		expect(generation.gpu_job_id).toMatch(/^job_/);
		expect(generation.style).toMatchObject({ id: style.id, title: "Ink Fox" });
		// The artist is shown by nickname (here the fallback of an account without one), never by the sign-in name.
		const nickname = style.artist.user.nickname;
		expect(generation.artist).toEqual({ id: style.artist.user.id, name: nickname, nickname });
		expect(JSON.stringify(generation)).not.toContain("Ada Ink");

		expect(await balanceOf(buyer.user.id)).toBe(15);
		const ledger = await ledgerOf(buyer.user.id);
		expect(ledger).toEqual([expect.objectContaining({ id: `hold:${generation.id}`, kind: "hold", amount: -10, balanceAfter: 15, reference: generation.id })]);
		const row = await generationRow(generation.id);
		expect(row).toMatchObject({ userId: buyer.user.id, styleId: style.id, status: "queued", costCredits: 10, gpuJobId: generation.gpu_job_id });
		// New images are public by default; the gateway still stamps the artist's signature (below).
		expect(generation.visibility).toBe("public");
		expect(row?.visibility).toBe("public");

		const submitted = (await gatewayRequests()).filter((r) => r.method === "POST" && r.idempotency_key === `generation:${generation.id}`);
		expect(submitted).toHaveLength(1);
		const body = submitted[0]?.body as { kind: string; owner: unknown; callback_url: string; input: unknown };
		expect(body).toMatchObject({
			kind: "image.generate",
			owner: { type: "user", id: buyer.user.id },
			callback_url: "http://localhost:8787/internal/gpu/events",
		});
		const input = ImageGenerateInput.parse(body.input);
		expect(input).toMatchObject({
			styleId: style.id,
			modelArtifact: MODEL_ARTIFACT,
			prompt: "red, fox, forest, at, dawn",
			aspect: "1:2",
			seed: row?.seed,
			signature: { artistId: style.artist.user.id, styleId: style.id },
		});
	});

	it("lets parallel requests spend only what the balance holds: never negative, the rest 402 INSUFFICIENT_TOKENS", () =>
		inOneRateWindow(async () => {
			const style = await seedStyle({ price: 10 });
			const buyer = await createTestUser({ credits: 25 });
			const responses = await Promise.all(Array.from({ length: 6 }, (_, i) => generate(buyer, style.id, { prompt: `fox, take ${i}` })));
			const statuses = responses.map((r) => r.status).sort();
			expect(statuses).toEqual([202, 202, 402, 402, 402, 402]);
			for (const res of responses.filter((r) => r.status === 402)) expect(((await res.json()) as ErrorBody).error.code).toBe("INSUFFICIENT_TOKENS");

			expect(await balanceOf(buyer.user.id)).toBe(5);
			const ledger = await ledgerOf(buyer.user.id);
			expect(ledger.map((row) => row.kind)).toEqual(["hold", "hold"]);
			expect(ledger.every((row) => row.balanceAfter >= 0)).toBe(true);
			expect((await generationsOf(buyer.user.id)).map((g) => g.status)).toEqual(["queued", "queued"]);
		}));

	it("answers 402 with nothing stored when the balance is short", async () => {
		const style = await seedStyle({ price: 10 });
		const buyer = await createTestUser({ credits: 9 });
		const res = await generate(buyer, style.id, { prompt: "fox" });
		expect(res.status).toBe(402);
		expect(((await res.json()) as ErrorBody).error.code).toBe("INSUFFICIENT_TOKENS");
		expect(await balanceOf(buyer.user.id)).toBe(9);
		expect(await ledgerOf(buyer.user.id)).toEqual([]);
		expect(await generationsOf(buyer.user.id)).toEqual([]);
	});

	it("refuses a style that is not trained with 409 STYLE_NOT_READY, and an unknown one with 404", async () => {
		const buyer = await createTestUser({ credits: 100 });
		for (const status of ["pending", "training", "failed"] as const) {
			const style = await seedStyle({ status });
			const res = await generate(buyer, style.id, { prompt: "fox" });
			expect(res.status).toBe(409);
			expect(((await res.json()) as ErrorBody).error.code).toBe("STYLE_NOT_READY");
		}
		const unknown = await generate(buyer, "sty_missing", { prompt: "fox" });
		expect(unknown.status).toBe(404);
		expect(await balanceOf(buyer.user.id)).toBe(100);
		expect(await generationsOf(buyer.user.id)).toEqual([]);
	});

	it("refuses non-English and empty prompts with 422 and a bad aspect with 400, holding nothing", async () => {
		const style = await seedStyle();
		const buyer = await createTestUser({ credits: 100 });
		for (const prompt of ["château, forêt", "<script>alert(1)</script>"]) {
			const res = await generate(buyer, style.id, { prompt });
			expect(res.status).toBe(422);
			expect(((await res.json()) as ErrorBody).error.code).toBe("VALIDATION_FAILED");
		}
		const aspect = await generate(buyer, style.id, { prompt: "fox", aspect: "16:9" });
		expect(aspect.status).toBe(400);
		expect(await balanceOf(buyer.user.id)).toBe(100);
		expect(await generationsOf(buyer.user.id)).toEqual([]);
	});

	it("allows 6 generations a minute per user; the 7th is 429 RATE_LIMITED with Retry-After and holds nothing", () =>
		inOneRateWindow(async () => {
			const style = await seedStyle({ price: 1 });
			const buyer = await createTestUser({ credits: 100 });
			for (let i = 0; i < 6; i++) expect((await generate(buyer, style.id, { prompt: `fox ${i}` })).status).toBe(202);
			const seventh = await generate(buyer, style.id, { prompt: "fox seven" });
			expect(seventh.status).toBe(429);
			expect(((await seventh.json()) as ErrorBody).error.code).toBe("RATE_LIMITED");
			expect(Number(seventh.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
			expect(await balanceOf(buyer.user.id)).toBe(94);
			expect(await generationsOf(buyer.user.id)).toHaveLength(6);
			// Another user is not limited by this one.
			const other = await createTestUser({ credits: 5 });
			expect((await generate(other, style.id, { prompt: "fox" })).status).toBe(202);
		}));

	it("needs a signed-in user and the session's CSRF token", async () => {
		const style = await seedStyle();
		const buyer = await createTestUser({ credits: 100 });
		const anonymous = await userApi({ ...buyer, cookie: "ef_user=nope" }, `/api/styles/${style.id}/generations`, { method: "POST", json: { prompt: "fox" } });
		expect(anonymous.status).toBe(401);
		const noCsrf = await userApi({ ...buyer, csrf: "wrong" }, `/api/styles/${style.id}/generations`, { method: "POST", json: { prompt: "fox" } });
		expect(noCsrf.status).toBe(403);
		expect(await balanceOf(buyer.user.id)).toBe(100);
		expect(await getDb(env.DB).query.generations.findMany({ where: (g, { eq }) => eq(g.userId, buyer.user.id) })).toEqual([]);
	});
});
