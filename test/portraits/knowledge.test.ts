import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "../../src/db/client";
import { knowledgeEntries, matchRecommendations } from "../../src/portraits/knowledge";
import type { PortraitReport } from "../../src/shared/portraits";

const db = getDb(env.DB);

/** The warn lines logged while `run` runs, parsed. */
async function warnings(run: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
	const lines: Record<string, unknown>[] = [];
	vi.spyOn(console, "warn").mockImplementation((line: unknown) => {
		lines.push(JSON.parse(String(line)));
	});
	await run();
	return lines;
}

afterEach(() => {
	vi.restoreAllMocks();
});

function reportWith(...codes: string[][]): PortraitReport {
	return {
		summary: "요약입니다.",
		improvements: codes.map((recommendations, i) => ({ area: `영역 ${i + 1}`, description: "설명입니다.", recommendations })),
		timeline: "8주",
		estimated_cost: "약 10만 원",
	};
}

describe("knowledge base", () => {
	it("is seeded with care methods in Korean and English, with area and a cost range", async () => {
		const entries = await knowledgeEntries(db);
		const byCode = new Map(entries.map((entry) => [entry.code, entry]));
		expect(entries.length).toBeGreaterThanOrEqual(18);
		expect(byCode.get("SC003")).toMatchObject({ area: "skin", nameKo: "각질 관리", nameEn: "Gentle exfoliation", costMin: 15000, costMax: 40000 });
		expect(byCode.get("P007")).toMatchObject({ area: "posture", nameEn: "Personal training" });
		for (const entry of entries) {
			expect(entry.nameKo.length).toBeGreaterThan(0);
			expect(entry.descriptionEn.length).toBeGreaterThan(0);
			expect(entry.costMax).toBeGreaterThanOrEqual(entry.costMin);
		}
	});

	it("keeps known codes once each in order of appearance, drops and logs unknown ones, and strips them from the report", async () => {
		let matched: Awaited<ReturnType<typeof matchRecommendations>> | undefined;
		const logged = await warnings(async () => {
			matched = await matchRecommendations(db, "ptj_test", reportWith(["SC003", "XX999", " p007 "], ["SC003", "H001"], ["ZZ1"]));
		});
		expect(matched?.codes).toEqual(["SC003", "P007", "H001"]);
		expect(matched?.unknown).toEqual(["XX999", "ZZ1"]);
		expect(matched?.report.improvements.map((i) => i.recommendations)).toEqual([["SC003", "P007"], ["SC003", "H001"], []]);
		expect(logged).toEqual([
			expect.objectContaining({ level: "warn", msg: "portrait report named unknown care codes; dropped", jobId: "ptj_test", codes: ["XX999", "ZZ1"] }),
		]);
	});

	it("logs nothing when every code is known", async () => {
		const logged = await warnings(() => matchRecommendations(db, "ptj_test", reportWith(["E002"])));
		expect(logged).toEqual([]);
	});
});
