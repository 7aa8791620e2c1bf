import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../src/app";
import type { ErrorBody } from "../support/helpers";
import { createTestUser } from "../support/user-helpers";

/**
 * The benchmark's fixture routes (src/routes/bench-community.ts): absent unless BENCH_BASELINE is
 * "enabled" and the request is loopback; the seed is the issue's community, written once however
 * often it is called; its viewer's session is real; the plans are the modules' own queries.
 */

type Seeded = {
	seeded: { artists: number; generations: number; likes: number; follows: number };
	viewer: { id: string; cookie: string; csrf_token: string };
	hangul_prefix: string;
};
type Plans = { queries: { name: string; sql: string; plan: string[] }[]; timings: { name: string; median_ms: number }[] };

const BENCH = { ...env, BENCH_BASELINE: "enabled" };

async function bench(path: string, init: RequestInit = {}, host = "http://localhost:8787", bindings: object = BENCH): Promise<Response> {
	return await app.fetch(new Request(`${host}${path}`, init), bindings);
}

async function totals() {
	return env.DB.prepare(
		`SELECT (SELECT count(*) FROM users WHERE id LIKE 'usr_bench_%') AS users, (SELECT count(*) FROM styles WHERE id LIKE 'sty_bench_%') AS styles,
			(SELECT count(*) FROM generations WHERE id LIKE 'gen_bench_%') AS generations, (SELECT coalesce(sum(like_count), 0) FROM generations) AS likes,
			(SELECT count(*) FROM generation_likes) AS like_rows, (SELECT count(*) FROM follows) AS follow_rows`,
	).first<{ users: number; styles: number; generations: number; likes: number; like_rows: number; follow_rows: number }>();
}

describe("the community benchmark's fixtures", () => {
	it("do not exist without BENCH_BASELINE=enabled, nor for a request that is not loopback; nothing is seeded", async () => {
		const before = await totals();
		for (const [host, bindings] of [
			["http://localhost:8787", env],
			["https://store.example.com", BENCH],
		] as const) {
			const res = await bench("/__bench/community/seed", { method: "POST" }, host, bindings);
			expect(res.status).toBe(404);
			expect(((await res.json()) as ErrorBody).error.code).toBe("NOT_FOUND");
		}
		expect(await totals()).toEqual(before);
	});

	it("seed 1,000 artists and 10,000 public images once, however often called, with a working viewer session and the plans", async () => {
		const first = await bench("/__bench/community/seed", { method: "POST" });
		expect(first.status).toBe(201);
		const seeded = (await first.json()) as Seeded;
		expect(seeded.seeded).toEqual({ artists: 1_000, generations: 10_000, likes: 500, follows: 50 });
		const after = await totals();
		expect(after).toMatchObject({ users: 1_001, styles: 1_000, generations: 10_000, like_rows: 500, follow_rows: 50 });

		const again = (await (await bench("/__bench/community/seed", { method: "POST" })).json()) as Seeded;
		expect(again.seeded).toEqual(seeded.seeded);
		expect(await totals()).toEqual(after);

		const hangul = await env.DB.prepare("SELECT count(*) AS n FROM users WHERE role = 'artist' AND nickname LIKE ?")
			.bind(`${seeded.hangul_prefix}%`)
			.first<{ n: number }>();
		expect(hangul?.n).toBe(50);
		const viewer = await env.DB.prepare("SELECT following_count FROM users WHERE id = ?").bind(seeded.viewer.id).first<{ following_count: number }>();
		expect(viewer?.following_count).toBe(50);

		const me = await bench("/api/me", { headers: { Cookie: seeded.viewer.cookie } });
		expect(me.status).toBe(200);
		expect(((await me.json()) as { user: { id: string } }).user.id).toBe("usr_bench_viewer");

		const plans = (await (await bench("/__bench/community/explain")).json()) as Plans;
		const feed = plans.queries.find((q) => q.name.startsWith("feed first page"));
		expect(feed?.plan.join("\n")).toContain("USING INDEX generations_public_created");
		expect(plans.queries.length).toBeGreaterThanOrEqual(4);
		expect(plans.timings.map((t) => t.name)).toHaveLength(4);
	});

	it("give the browser journey's artist one trained style, once", async () => {
		const { user } = await createTestUser({ name: "Journey Artist" });
		const body = JSON.stringify({ artist_id: user.id, title: "수묵 수채화", tags: ["watercolor", "수채화"] });
		const refused = await bench("/__bench/community/trained-style", {
			method: "POST",
			headers: { "Content-Type": "application/json" },
			body: '{"artist_id":"x"}',
		});
		expect(refused.status).toBe(400);
		for (let i = 0; i < 2; i++) {
			const res = await bench("/__bench/community/trained-style", { method: "POST", headers: { "Content-Type": "application/json" }, body });
			expect(res.status).toBe(201);
		}
		const rows = await env.DB.prepare("SELECT s.status, s.price_credits, s.tags, u.role FROM styles s JOIN users u ON u.id = s.artist_id WHERE s.artist_id = ?")
			.bind(user.id)
			.all<{ status: string; price_credits: number; tags: string; role: string }>();
		expect(rows.results).toEqual([{ status: "completed", price_credits: 10, tags: '["watercolor","수채화"]', role: "artist" }]);
	});
});
