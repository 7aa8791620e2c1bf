import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../src/db/client";
import { payoutRequests } from "../../src/db/community-schema";
import { creditLedger, gpuJobs, users } from "../../src/db/schema";
import type { GenerationView } from "../../src/generation/queries";
import { settleGenerationJob } from "../../src/generation/settle";
import { gatewayReports, generate, generationRow, ledgerOf, notificationsOf, seedStyle, uploadImage } from "../support/generation-helpers";
import { gpuEventBody, postGpuEvent } from "../support/gpu-callbacks";
import { api, type ErrorBody } from "../support/helpers";
import { adminCookie } from "../support/portrait-result-helpers";
import { createTestUser, type TestUser, userApi } from "../support/user-helpers";

const db = getDb(env.DB);

/** Both balances of a user. */
async function balances(userId: string) {
	const row = await db.query.users.findFirst({ columns: { creditBalance: true, earningsBalance: true }, where: eq(users.id, userId) });
	return { credits: row?.creditBalance, earnings: row?.earningsBalance };
}

/** The ledger ids and amounts of a user, oldest first. */
async function movements(userId: string) {
	return (await ledgerOf(userId)).map((m) => [m.id, m.amount]);
}

/** A generation queued through the API whose job the fake gateway reports succeeded, image uploaded: settling it completes it. */
async function succeededGeneration(style: { id: string }, buyer: TestUser) {
	const res = await generate(buyer, style.id, { prompt: "ink fox, forest" });
	expect(res.status).toBe(202);
	const { generation } = (await res.json()) as { generation: GenerationView };
	const jobId = generation.gpu_job_id;
	if (!jobId) throw new Error("no job submitted");
	const artifact = await uploadImage(jobId);
	await gatewayReports(jobId, buyer.user.id, { status: "succeeded", attempt: 1, progress: { percent: 100, step: "done" }, artifacts: [artifact] });
	return { id: generation.id, jobId };
}

/** Delivers `job.succeeded` as the gateway does (the Worker re-reads the job and settles it). */
async function succeededCallback(jobId: string) {
	const res = await postGpuEvent(gpuEventBody(jobId, "job.succeeded", { status: "succeeded" }));
	expect(res.status).toBe(200);
}

/** Settles a generation's job from its mirror row, as the sweep does. */
async function settleFromMirror(jobId: string) {
	const job = await db.query.gpuJobs.findFirst({ where: eq(gpuJobs.id, jobId) });
	if (!job) throw new Error("no mirror row");
	await settleGenerationJob({ db, files: env.FILES, now: new Date() }, job);
}

/** An artist with `earned` credits of earnings from one completed generation (price chosen so 70 % is `earned`). */
async function artistWithEarnings(price: number) {
	const style = await seedStyle({ price });
	const buyer = await createTestUser({ credits: price });
	const generation = await succeededGeneration(style, buyer);
	await succeededCallback(generation.jobId);
	return { style, artist: style.artist, buyer, generation };
}

function refund(generationId: string, init: { auth?: string | null; headers?: Record<string, string> } = {}) {
	return api(`/api/generations/${generationId}/refund`, { method: "POST", ...init });
}

async function codeOf(res: Response) {
	return ((await res.json()) as ErrorBody).error.code;
}

