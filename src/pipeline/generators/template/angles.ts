import type { Locale } from "../../../shared/locale";

/**
 * The formats a kit can take. Products of one batch on one topic get different angles (through
 * their titles), so they are distinct products: a beginner's guide, a project workbook, lesson
 * plans, a quick reference, a 30-day challenge and a field guide teach the same subject with their
 * own chapter headings, blocks and wording.
 */
export const ANGLES = ["starter", "workbook", "lessons", "reference", "challenge", "field"] as const;

export type AngleId = (typeof ANGLES)[number];

/** The format word a product's title ends with, per language; the generator reads the angle back from it. */
export const ANGLE_TITLE_NAMES: Readonly<Record<AngleId, Readonly<Record<Locale, string>>>> = {
	starter: { en: "Starter Kit", ko: "스타터 키트" },
	workbook: { en: "Project Workbook", ko: "프로젝트 워크북" },
	lessons: { en: "Lesson Plans", ko: "수업 계획서" },
	reference: { en: "Quick Reference", ko: "핵심 요약집" },
	challenge: { en: "30-Day Challenge", ko: "30일 챌린지" },
	field: { en: "Field Guide", ko: "실전 가이드" },
};

/** The angle of the n-th product (from 0) of a batch on one topic. */
export function angleForIndex(index: number): AngleId {
	return ANGLES[((index % ANGLES.length) + ANGLES.length) % ANGLES.length] ?? "starter";
}

/** The angle named by a title's format word in any language, or null for a title without one. */
export function angleOfTitle(title: string): AngleId | null {
	const trimmed = title.trim();
	for (const angle of ANGLES) {
		for (const name of Object.values(ANGLE_TITLE_NAMES[angle])) if (trimmed.endsWith(name)) return angle;
	}
	return null;
}

/** The angle a kit is written in: its title's, or one chosen by the seed for a title without a format word. */
export function chooseAngle(title: string, seed: number): AngleId {
	return angleOfTitle(title) ?? angleForIndex(seed % ANGLES.length);
}
