/**
 * The content the fake model writes: the JSON structure of src/pipeline/generators/llm-kit.ts,
 * in the language the prompt asks for. No imports, so Node runs this file as it is (bench/).
 */
export type FakeKit = {
	subtitle: string;
	description: string;
	audience: string;
	chapters: { heading: string; paragraphs: string[]; bullets: string[] }[];
	checklist: { title: string; items: string[] }[];
	faq: { question: string; answer: string }[];
};

type Words = {
	headings: readonly string[];
	/** Sentence forms: `{t}` the topic, `{n}` a number drawn per use. */
	forms: readonly string[];
	bullets: readonly string[];
	groups: readonly string[];
	items: readonly string[];
	faq: readonly (readonly [string, string])[];
	subtitle: string;
	description: string;
	audience: string;
};

/**
 * `{t}` is the topic. Chapter sentences are forms filled with numbers from a generator seeded with
 * the topic, so two topics' guides share few word sequences (QA1's similarity check compares them).
 */
const WORDS: Record<"en" | "ko", Words> = {
	en: {
		headings: [
			"Why {t} is worth learning",
			"The tools and space {t} needs",
			"Your first week of {t}",
			"Common mistakes in {t} and how to avoid them",
			"Building a weekly routine for {t}",
			"Measuring progress in {t}",
			"Going further with {t}",
			"Keeping {t} going through a busy season",
		],
		// Every run of five words holds a number or the topic, so two topics' guides share few shingles.
		forms: [
			"Session {n}: spend {n} minutes on {t} and note {n} things about {t}.",
			"Day {n}: repeat step {n} of {t} for {n} minutes, then rate {t}.",
			"Week {n}: most people practising {t} manage {n} short rounds of {t}.",
			"Tip {n}: keep {n} notes on {t} and review the best {n} on day {n}.",
			"Round {n}: try {n} small changes to {t}, then compare round {n}.",
			"Goal {n}: finish {n} calm sessions of {t} before week {n}.",
			"Step {n}: ask {n} friends about {t} and try {n} of their ideas by day {n}.",
			"Note {n}: {t} gets easier after about {n} attempts, so aim for {n}.",
		],
		bullets: [
			"Spend fifteen minutes today on the first step of {t} and note the result.",
			"List three questions about {t} you want answered by the end of the week.",
			"Prepare your workspace for {t} the evening before each session.",
			"Compare this week's notes on {t} with last week's and circle one improvement.",
			"Share one small result of your {t} with a friend and ask for honest feedback.",
		],
		groups: ["Before you start {t}", "Every session of {t}", "Each week of {t}", "Looking back on {t}"],
		items: [
			"Write down your goal for {t} in one sentence",
			"Gather the basic tools for {t}",
			"Clear a workspace you can leave set up",
			"Block three short sessions in your calendar",
			"Read the first chapter of the guide",
			"Start with a five-minute warm-up",
			"Follow one step of the guide exactly",
			"Note what happened in your log",
			"Tidy your tools when you finish",
			"Rate the session from one to five",
			"Review your log at the end of the week",
			"Pick one mistake to fix next week",
			"Try one idea from the guide you skipped",
			"Ask someone for feedback on your {t}",
			"Adjust your schedule if sessions slipped",
			"Compare your first and latest results",
			"Write down the habit that helped most",
			"Drop one thing that did not work",
			"Set the goal for the next month",
			"Thank yourself for sticking with {t}",
			"Archive your notes where you can find them",
			"Plan the next skill to learn in {t}",
		],
		faq: [
			[
				"Do I need any experience with {t}?",
				"No. The guide starts from the first step and explains every term the first time it appears, so a complete beginner in {t} can follow it.",
			],
			[
				"How much time does {t} take each week?",
				"Three short sessions of twenty to thirty minutes are enough to see progress in {t}, and the checklist shows what to do in each one.",
			],
			[
				"What do I need to buy before starting {t}?",
				"Very little. The second chapter lists the basic tools for {t} and cheaper alternatives for each of them.",
			],
			[
				"Can I use this kit on my phone?",
				"Yes. The landing page, guide and checklist of this {t} kit are plain files that open on any phone, tablet or computer without an internet connection.",
			],
			[
				"What if I fall behind with {t}?",
				"Pick up where you stopped. The weekly review in the checklist helps you restart {t} without guilt and adjust the plan to your real schedule.",
			],
			[
				"Can I print the {t} checklist?",
				"Yes. The checklist is a plain file with tick boxes; print it or copy it into your notes and tick off each {t} action as you go.",
			],
			[
				"How is this different from free videos about {t}?",
				"It gives you one order to follow, a checklist for every session and a 30-day plan, so you spend your time practising {t} instead of searching.",
			],
		],
		subtitle: "A practical, step-by-step kit for {t}, from the first session to a steady routine",
		description: "A kit about {t}: a guide in clear chapters, a checklist of real actions and answers to common questions.",
		audience: "people starting {t} with little free time",
	},
	ko: {
		headings: [
			"{t}, 왜 지금 배워야 할까",
			"{t}에 필요한 도구와 공간",
			"{t} 첫 주 따라 하기",
			"{t}에서 흔히 하는 실수와 피하는 법",
			"{t} 주간 루틴 만들기",
			"{t} 실력이 늘었는지 확인하는 법",
			"{t} 한 걸음 더 나아가기",
			"바쁠 때도 {t} 이어 가기",
		],
		// Every run of six syllables holds a number or the topic (QA1 compares Korean by syllables).
		forms: [
			"{n}회차: {t} {n}분 연습, 메모 {n}개.",
			"{n}일째: {t} {n}단계를 {n}분 반복.",
			"{n}주차: {t} {n}라운드 완료.",
			"팁 {n}: {t} 기록 {n}개 중 {n}개 복습.",
			"목표 {n}: {n}주 안에 {t} {n}회.",
			"정리 {n}: {t} {n}개 생각 정리.",
			"메모 {n}: {t} 시도 {n}번이면 충분.",
		],
		bullets: [
			"오늘 15분 동안 {t}의 첫 단계를 해 보고 결과를 적어 보세요.",
			"이번 주가 끝나기 전에 답을 찾고 싶은 {t} 질문 세 가지를 적어 보세요.",
			"{t} 연습 전날 저녁에 작업 공간을 미리 준비해 두세요.",
			"이번 주와 지난주의 {t} 기록을 비교해 나아진 점 하나에 표시하세요.",
			"{t} 결과 하나를 친구에게 보여 주고 솔직한 의견을 들어 보세요.",
		],
		groups: ["{t} 시작하기 전에", "{t} 연습할 때마다", "{t} 매주 점검", "{t} 돌아보기"],
		items: [
			"{t} 목표를 한 문장으로 적기",
			"{t}에 필요한 기본 도구 모으기",
			"그대로 둘 수 있는 작업 공간 마련하기",
			"달력에 짧은 연습 시간 세 번 잡기",
			"안내서 첫 장 읽기",
			"5분 준비 운동으로 시작하기",
			"안내서의 한 단계를 그대로 따라 하기",
			"일어난 일을 기록장에 적기",
			"마친 뒤 도구 정리하기",
			"연습을 1점부터 5점까지 평가하기",
			"주말에 기록장 다시 읽기",
			"다음 주에 고칠 실수 하나 고르기",
			"건너뛴 안내서 아이디어 하나 해 보기",
			"{t} 결과에 대해 의견 구하기",
			"연습이 밀렸다면 일정 조정하기",
			"처음 결과와 최근 결과 비교하기",
			"가장 도움이 된 습관 적기",
			"효과가 없던 방법 하나 버리기",
			"다음 달 목표 정하기",
			"{t}을 꾸준히 이어 온 자신 칭찬하기",
			"기록을 찾기 쉬운 곳에 보관하기",
			"{t}에서 다음에 배울 기술 정하기",
		],
		faq: [
			["{t} 경험이 전혀 없어도 되나요?", "네. 안내서는 첫 단계부터 시작하고 용어가 처음 나올 때마다 설명하므로 {t}을 처음 해 보는 분도 따라올 수 있습니다."],
			[
				"{t}에 일주일에 얼마나 시간을 써야 하나요?",
				"20분에서 30분짜리 짧은 연습을 일주일에 세 번 하면 {t} 실력이 늘어나는 것을 느낄 수 있고, 체크리스트가 회차마다 할 일을 알려 줍니다.",
			],
			["{t}을 시작하기 전에 무엇을 사야 하나요?", "거의 없습니다. 둘째 장에 {t}의 기본 도구와 더 저렴한 대안을 함께 정리해 두었습니다."],
			[
				"휴대폰에서도 볼 수 있나요?",
				"네. 이 {t} 키트의 랜딩 페이지와 안내서, 체크리스트는 인터넷 연결 없이 휴대폰, 태블릿, 컴퓨터 어디서나 열리는 파일입니다.",
			],
			[
				"{t} 계획이 밀리면 어떻게 하나요?",
				"멈춘 곳에서 다시 시작하세요. 체크리스트의 주간 점검이 부담 없이 {t}을 다시 시작하고 실제 일정에 맞게 계획을 고치도록 도와줍니다.",
			],
			[
				"{t} 체크리스트를 인쇄할 수 있나요?",
				"네. 체크리스트는 체크 상자가 있는 단순한 파일이라 인쇄하거나 메모에 옮겨 {t} 할 일을 하나씩 지워 나갈 수 있습니다.",
			],
			[
				"무료 {t} 영상과 무엇이 다른가요?",
				"따라갈 순서 하나, 회차마다 쓰는 체크리스트, 30일 계획을 함께 드리므로 검색하는 대신 {t} 연습에 시간을 쓸 수 있습니다.",
			],
		],
		subtitle: "첫 연습부터 꾸준한 루틴까지, {t}을 위한 단계별 실전 키트",
		description: "{t} 키트: 분명한 장으로 나눈 안내서, 실제 행동 체크리스트, 자주 묻는 질문의 답을 담았습니다.",
		audience: "시간이 많지 않은 {t} 입문자",
	},
};

