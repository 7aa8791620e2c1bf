import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../src/db/client";
import { assets, projectRuns, projects, usageRecords, userPlans, videoSlots } from "../../src/db/video-schema";
import { AppError } from "../../src/lib/errors";
import { newId } from "../../src/lib/ids";
import { currentPlan, monthStart, PLAN_LIMITS } from "../../src/video/plans";
import { periodUsage, type RunReservation, recordUsage, reserveRun, settleRunCost, storageBytesOf } from "../../src/video/usage/meter";
import { costOf } from "../../src/video/usage/prices";
import { createTestUser } from "../support/user-helpers";

const db = () => getDb(env.DB);
const NOW = new Date("2026-03-15T12:00:00.000Z");
const DAY_MS = 86_400_000;

/** A user with `count` draft projects, seeded straight in D1 (the pipeline is not needed here). */
async function userWithProjects(count: number) {
	const who = await createTestUser();
	const ids = Array.from({ length: count }, () => newId("prj"));
	for (const id of ids)
		await db()
			.insert(projects)
			.values({ id, userId: who.user.id, title: `p ${id.slice(-4)}` });
	return { userId: who.user.id, projectIds: ids };
}

function reservation(userId: string, projectId: string, estimateCents: number, composes = true): RunReservation {
	return { projectId, userId, scope: "all", firstStep: "script", reusedSteps: [], estimateCents, composes };
}

/** The 402 a refused reservation throws, with the limit it names. */
async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: string; message: string }> {
	const err = await promise.then(
		() => null,
		(e: unknown) => e,
	);
	expect(err).toBeInstanceOf(AppError);
	const appError = err as AppError;
	return { status: appError.status, code: appError.code, message: appError.message };
}

async function stored(userId: string) {
	const [runs, slots, uses] = await Promise.all([
		db().select().from(projectRuns).where(eq(projectRuns.userId, userId)),
		db().select().from(videoSlots).where(eq(videoSlots.userId, userId)),
		db().select().from(usageRecords).where(eq(usageRecords.userId, userId)),
	]);
	return { runs: runs.length, slots: slots.length, usage: uses.length };
}

