import { sha256Hex } from "../../lib/hash";
import type { RunContext } from "./context";
import { sceneSpans, sentencesOf } from "./scenes";
import { clock, formatScript, type ScriptBlock } from "./script-format";
import { estimatedSpeechMs, speechBudgetChars } from "./speech-fit";

/**
 * What the script step asks the LLM, and the script it writes itself when the answer is not in
 * the timestamped format (offline, the gateway's `llm.text` answers a Markdown note).
 */

/** The phrases a brand's script must avoid (its JSON column, tolerant of a bad value). */
function avoidPhrases(brand: RunContext["brand"]): string[] {
	if (!brand) return [];
	try {
		const value: unknown = JSON.parse(brand.avoidPhrases);
		return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
	} catch {
		return [];
	}
}

/**
 * The script cache's key: the same user, keyword, tone, brand (and its last edit), language, template
 * and length give the same script for 7 days.
 */
export async function scriptCacheKey(context: RunContext): Promise<string> {
	const { project, brand, template } = context;
	return sha256Hex(
		JSON.stringify([
			// Per user: a user's cached scripts are theirs (erased with the account).
			project.userId,
			project.keyword.trim().toLowerCase(),
			brand?.tone ?? "professional",
			brand?.id ?? null,
			brand?.updatedAt ?? null,
			project.language,
			template.id,
			project.durationS,
		]),
	);
}

/** The `llm.text` prompt: the brand's guidelines, the template's scenes and the required format. */
export function scriptPrompt(context: RunContext): string {
	const { project, brand, template } = context;
	const spans = sceneSpans(template, project.durationS);
	const language = project.language === "en" ? "English" : "Korean (합니다체)";
	const lines = [
		`Write the voice-over script of a ${project.durationS}-second short-form video about: ${project.keyword}.`,
		`Language: ${language}.`,
		`Tone: ${brand?.tone ?? "professional"}.`,
		...(brand ? [`Brand: ${brand.name}.`] : []),
		...(brand?.targetAudience ? [`Target audience: ${brand.targetAudience}.`] : []),
		...(avoidPhrases(brand).length > 0 ? [`Never use these phrases: ${avoidPhrases(brand).join(", ")}.`] : []),
		"Write exactly one block per scene below, each starting with its timestamp in brackets, and nothing else:",
		...template.structure.scenes.map(
			(scene, i) =>
				`[${scene.section} ${clock((spans[i]?.startMs ?? 0) / 1000)}–${clock((spans[i]?.endMs ?? 0) / 1000)}] (${scene.role}: one or two short spoken sentences, at most ${speechBudgetChars((spans[i]?.endMs ?? 0) - (spans[i]?.startMs ?? 0), project.language)} ${project.language === "ko" ? "syllables" : "characters"}, so it can be said in its time)`,
		),
		"Example of the format: [INTRO 0:00–0:03] … [MAIN 0:03–0:25] … [OUTRO 0:25–0:30] …",
	];
	return lines.join("\n");
}

/** Whether the word ends with a final consonant (batchim), to pick 을/를, 이/가, 은/는. */
function hasBatchim(word: string): boolean {
	const code = word.trim().codePointAt(word.trim().length - 1) ?? 0;
	if (code < 0xac00 || code > 0xd7a3) return false;
	return (code - 0xac00) % 28 !== 0;
}

function particle(word: string, withBatchim: string, without: string): string {
	const last = word.trim().codePointAt(word.trim().length - 1) ?? 0;
	if (last < 0xac00 || last > 0xd7a3) return `${word}${withBatchim}(${without})`;
	return `${word}${hasBatchim(word) ? withBatchim : without}`;
}

