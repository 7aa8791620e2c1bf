/**
 * The fake LLM's judge (QA1's content_fit with an LLM configured, src/pipeline/qa/llm-judge.ts):
 * recognised by the judge's system prompt, it answers the rubric's JSON. Topic markers pick the
 * answer: "judge-low" scores fit and usefulness 3 of 10, "judge-invalid" answers JSON that
 * breaks the rubric; any other topic scores well.
 */

/** The start of the judge's system prompt (JUDGE_PROMPT_MARKER); kept literal so the fake does not import the Worker. */
const JUDGE_MARKER = "You are the content judge of a digital-product factory.";

type ChatRequest = { model: string; messages: { role: string; content: string }[] };

/** Whether a chat request is the judge's. */
export function isJudgeRequest(request: ChatRequest): boolean {
	return request.messages.some((message) => message.role === "system" && message.content.startsWith(JUDGE_MARKER));
}

/** The judge's verdict for the product in the request's user message. */
export function fakeJudgeAnswer(request: ChatRequest): unknown {
	const user = request.messages.find((message) => message.role === "user")?.content ?? "";
	const topic = /^Topic: (.*)$/m.exec(user)?.[1] ?? "";
	if (topic.includes("judge-invalid")) return { fit: "excellent", accuracy: 11 };
	const chapters = (user.match(/^## \d+\./gm) ?? []).length;
	if (topic.includes("judge-low")) {
		return {
			fit: { score: 3, reasons: [`Most of the ${chapters} chapters drift away from "${topic}".`] },
			accuracy: { score: 8, reasons: ["No false statements found."] },
			usefulness: { score: 3, reasons: ["The steps are too vague to act on."] },
		};
	}
	return {
		fit: { score: 9, reasons: [`All ${chapters} chapters stay on "${topic}".`] },
		accuracy: { score: 8, reasons: ["Statements are careful and correct."] },
		usefulness: { score: 8, reasons: ["Concrete steps and a checklist a buyer can follow."] },
	};
}

/** A chat-completions body carrying the judge's answer. */
export function judgeCompletion(request: ChatRequest, id: number): unknown {
	return {
		id: `chatcmpl-judge-${id}`,
		object: "chat.completion",
		created: Math.floor(Date.now() / 1000),
		model: request.model,
		choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: JSON.stringify(fakeJudgeAnswer(request)) } }],
		usage: { prompt_tokens: 1000, completion_tokens: 100, total_tokens: 1100 },
	};
}