describe("artist's share on capture", () => {
	it("credits floor(price × 70 %) once, in both balances, however often and concurrently the job is settled", async () => {
		const style = await seedStyle({ price: 15 });
		const buyer = await createTestUser({ credits: 40 });
		const generation = await succeededGeneration(style, buyer);
		expect((await generationRow(generation.id))?.artistSharePercent).toBe(70);
		expect(await balances(style.artist.user.id)).toEqual({ credits: 0, earnings: 0 });

		// Three deliveries of the same outcome at once, then the sweep's settlement three times at once, then once more.
		await Promise.all([succeededCallback(generation.jobId), succeededCallback(generation.jobId), succeededCallback(generation.jobId)]);
		await Promise.all([settleFromMirror(generation.jobId), settleFromMirror(generation.jobId), settleFromMirror(generation.jobId)]);
		await settleFromMirror(generation.jobId);

		expect((await generationRow(generation.id))?.status).toBe("completed");
		// floor(15 × 70 / 100) = 10; the buyer's ledger is untouched by it.
		expect(await movements(style.artist.user.id)).toEqual([[`earning:${generation.id}`, 10]]);
		const earning = (await ledgerOf(style.artist.user.id))[0];
		expect(earning).toMatchObject({ kind: "earning", reference: generation.id, balanceAfter: 10 });
		expect(await balances(style.artist.user.id)).toEqual({ credits: 10, earnings: 10 });
		expect(await movements(buyer.user.id)).toEqual([
			[`hold:${generation.id}`, -15],
			[`capture:${generation.id}`, 0],
		]);
		expect(await balances(buyer.user.id)).toEqual({ credits: 25, earnings: 0 });
	});

	it("an artist generating in their own style earns nothing from it", async () => {
		const style = await seedStyle({ price: 10 });
		await db.update(users).set({ creditBalance: 10 }).where(eq(users.id, style.artist.user.id));
		const generation = await succeededGeneration(style, style.artist);
		await succeededCallback(generation.jobId);
		const row = await generationRow(generation.id);
		expect(row).toMatchObject({ status: "completed", artistSharePercent: 0 });
		expect(await movements(style.artist.user.id)).toEqual([
			[`hold:${generation.id}`, -10],
			[`capture:${generation.id}`, 0],
		]);
		expect(await balances(style.artist.user.id)).toEqual({ credits: 0, earnings: 0 });
	});

	it("a share that rounds to zero moves nothing", async () => {
		const style = await seedStyle({ price: 1 });
		const buyer = await createTestUser({ credits: 1 });
		const generation = await succeededGeneration(style, buyer);
		await succeededCallback(generation.jobId);
		expect((await generationRow(generation.id))?.status).toBe("completed");
		expect(await movements(style.artist.user.id)).toEqual([]);
	});
});

describe("refund of a completed generation", () => {
	it("gives the buyer the price back and takes the share back exactly once under concurrent refunds; the image leaves the feed", async () => {
		const { artist, buyer, generation } = await artistWithEarnings(10);
		expect(await balances(artist.user.id)).toEqual({ credits: 7, earnings: 7 });
		expect(await balances(buyer.user.id)).toEqual({ credits: 0, earnings: 0 });

		const feedIds = async () => ((await (await api("/api/feed", { auth: null })).json()) as { items: { id: string }[] }).items.map((item) => item.id);
		expect(await feedIds()).toContain(generation.id);

		// Not an admin: refused, nothing stored.
		const asUser = await userApi(buyer, `/api/generations/${generation.id}/refund`, { method: "POST" });
		expect(asUser.status).toBe(401);
		expect((await generationRow(generation.id))?.refundedAt).toBeNull();

		const answers = await Promise.all([refund(generation.id), refund(generation.id), refund(generation.id)]);
		expect(answers.map((res) => res.status).sort()).toEqual([200, 409, 409]);
		const ok = answers.find((res) => res.status === 200);
		expect(await ok?.json()).toMatchObject({ refund: { generation_id: generation.id, refunded: 10, earning_reversed: 7, earning_shortfall: 0 } });
		for (const res of answers.filter((r) => r.status === 409)) expect(await codeOf(res)).toBe("CONFLICT");
		// And once more, later.
		const again = await refund(generation.id);
		expect(again.status).toBe(409);

		expect(await balances(buyer.user.id)).toEqual({ credits: 10, earnings: 0 });
		expect(await balances(artist.user.id)).toEqual({ credits: 0, earnings: 0 });
		expect((await movements(buyer.user.id)).slice(-1)).toEqual([[`refund:${generation.id}`, 10]]);
		expect(await movements(artist.user.id)).toEqual([
			[`earning:${generation.id}`, 7],
			[`earning_reversal:${generation.id}`, -7],
		]);
		expect((await ledgerOf(artist.user.id))[1]).toMatchObject({ kind: "earning_reversal", reference: generation.id, balanceAfter: 0 });
		const row = await generationRow(generation.id);
		expect(row?.refundedAt).toBeTruthy();
		expect(row?.status).toBe("completed");
		expect(await feedIds()).not.toContain(generation.id);
		const refunded = (await notificationsOf(buyer.user.id)).filter((n) => n.kind === "credits_refunded");
		expect(refunded).toHaveLength(1);
		expect(JSON.parse(refunded[0]?.params ?? "{}")).toMatchObject({ count: 10, why: "admin_refund" });
		// Worded as a refund of a finished image, not as a failed generation.
		const page = await (await userApi(buyer, "/notifications", { headers: { Accept: "text/html", "Accept-Language": "ko" } })).text();
		expect(page).toContain("생성하신 이미지 한 장을 환불해 드렸습니다.");
		expect(page).not.toContain("실패한 이미지 생성에 예약되었던 크레딧이");

		// Settling the job again after the refund credits nothing anew.
		await succeededCallback(generation.jobId);
		expect(await balances(artist.user.id)).toEqual({ credits: 0, earnings: 0 });
	});

	it("takes back only what the artist still has and records the shortfall, never blocking the buyer's refund", async () => {
		const { artist, buyer, generation } = await artistWithEarnings(10);
		// The artist spends 5 of the 7 earned credits on a generation in another artist's style.
		const other = await seedStyle({ price: 5 });
		const spent = await generate(artist, other.id, { prompt: "ink fox, river" });
		expect(spent.status).toBe(202);
		expect(await balances(artist.user.id)).toEqual({ credits: 2, earnings: 7 });

		const res = await refund(generation.id);
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ refund: { refunded: 10, earning_reversed: 2, earning_shortfall: 5 } });
		expect(await balances(buyer.user.id)).toEqual({ credits: 10, earnings: 0 });
		expect(await balances(artist.user.id)).toEqual({ credits: 0, earnings: 5 });
		const reversal = await db.query.creditLedger.findFirst({ where: eq(creditLedger.id, `earning_reversal:${generation.id}`) });
		expect(reversal).toMatchObject({ amount: -2, balanceAfter: 0, reference: `${generation.id};shortfall=5` });
	});

	it("refuses an unknown generation (404) and one that is not completed (409 INVALID_STATE), storing nothing", async () => {
		expect(await codeOf(await refund("gen_nonexistent"))).toBe("NOT_FOUND");
		const style = await seedStyle({ price: 10 });
		const buyer = await createTestUser({ credits: 10 });
		const res = await generate(buyer, style.id, { prompt: "ink fox, forest" });
		const { generation } = (await res.json()) as { generation: GenerationView };
		const before = await movements(buyer.user.id);
		const queued = await refund(generation.id);
		expect(queued.status).toBe(409);
		expect(await codeOf(queued)).toBe("INVALID_STATE");
		expect(await movements(buyer.user.id)).toEqual(before);
		expect((await generationRow(generation.id))?.refundedAt).toBeNull();
	});
});