/** One scene's words per role, in Korean and English: a full line and a short one for brief scenes. `n` counts scenes of the same role from 1. */
function roleLines(language: "ko" | "en", role: string, keyword: string, n: number): [full: string, short: string] {
	const k = keyword.trim();
	if (language === "en") {
		const en: Record<string, [string, string]> = {
			hook: [`Still not sure about ${k}? Here is what you need to know.`, `${k}: the key points.`],
			title: [`Five things to know about ${k}.`, `Five things about ${k}.`],
			point: [`Point ${n}: ${k} works best when you start small and stay consistent.`, `Point ${n}: start small.`],
			item: [`Number ${n}: one simple way to get more out of ${k}.`, `Number ${n}: a simple win.`],
			before: [`Before ${k}, it took too much time and money.`, "It used to take too long."],
			change: [`Then we changed how we approach ${k}.`, "Then we changed our approach."],
			after: ["Now the results come faster and easier.", "Now it is easy."],
			cta: [`Try ${k} today, and follow for more tips.`, "Try it today and follow for more."],
		};
		return en[role] ?? [`Here is more about ${k}.`, `More about ${k}.`];
	}
	const points = ["작게 시작하는 것이 가장 중요합니다.", "꾸준함이 결과를 만듭니다.", "나에게 맞는 방법을 찾으면 훨씬 쉬워집니다."];
	const shortPoints = ["작게 시작하세요.", "꾸준함이 답입니다.", "내게 맞는 방법을 찾으세요."];
	const object = particle(k, "을", "를");
	const ko: Record<string, [string, string]> = {
		hook: [`${object} 아직도 어렵게 느끼시나요? 지금부터 핵심만 알려 드립니다.`, `${k}, 핵심만 알려 드립니다.`],
		title: [`${k}에 대해 꼭 알아야 할 다섯 가지입니다.`, `${k}, 다섯 가지만 기억하세요.`],
		point: [`${n}번째 핵심입니다. ${k}에서는 ${points[(n - 1) % points.length]}`, `${n}번째, ${shortPoints[(n - 1) % shortPoints.length]}`],
		item: [`${n}번째, ${object} 더 잘 활용하는 간단한 방법입니다.`, `${n}번째 방법입니다.`],
		before: [`${object} 몰랐을 때는 시간과 비용이 많이 들었습니다.`, "예전에는 시간이 많이 들었습니다."],
		change: [`그래서 ${object} 대하는 방법을 바꿨습니다.`, "그래서 방법을 바꿨습니다."],
		after: ["이제는 더 빠르고 쉽게 결과를 얻습니다.", "이제는 훨씬 쉽습니다."],
		cta: [`지금 바로 ${object} 시작해 보세요. 팔로우하시면 더 많은 팁을 받아 보실 수 있습니다.`, "지금 시작하고 팔로우하세요."],
	};
	return ko[role] ?? [`${k}에 대해 더 알아봅니다.`, `${k} 이야기입니다.`];
}

/** The fastest the template's lines are meant to be spoken: a full line must fit its scene at this speed, else the short one is used. */
const TEMPLATE_MAX_SPEED = 1.5;

/** The full line when it can be said in `spanMs` at up to {@link TEMPLATE_MAX_SPEED}, else the short one. */
function fittingLine([full, short]: [string, string], language: "ko" | "en", spanMs: number): string {
	return estimatedSpeechMs(sentencesOf(full), language) / TEMPLATE_MAX_SPEED <= spanMs ? full : short;
}

/** The script written from the keyword and the template alone, in the format (offline, or when the LLM's answer is unusable). */
export function templateScript(context: RunContext): string {
	const { project, template } = context;
	const spans = sceneSpans(template, project.durationS);
	const seen = new Map<string, number>();
	const blocks: ScriptBlock[] = template.structure.scenes.map((scene, i) => {
		const n = (seen.get(scene.role) ?? 0) + 1;
		seen.set(scene.role, n);
		return {
			section: scene.section,
			startS: (spans[i]?.startMs ?? 0) / 1000,
			endS: (spans[i]?.endMs ?? 0) / 1000,
			text: fittingLine(
				roleLines(project.language, scene.role, project.keyword || project.title, n),
				project.language,
				(spans[i]?.endMs ?? 0) - (spans[i]?.startMs ?? 0),
			),
		};
	});
	return formatScript(blocks);
}
