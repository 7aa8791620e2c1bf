import { describe, expect, it } from "vitest";
import { languageCheck, scriptShare, visibleText } from "../../src/pipeline/qa/language-check";

const encode = (text: string) => new TextEncoder().encode(text);
const file = (path: string, text: string) => ({ path, body: encode(text) });

const KOREAN_GUIDE = `# 사워도우 빵 굽기 가이드

이 가이드는 처음 사워도우를 굽는 분들을 위해 르뱅을 만드는 법부터 반죽, 발효, 굽기까지 단계별로 설명합니다.
매일 같은 시간에 먹이를 주고, 온도와 습도를 기록하세요.`;

const ENGLISH_GUIDE = `# Sourdough Baking Guide

This guide walks first-time bakers through building a starter, mixing, proofing and baking, step by step.
Feed the starter at the same time every day and keep notes on temperature and humidity.`;

describe("QA1 language check", () => {
	it("fails English text labelled Korean, naming the file and the language", () => {
		const result = languageCheck([file("guide.md", ENGLISH_GUIDE), file("index.html", `<h1>${ENGLISH_GUIDE}</h1>`)], "ko");
		expect(result.passed).toBe(false);
		expect(result.required).toBe(true);
		expect(result.name).toBe("content.language");
		expect(result.detail).toContain("not mostly Korean (ko");
		expect(result.detail).toContain("guide.md");
		expect(result.detail).toContain("index.html");
	});

	it("passes Korean text labelled Korean, and English labelled English", () => {
		expect(languageCheck([file("guide.md", KOREAN_GUIDE)], "ko").passed).toBe(true);
		expect(languageCheck([file("guide.md", ENGLISH_GUIDE)], "en").passed).toBe(true);
		expect(languageCheck([file("guide.md", KOREAN_GUIDE)], "en").passed).toBe(false);
	});

	it("passes Korean with some English terms (tools, acronyms)", () => {
		const mixed = `${KOREAN_GUIDE}\nNotion이나 Google Sheets로 기록하고, SEO 키워드를 정리하세요. Instagram 게시물도 함께 준비합니다.`;
		expect(scriptShare(mixed, "ko").share).toBeGreaterThan(0.5);
		expect(languageCheck([file("README.md", mixed)], "ko").passed).toBe(true);
	});

	it("ignores markup, scripts, code and URLs, and skips LICENSE and non-text files", () => {
		const html = `<html><head><style>body { font-family: sans-serif; }</style><script>const longEnglishVariableName = "hello world";</script></head>
<body><a href="https://example.com/very/long/english/path">${KOREAN_GUIDE}</a></body></html>`;
		expect(visibleText("index.html", html)).not.toContain("longEnglishVariableName");
		expect(languageCheck([file("index.html", html)], "ko").passed).toBe(true);
		const markdown = `${KOREAN_GUIDE}\n\`\`\`js\nconst somethingVeryLongInEnglish = computeTheThing();\n\`\`\`\n[링크](https://example.com/english-words-here)`;
		expect(languageCheck([file("guide.md", markdown)], "ko").passed).toBe(true);
		expect(languageCheck([file("LICENSE.md", ENGLISH_GUIDE), file("assets/data.json", ENGLISH_GUIDE)], "ko").passed).toBe(true);
	});
});