describe("earnings report and payouts", () => {
	it("GET /api/me/earnings: 403 ARTIST_ONLY for others; for the artist, the balance, by day (Seoul) and by style, and the payout terms", async () => {
		const user = await createTestUser();
		for (const path of ["/api/me/earnings", "/api/me/payouts"]) {
			const res = await userApi(user, path);
			expect(res.status).toBe(403);
			expect(await codeOf(res)).toBe("ARTIST_ONLY");
		}
		const refused = await userApi(user, "/api/me/payouts", { method: "POST", json: { amount: 1000 } });
		expect(refused.status).toBe(403);
		expect(await db.query.payoutRequests.findMany({ where: eq(payoutRequests.artistId, user.user.id) })).toEqual([]);

		const { artist, style } = await artistWithEarnings(2000);
		const res = await userApi(artist, "/api/me/earnings");
		expect(res.status).toBe(200);
		const body = (await res.json()) as Record<string, unknown>;
		const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
		expect(body).toMatchObject({
			balance: 1400,
			requestable: 1400,
			by_day: [{ day: today, credits: 1400, generations: 1 }],
			by_style: [{ style: { id: style.id, title: "Ink Fox" }, credits: 1400, generations: 1 }],
			payout_minimum: 1000,
			cents_per_credit: 3,
			payouts: [],
		});
		expect(typeof body.currency).toBe("string");
	});

	it("POST /api/me/payouts: below the minimum 422, over the balance 402, concurrent requests never take more than the balance", async () => {
		const { artist } = await artistWithEarnings(2000);
		const below = await userApi(artist, "/api/me/payouts", { method: "POST", json: { amount: 999 } });
		expect(below.status).toBe(422);
		expect(await codeOf(below)).toBe("VALIDATION_FAILED");
		const over = await userApi(artist, "/api/me/payouts", { method: "POST", json: { amount: 1401 } });
		expect(over.status).toBe(402);
		expect(await codeOf(over)).toBe("INSUFFICIENT_TOKENS");
		expect(await db.query.payoutRequests.findMany({ where: eq(payoutRequests.artistId, artist.user.id) })).toEqual([]);
		expect(await balances(artist.user.id)).toEqual({ credits: 1400, earnings: 1400 });

		const answers = await Promise.all([1, 2, 3].map(() => userApi(artist, "/api/me/payouts", { method: "POST", json: { amount: 1000 } })));
		expect(answers.map((res) => res.status).sort()).toEqual([201, 402, 402]);
		const created = (await answers.find((res) => res.status === 201)?.json()) as {
			payout: { id: string; credits: number; amount_cents: number; status: string };
		};
		expect(created.payout).toMatchObject({ credits: 1000, amount_cents: 3000, status: "requested" });
		expect(await balances(artist.user.id)).toEqual({ credits: 400, earnings: 400 });
		expect((await movements(artist.user.id)).slice(-1)).toEqual([[`payout:${created.payout.id}`, -1000]]);
		expect(await db.query.payoutRequests.findMany({ where: eq(payoutRequests.artistId, artist.user.id) })).toHaveLength(1);

		const list = await userApi(artist, "/api/me/payouts");
		expect(((await list.json()) as { payouts: { id: string }[] }).payouts.map((p) => p.id)).toEqual([created.payout.id]);
	});

	it("the admin marks one paid and rejects another (credits returned); deciding twice, even at once, is 409 CONFLICT", async () => {
		const { artist } = await artistWithEarnings(3000);
		expect(await balances(artist.user.id)).toEqual({ credits: 2100, earnings: 2100 });
		const request = async () => {
			const res = await userApi(artist, "/api/me/payouts", { method: "POST", json: { amount: 1000 } });
			expect(res.status).toBe(201);
			return ((await res.json()) as { payout: { id: string } }).payout.id;
		};
		const first = await request();
		const second = await request();
		expect(await balances(artist.user.id)).toEqual({ credits: 100, earnings: 100 });

		const listed = await api("/api/payouts?status=requested");
		const payouts = ((await listed.json()) as { payouts: { id: string; artist: { id: string } }[] }).payouts.filter((p) => p.artist.id === artist.user.id);
		expect(payouts.map((p) => p.id).sort()).toEqual([first, second].sort());
		expect(JSON.stringify(payouts)).not.toContain(artist.user.name);

		const paid = await api(`/api/payouts/${first}/paid`, { method: "POST" });
		expect(paid.status).toBe(200);
		expect(await paid.json()).toMatchObject({ payout: { id: first, status: "paid" } });
		for (const path of [`/api/payouts/${first}/paid`, `/api/payouts/${first}/reject`]) {
			const twice = await api(path, { method: "POST" });
			expect(twice.status).toBe(409);
			expect(await codeOf(twice)).toBe("CONFLICT");
		}
		expect(await balances(artist.user.id)).toEqual({ credits: 100, earnings: 100 });

		const rejections = await Promise.all([1, 2, 3].map(() => api(`/api/payouts/${second}/reject`, { method: "POST" })));
		expect(rejections.map((res) => res.status).sort()).toEqual([200, 409, 409]);
		expect(await balances(artist.user.id)).toEqual({ credits: 1100, earnings: 1100 });
		expect((await movements(artist.user.id)).filter(([id]) => String(id).startsWith("payout_return:"))).toEqual([[`payout_return:${second}`, 1000]]);
		const row = await db.query.payoutRequests.findFirst({ where: eq(payoutRequests.id, second) });
		expect(row).toMatchObject({ status: "rejected", decidedBy: "api-key" });
		expect(row?.decidedAt).toBeTruthy();
		expect((await api("/api/payouts/pay_nonexistent/paid", { method: "POST" })).status).toBe(404);
		expect((await userApi(artist, "/api/payouts")).status).toBe(401);
	});

	it("the payout form on /me posts back to the earnings tab with what happened", async () => {
		const { artist } = await artistWithEarnings(2000);
		const post = (amount: string) =>
			userApi(artist, "/me/payouts", {
				method: "POST",
				headers: { "Content-Type": "application/x-www-form-urlencoded" },
				body: new URLSearchParams({ _csrf: artist.csrf, amount }).toString(),
			});
		const low = await post("10");
		expect(low.status).toBe(303);
		expect(low.headers.get("Location")).toBe("/me?tab=earnings&payout=below_minimum#earnings-title");
		const high = await post("5000");
		expect(high.headers.get("Location")).toBe("/me?tab=earnings&payout=over_balance#earnings-title");
		expect(await balances(artist.user.id)).toEqual({ credits: 1400, earnings: 1400 });
		const ok = await post("1200");
		expect(ok.headers.get("Location")).toBe("/me?tab=earnings&payout=requested#earnings-title");
		expect(await balances(artist.user.id)).toEqual({ credits: 200, earnings: 200 });
	});
});