describe("reserveRun: the plan's limits before anything is spent", () => {
	it("counts videos once per project per period: the free plan's 6th video is refused, a resumed run reuses its slot", async () => {
		const { userId, projectIds } = await userWithProjects(6);
		for (const id of projectIds.slice(0, 5)) expect(await reserveRun(db(), reservation(userId, id, 10), NOW)).toMatch(/^vjob_/);
		const before = await stored(userId);
		expect(before).toEqual({ runs: 5, slots: 5, usage: 0 });

		const refused = await refusal(reserveRun(db(), reservation(userId, projectIds[5] as string, 10), NOW));
		expect(refused).toMatchObject({ status: 402, code: "PLAN_LIMIT_REACHED" });
		expect(refused.message).toContain("limit: videos");
		expect(await stored(userId)).toEqual(before);

		// The first project's run failed and resumes: it holds its slot already and is not counted again.
		expect(await reserveRun(db(), reservation(userId, projectIds[0] as string, 10), NOW)).toMatch(/^vjob_/);
		expect(await stored(userId)).toEqual({ runs: 6, slots: 5, usage: 0 });
		// A run that does not compose (the script alone) needs no slot.
		expect(await reserveRun(db(), reservation(userId, projectIds[5] as string, 10, false), NOW)).toMatch(/^vjob_/);
		expect((await periodUsage(db(), userId, monthStart(NOW))).videosUsed).toBe(5);
	});

	it("holds open runs' reservations against the cost cap and settles to the actual cost", async () => {
		const { userId, projectIds } = await userWithProjects(2);
		const [first, second] = projectIds as [string, string];
		const runA = await reserveRun(db(), reservation(userId, first, 450), NOW);
		expect((await periodUsage(db(), userId, monthStart(NOW))).costCents).toBe(450);

		const before = await stored(userId);
		const refused = await refusal(reserveRun(db(), reservation(userId, second, 51), NOW));
		expect(refused).toMatchObject({ status: 402, code: "PLAN_LIMIT_REACHED" });
		expect(refused.message).toContain("limit: cost");
		// The slot taken for the refused run was given back: nothing of it is stored.
		expect(await stored(userId)).toEqual(before);

		// The run spends 100 of its 450: spent 100 + still reserved 350.
		expect(
			await recordUsage(db(), { userId, projectId: first, runId: runA, resource: "llm.text", quantity: 1, costCents: 100, dedupeKey: `job:${runA}:1` }, NOW),
		).toBe(true);
		expect((await periodUsage(db(), userId, monthStart(NOW))).costCents).toBe(450);
		await settleRunCost(db(), runA, "completed", NOW);
		const settled = await db().query.projectRuns.findFirst({ where: eq(projectRuns.id, runA) });
		expect(settled).toMatchObject({ status: "completed", costCents: 100, finishedAt: NOW.toISOString() });
		expect((await periodUsage(db(), userId, monthStart(NOW))).costCents).toBe(100);

		// Settling again (a redelivered callback) changes nothing, even after more usage rows appear.
		await recordUsage(db(), { userId, projectId: first, runId: runA, resource: "llm.text", quantity: 1, costCents: 7, dedupeKey: `job:${runA}:late` }, NOW);
		await settleRunCost(db(), runA, "failed", new Date(NOW.getTime() + 1000));
		expect(await db().query.projectRuns.findFirst({ where: eq(projectRuns.id, runA) })).toMatchObject({ status: "completed", costCents: 100 });

		// Exactly up to the cap is allowed: 107 spent + 393 = 500.
		expect(await reserveRun(db(), reservation(userId, second, 393), NOW)).toMatch(/^vjob_/);
		expect(await refusal(reserveRun(db(), reservation(userId, second, 1), NOW))).toMatchObject({ status: 402 });
	});

	it("lets exactly the runs that fit win when they reserve at the same moment", async () => {
		const { userId, projectIds } = await userWithProjects(10);
		const results = await Promise.allSettled(projectIds.map((id) => reserveRun(db(), reservation(userId, id, 100, false), NOW)));
		expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
		for (const r of results.filter((r) => r.status === "rejected")) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "PLAN_LIMIT_REACHED" });
		expect((await stored(userId)).runs).toBe(5);
		expect((await periodUsage(db(), userId, monthStart(NOW))).costCents).toBe(500);

		// Video slots race the same way: 8 projects of another user, 5 slots.
		const other = await userWithProjects(8);
		const slots = await Promise.allSettled(other.projectIds.map((id) => reserveRun(db(), reservation(other.userId, id, 1), NOW)));
		expect(slots.filter((r) => r.status === "fulfilled")).toHaveLength(5);
		expect(await stored(other.userId)).toEqual({ runs: 5, slots: 5, usage: 0 });
	});

	it("refuses every run once the plan's storage is full", async () => {
		const { userId, projectIds } = await userWithProjects(1);
		await db()
			.insert(assets)
			.values({
				id: newId("ast"),
				userId,
				name: "big.png",
				contentType: "image/png",
				size: PLAN_LIMITS.free.storageBytes,
				sha256: "0".repeat(64),
				r2Key: "x",
				source: "upload",
			});
		expect(await storageBytesOf(db(), userId)).toBe(PLAN_LIMITS.free.storageBytes);
		const refused = await refusal(reserveRun(db(), reservation(userId, projectIds[0] as string, 1, false), NOW));
		expect(refused).toMatchObject({ status: 402, code: "PLAN_LIMIT_REACHED" });
		expect(refused.message).toContain("limit: storage");
		expect(await stored(userId)).toEqual({ runs: 0, slots: 0, usage: 0 });
		// The basic plan's 10 GB fits it.
		await db().insert(userPlans).values({ userId, plan: "basic", source: "admin", periodStart: NOW.toISOString(), expiresAt: null });
		expect(await reserveRun(db(), reservation(userId, projectIds[0] as string, 1, false), NOW)).toMatch(/^vjob_/);
	});
});

