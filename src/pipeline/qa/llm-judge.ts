import { z } from "zod";
import type { AppConfig } from "../../config/settings";
import { type OutsideHttp, outsideHttp } from "../../lib/outside-http";
import type { Locale } from "../../shared/locale";
import type { QaCheck } from "../../shared/qa";
import { askForJson } from "../chat-completions";
import { check } from "./score";

/**
 * The LLM judge of QA1: with an LLM configured, the model reads a language version's guide,
 * checklist and FAQ and scores fit, accuracy and usefulness against a rubric. Its validated
 * answer becomes content_fit checks and is stored, as answered, with the QA report.
 */

/** The first words of the judge's system prompt; the test LLM recognises the judge by them. */
export const JUDGE_PROMPT_MARKER = "You are the content judge of a digital-product factory.";
/** A criterion scored below this (of 10) is a deduction. */
export const JUDGE_PASS_SCORE = 7;
/** The most of the product the judge reads: a guide is far shorter, a runaway one is cut. */
const MAX_PRODUCT_CHARS = 40_000;

const Criterion = z.object({ score: z.number().min(0).max(10), reasons: z.array(z.string().min(1).max(1000)).min(1).max(10) });
/** The JSON the judge must answer with. */
export const JudgeAnswer = z.object({ fit: Criterion, accuracy: Criterion, usefulness: Criterion });
export type JudgeAnswer = z.infer<typeof JudgeAnswer>;

const RUBRIC = `${JUDGE_PROMPT_MARKER}
You grade one paid guide for its buyers. Score each criterion from 0 to 10 and give short reasons:
- fit: every chapter, checklist item and FAQ answer is about the topic and its audience; nothing belongs to another subject.
- accuracy: statements are correct and safe; no invented facts, numbers or claims.
- usefulness: a buyer can act on it; steps are concrete, complete and worth paying for.
Answer with JSON only: {"fit":{"score":0-10,"reasons":["..."]},"accuracy":{...},"usefulness":{...}}.`;

/** Asks the judge about one language version. Throws on an unreachable endpoint or an answer that fails the schema, so the stage retries. */
export async function judgeContent(
	settings: NonNullable<AppConfig["llm"]>,
	input: { topic: string; language: Locale; guide: string; checklist: string; faq: string },
	http: OutsideHttp = outsideHttp(),
): Promise<JudgeAnswer> {
	const product =
		`Topic: ${input.topic}\nLanguage: ${input.language}\n\n# guide.md\n${input.guide}\n\n# checklist.md\n${input.checklist}\n\n# FAQ\n${input.faq}`.slice(
			0,
			MAX_PRODUCT_CHARS,
		);
	const answer = await askForJson(http, settings, { system: RUBRIC, user: product, temperature: 0 }, "LLM judge");
	if (answer.json === null) throw new Error("LLM judge: the answer is not JSON");
	const judged = JudgeAnswer.safeParse(answer.json);
	if (!judged.success)
		throw new Error(`LLM judge: the answer does not match the rubric (${judged.error.issues.map((issue) => issue.path.join(".")).join(", ")})`);
	return judged.data;
}

/** The judge's answer as content_fit checks: a criterion below 7 of 10 is a deduction with the judge's reasons. */
export function judgeChecks(answer: JudgeAnswer): QaCheck[] {
	return (["fit", "accuracy", "usefulness"] as const).map((criterion) => {
		const { score, reasons } = answer[criterion];
		return check(
			`judge.${criterion}`,
			"content_fit",
			score >= JUDGE_PASS_SCORE,
			`LLM judge ${criterion} ${score}/10 (${JUDGE_PASS_SCORE} needed): ${reasons.join(" ")}`,
		);
	});
}