describe("pages", () => {
	it("the credits page names the new movements in Korean and English", async () => {
		const { artist, generation } = await artistWithEarnings(2000);
		expect((await refund(generation.id)).status).toBe(200);
		const ko = await (await userApi(artist, "/credits?lang=ko")).text();
		expect(ko).toContain("스타일 수익");
		expect(ko).toContain("수익 취소(생성 환불)");
		const en = await (await userApi(artist, "/credits?lang=en")).text();
		expect(en).toContain("Earned from your style");
		expect(en).toContain("Earning reversed (generation refunded)");
	});

	it("the earnings tab of /me shows the balance with its money value, by day and style, the payout form and what a post did", async () => {
		const { artist, style } = await artistWithEarnings(2000);
		const tab = async (query: string) => {
			const res = await userApi(artist, `/me?tab=earnings${query}`);
			expect(res.status).toBe(200);
			return res.text();
		};
		const ko = await tab("&lang=ko");
		expect(ko).toContain('data-earnings-balance="1400"');
		expect(ko).toContain("1,400 크레딧");
		expect(ko).toContain("정산 신청");
		expect(ko).toContain('action="/me/payouts"');
		expect(ko).toContain(`href="/styles/${encodeURIComponent(`ink-fox-${style.id.slice(-12)}`)}"`);
		expect(await tab("&lang=ko&payout=over_balance")).toContain('data-error-code="INSUFFICIENT_TOKENS"');
		const en = await tab("&lang=en&payout=requested");
		expect(en).toContain("Earnings you can request");
		expect(en).toContain("Your payout request was recorded.");
	});

	it("/admin/earnings lists artists and payout requests with Paid / Reject forms, and refunds a generation by id", async () => {
		const { artist, buyer, generation } = await artistWithEarnings(2000);
		const requested = await userApi(artist, "/api/me/payouts", { method: "POST", json: { amount: 1000 } });
		const payoutId = ((await requested.json()) as { payout: { id: string } }).payout.id;
		const cookie = await adminCookie();
		const page = async (lang: string) => {
			const res = await api(`/admin/earnings?lang=${lang}`, { auth: null, headers: { Accept: "text/html", Cookie: cookie } });
			expect(res.status).toBe(200);
			return res.text();
		};
		const en = await page("en");
		expect(en).toContain("Earnings and payouts");
		expect(en).toContain(`action="/admin/earnings/payouts/${payoutId}/paid"`);
		expect(en).toContain(`action="/admin/earnings/payouts/${payoutId}/reject"`);
		expect(en).toContain('href="/admin/earnings"');
		expect(en).not.toContain(artist.user.name);
		const ko = await page("ko");
		expect(ko).toContain("수익과 정산");
		expect(ko).toContain("정산 신청");
		const csrf = /name="_csrf" value="([^"]+)"/.exec(en)?.[1] ?? "";

		const form = (path: string, fields: Record<string, string>) =>
			api(path, {
				method: "POST",
				auth: null,
				headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost:8787" },
				body: new URLSearchParams(fields).toString(),
			});
		const forged = await form(`/admin/earnings/payouts/${payoutId}/reject`, { _csrf: "wrong" });
		expect(forged.status).toBe(403);
		const rejected = await form(`/admin/earnings/payouts/${payoutId}/reject`, { _csrf: csrf });
		expect(rejected.status).toBe(303);
		expect(rejected.headers.get("Location")).toBe("/admin/earnings?done=rejected#payouts");
		expect(await balances(artist.user.id)).toEqual({ credits: 1400, earnings: 1400 });

		const refunded = await form("/admin/earnings/refund", { _csrf: csrf, generation_id: generation.id });
		expect(refunded.status).toBe(303);
		expect(await balances(buyer.user.id)).toEqual({ credits: 2000, earnings: 0 });
		expect(await balances(artist.user.id)).toEqual({ credits: 0, earnings: 0 });
	});
});