const fill = (template: string, topic: string): string => template.replaceAll("{t}", topic);

/** A small stable hash of the topic, so different topics combine the sentences differently. */
function topicHash(topic: string): number {
	let hash = 0;
	for (const char of topic) hash = (Math.imul(hash, 31) + (char.codePointAt(0) ?? 0)) >>> 0;
	return hash;
}

/**
 * The kit the fake model writes for `topic`, in `language`. Topic markers pick a flawed answer:
 * "no-faq" answers without FAQ entries (the landing page then has no FAQ section and QA1 fails),
 * "schema-invalid" answers with too few chapters and checklist items (the generator rejects it),
 * "bench-1mb" pads the guide with incompressible text so the package weighs about 1 MB
 * (bench/download). ("wrong-language" and "llm-down" are handled by llm-server.ts.)
 */
export function fakeKit(topic: string, language: "en" | "ko" = "en"): FakeKit {
	const w = WORDS[language];
	const t = (template: string) => fill(template, topic);
	const seed = topicHash(topic);
	let state = seed || 1;
	const next = (count: number) => {
		state = (Math.imul(state, 1103515245) + 12345) >>> 0;
		return (state >>> 8) % count;
	};
	const sentence = () => (w.forms[next(w.forms.length)] ?? "").replaceAll("{t}", topic).replace(/\{n\}/g, () => String(2 + next(98)));
	const chapters = w.headings.map((heading, chapter) => ({
		heading: t(heading),
		paragraphs: [0, 1, 2, 3, 4, 5].map(() => Array.from({ length: language === "ko" ? 8 : 5 }, sentence).join(" ")),
		bullets: [0, 1, 2, 3].map((i) => t(w.bullets[(chapter + i) % w.bullets.length] ?? "")),
	}));
	const checklist = w.groups.map((title, group) => ({ title: t(title), items: w.items.slice(group * 6, group * 6 + 6).map(t) }));
	const kit: FakeKit = {
		subtitle: t(w.subtitle),
		description: t(w.description),
		audience: t(w.audience),
		chapters,
		checklist,
		faq: w.faq.map(([question, answer]) => ({ question: t(question), answer: t(answer) })),
	};
	if (topic.includes("no-faq")) kit.faq = [];
	if (topic.includes("schema-invalid")) {
		kit.chapters = chapters.slice(0, 2);
		kit.checklist = [{ title: t(w.groups[0] ?? ""), items: w.items.slice(0, 5).map(t) }];
	}
	if (topic.includes("bench-1mb")) kit.chapters = [...chapters, ...chapters].map((chapter, i) => padded(chapter, i));
	return kit;
}

/** A chapter with two real paragraphs and ten of seeded pseudo-random base64 words (deflate can barely shrink them). */
function padded(chapter: FakeKit["chapters"][number], index: number): FakeKit["chapters"][number] {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	let seed = (0x2545f491 + index * 7919) >>> 0;
	const paragraph = () => {
		const words: string[] = [];
		for (let word = 0; word < 880; word++) {
			let text = "";
			for (let i = 0; i < 8; i++) {
				seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
				text += alphabet[(seed >>> 16) % alphabet.length];
			}
			words.push(text);
		}
		return words.join(" ");
	};
	return { ...chapter, paragraphs: [...chapter.paragraphs.slice(0, 2), ...Array.from({ length: 10 }, paragraph)] };
}
