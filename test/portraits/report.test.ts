import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getDb } from "../../src/db/client";
import { knowledgeEntries } from "../../src/portraits/knowledge";
import { type PhotoMeasurements, parseReportAnswer, reportPrompt, templateReport } from "../../src/portraits/report";
import { PortraitReport } from "../../src/shared/portraits";

const db = getDb(env.DB);

const DARK_FLAT: PhotoMeasurements = { version: 1, width: 768, height: 1024, brightness: 22.4, contrast: 9.8, saturation: 6.1, sharpness: 1.2 };
const BALANCED: PhotoMeasurements = { version: 1, width: 768, height: 1024, brightness: 55, contrast: 27, saturation: 30, sharpness: 12 };

describe("template report", () => {
	it("is a valid PortraitReport in Korean from the photo's measurements, recommends real codes, and says a template wrote it", async () => {
		const entries = await knowledgeEntries(db);
		const codes = new Set(entries.map((entry) => entry.code));
		const report = templateReport("ko", DARK_FLAT, entries);
		expect(PortraitReport.safeParse(report).success).toBe(true);
		expect(report.summary).toContain("밝기 22/100");
		expect(report.summary).toContain("대비 10/100");
		expect(report.summary).toContain("템플릿이 작성했습니다");
		const recommended = report.improvements.flatMap((improvement) => improvement.recommendations);
		expect(recommended.length).toBeGreaterThanOrEqual(5);
		for (const code of recommended) expect(codes.has(code)).toBe(true);
		// Dark and soft: the photo advice includes the professional shoot; muted colours: colour analysis and basics.
		expect(recommended).toEqual(expect.arrayContaining(["E002", "E003", "F001", "F002"]));
		expect(report.estimated_cost).toMatch(/^약 [\d,]+~[\d,]+원/);
	});

	it("follows the measurements: a balanced photo gets other advice than a dark, flat one", async () => {
		const entries = await knowledgeEntries(db);
		const dark = templateReport("ko", DARK_FLAT, entries);
		const balanced = templateReport("ko", BALANCED, entries);
		expect(balanced.summary).not.toBe(dark.summary);
		expect(balanced.improvements[0]?.description).not.toBe(dark.improvements[0]?.description);
		expect(balanced.improvements.flatMap((i) => i.recommendations)).not.toContain("E003");
	});

	it("is written in English for an English job, and says so without measurements too", async () => {
		const entries = await knowledgeEntries(db);
		const report = templateReport("en", BALANCED, entries);
		expect(report.summary).toContain("brightness 55/100");
		expect(report.summary).toContain("written by a template");
		expect(report.estimated_cost).toMatch(/^About [\d,]+–[\d,]+ KRW/);
		const unmeasured = templateReport("en", null, entries);
		expect(PortraitReport.safeParse(unmeasured).success).toBe(true);
		expect(unmeasured.summary).toContain("measurements were not available");
		expect(unmeasured.summary).toContain("written by a template");
	});
});

describe("LLM report", () => {
	it("asks for the exact JSON shape in the job's language, with the catalogue's codes and the measurements only", async () => {
		const entries = await knowledgeEntries(db);
		const prompt = reportPrompt("ko", DARK_FLAT, entries);
		expect(prompt).toContain(
			'{"summary": string, "improvements": [{"area": string, "description": string, "recommendations": [code, ...]}], "timeline": string, "estimated_cost": string}',
		);
		expect(prompt).toContain("Korean");
		expect(prompt).toContain("SC003 | skin | 각질 관리");
		expect(prompt).toContain("brightness 22.4");
		expect(reportPrompt("en", null, entries)).toContain("SC003 | skin | Gentle exfoliation");
	});

	it("reads a fenced JSON answer and refuses anything that is not exactly a report", () => {
		const report = {
			summary: "요약",
			improvements: [{ area: "피부", description: "보습", recommendations: ["SC001"] }],
			timeline: "8주",
			estimated_cost: "약 5만 원",
		};
		expect(parseReportAnswer(`다음과 같습니다.\n\`\`\`json\n${JSON.stringify(report)}\n\`\`\``)).toEqual({ ok: true, report });
		expect(parseReportAnswer("# A Markdown note\n\n- no JSON here").ok).toBe(false);
		expect(parseReportAnswer('{"summary": "x", "improvements": [').ok).toBe(false);
		expect(parseReportAnswer(JSON.stringify({ ...report, improvements: [] })).ok).toBe(false);
		expect(parseReportAnswer(JSON.stringify({ ...report, extra: 1 })).ok).toBe(false);
		const missing = parseReportAnswer(JSON.stringify({ summary: "x", improvements: report.improvements, timeline: "t" }));
		expect(missing).toMatchObject({ ok: false, reason: expect.stringContaining("estimated_cost") });
	});
});