describe("usage rows", () => {
	it("records a call once per dedupe key and counts the period's cost and cache savings", async () => {
		const { userId, projectIds } = await userWithProjects(1);
		const row = {
			userId,
			projectId: projectIds[0] ?? null,
			runId: null,
			resource: "image.generate" as const,
			quantity: 1,
			costCents: 4,
			dedupeKey: newId("gpu"),
		};
		expect(await recordUsage(db(), row, NOW)).toBe(true);
		expect(await recordUsage(db(), row, NOW)).toBe(false);
		await recordUsage(db(), { ...row, costCents: 0, savedCents: 4, cacheHit: true, dedupeKey: `cache:${newId("x")}` }, NOW);
		// Last month's call is not this period's.
		await recordUsage(db(), { ...row, costCents: 50, dedupeKey: newId("gpu") }, new Date(NOW.getTime() - 30 * DAY_MS));
		expect(await periodUsage(db(), userId, monthStart(NOW))).toEqual({ videosUsed: 0, costCents: 4, savedByCacheCents: 4, storageBytes: 0 });
		expect((await stored(userId)).usage).toBe(3);
	});

	it("prices from the table, rounding up to a whole minor unit", () => {
		const prices = { "llm.text": 2, "image.generate": 4, "tts.speak": 0.001, "video.compose": 10 };
		expect(costOf(prices, "tts.speak", 1500)).toBe(2);
		expect(costOf(prices, "tts.speak", 10)).toBe(1);
		expect(costOf(prices, "video.compose", 0.5)).toBe(5);
		expect(costOf(prices, "image.generate", 3)).toBe(12);
	});
});

describe("currentPlan", () => {
	it("is free without a row, and counts it by calendar month", async () => {
		const { userId } = await userWithProjects(0);
		expect(await currentPlan(db(), userId, NOW)).toEqual({
			plan: "free",
			limits: PLAN_LIMITS.free,
			periodStart: "2026-03-01T00:00:00.000Z",
			expiresAt: null,
			source: "free",
		});
	});

	it("counts an admin's plan without an end by calendar month", async () => {
		const { userId } = await userWithProjects(0);
		await db().insert(userPlans).values({ userId, plan: "professional", source: "admin", periodStart: "2025-01-10T00:00:00.000Z", expiresAt: null });
		expect(await currentPlan(db(), userId, NOW)).toMatchObject({
			plan: "professional",
			periodStart: "2026-03-01T00:00:00.000Z",
			expiresAt: null,
			source: "admin",
		});
		expect(PLAN_LIMITS.professional.videos).toBeNull();
	});

	it("counts a pass by its own 30-day periods, and a lapsed pass is free", async () => {
		const { userId } = await userWithProjects(0);
		const paid = "2026-03-10T08:00:00.000Z";
		const ends = new Date(Date.parse(paid) + 60 * DAY_MS).toISOString();
		await db().insert(userPlans).values({ userId, plan: "standard", source: "pass", periodStart: paid, expiresAt: ends });
		expect(await currentPlan(db(), userId, NOW)).toMatchObject({ plan: "standard", periodStart: paid, expiresAt: ends, source: "pass" });
		// A pass bought twice runs 60 days: its second 30 days are a period of their own.
		const later = new Date(Date.parse(paid) + 45 * DAY_MS);
		expect((await currentPlan(db(), userId, later)).periodStart).toBe(new Date(Date.parse(paid) + 30 * DAY_MS).toISOString());
		const lapsed = await currentPlan(db(), userId, new Date(Date.parse(ends) + 1));
		expect(lapsed).toMatchObject({ plan: "free", source: "free", limits: PLAN_LIMITS.free });
	});
});
