import { koAngles } from "../angle-bank/ko";
import { KO_DOMAINS, KO_GENERIC } from "../domains/ko";
import { withJosa } from "../josa";
import { koBank } from "./ko-bank";
import type { KitLanguage, KitUi } from "./types";

/** Korean hero descriptions, keyed by the English motif description (hero-motifs.ts draws in one place). */
const MOTIFS: Readonly<Record<string, string>> = {
	"a mixing bowl holding a freshly baked loaf with steam rising": "갓 구운 빵이 담긴 믹싱 볼과 피어오르는 김",
	"a cooking pot with a lid, a wooden spoon and rising steam": "뚜껑 덮인 냄비와 나무 주걱, 피어오르는 김",
	"a running track with a heart-rate line and a stopwatch": "러닝 트랙과 심박 그래프, 스톱워치",
	"a dumbbell, a heart-rate line and a stopwatch": "덤벨과 심박 그래프, 스톱워치",
	"a rising bar chart with a growth trend line and a stack of coins": "오르는 막대그래프와 성장 추세선, 쌓인 동전",
	"a code editor window with a small cluster of connected service nodes": "코드 편집기 창과 서로 연결된 서비스 노드",
	"a megaphone with speech bubbles, a heart and a rising growth arrow": "확성기와 말풍선, 하트, 위로 향하는 성장 화살표",
	"mountains under the sun with a dashed flight path, a plane and a map pin": "해 아래 펼쳐진 산과 점선 항로, 비행기, 지도 핀",
	"a young plant with fresh leaves growing from a pot under the sun": "햇살 아래 화분에서 자라는 새싹",
	"a camera with a large lens and a glinting aperture": "큰 렌즈와 반짝이는 조리개가 있는 카메라",
	"a checklist card with ticked items next to a clock": "체크 표시가 된 체크리스트 카드와 시계",
	"an open book beneath a graduation cap with a tassel": "술 달린 학사모 아래 펼쳐진 책",
	"an artboard with geometric shapes, a pen-tool curve and colour swatches": "도형과 펜 툴 곡선, 색상 견본이 놓인 아트보드",
	"a small shopfront with a striped awning, an open sign and a price tag": "줄무늬 차양과 영업 중 팻말, 가격표가 있는 작은 가게",
	"a winding path with milestones climbing to a flag on the summit": "이정표를 따라 정상의 깃발까지 이어지는 구불구불한 길",
};

const ui: KitUi = {
	htmlLang: "ko",
	defaults: {
		topic: "새로운 기술",
		subjectOfSymbols: "이 주제",
		outcome: "눈에 보이는 발전 이루기",
		outcomeB: "오래가는 실력 쌓기",
		terms: ["기초", "피드백", "꾸준함"],
	},
	checklistStart: "시작하기 전에",
	checklistReview: "30일 후 돌아보기",
	plan: ({ a, b, c }, firstGroup, variant = 0) => {
		const pick = (options: readonly string[]): string => options[variant % options.length] ?? options[0] ?? "";
		return [
			{
				title: "1주차: 기초 다지기",
				body: pick([
					`가이드의 첫 두 장을 읽고, 체크리스트의 "시작하기 전에"와 "${firstGroup}" 섹션을 마치고, 지금 어디에서 출발하는지 정확히 적어 두세요.`,
					`첫 주에는 "${firstGroup}" 섹션과 "시작하기 전에" 섹션만 끝내면 됩니다. 첫날의 상태를 날짜와 함께 기록해 두면 한 달 뒤 비교가 쉬워집니다.`,
					`출발점을 기록하는 주입니다. 앞의 두 장을 읽고 "${firstGroup}" 항목에 표시하며, 지금 할 수 있는 것과 아직 못 하는 것을 한 줄씩 적으세요.`,
				]),
			},
			{
				title: `2주차: ${a}`,
				body: pick([
					`모든 연습에서 '${a}'에 집중하고 무엇이 달라지는지 기록하세요. 길고 드물게보다 짧고 규칙적으로 하는 것이 좋습니다.`,
					`이번 주의 주인공은 '${a}'입니다. 연습마다 처음 5분을 여기에 쓰고, 끝난 뒤 달라진 점 하나를 적으세요.`,
					`'${a}'만 따로 떼어 세 번 연습하세요. 매번 같은 방법으로 해야 변화가 보입니다.`,
				]),
			},
			{
				title: `3주차: ${b}, ${c}`,
				body: pick([
					`먼저 ${withJosa(`'${b}'`, "을")}, 그다음 ${withJosa(`'${c}'`, "을")} 하나씩 더하세요. 기본기는 체크리스트가 지켜 줍니다. 연습이 끝날 때마다 기록을 한 줄씩 남기세요.`,
					`주 초반은 '${b}', 후반은 '${c}'에 씁니다. 둘을 한꺼번에 바꾸지 말고, 바꾼 것은 반드시 적어 두세요.`,
					`'${b}'와 '${c}'를 번갈아 연습하세요. 어느 쪽이 더 어려운지 표시해 두면 다음 달의 목표가 저절로 정해집니다.`,
				]),
			},
			{
				title: "4주차: 돌아보고 조정하기",
				body: pick([
					`1주차의 기록과 지금을 비교해 효과가 있었던 것은 이어 가고 없었던 것은 버리세요. "30일 후 돌아보기" 섹션을 마치며 다음 달의 목표를 정하세요.`,
					`한 달의 기록을 처음부터 읽어 보세요. 가장 크게 달라진 것 하나와 아직 막힌 것 하나를 골라 "30일 후 돌아보기" 섹션에 적으세요.`,
					`마지막 주에는 새로 시작하지 말고 정리합니다. "30일 후 돌아보기" 항목을 채우고, 계속할 습관 두 가지를 정하세요.`,
				]),
			},
		];
	},
	fileLabels: { guide: "가이드", checklist: "체크리스트", readme: "빠른 시작" },
	heroPoints: (chapters, items) => [`${chapters}개 장의 가이드`, `${items}개 항목의 체크리스트`, "오프라인에서도 사용 가능"],
	landing: {
		getStarted: "시작하기",
		readFaq: "자주 묻는 질문 보기",
		statChapters: "개 장",
		statItems: "개 체크 항목",
		statAnswers: "개 질문과 답",
		whatYouGet: "구성 내용",
		topicsCovered: "다루는 주제",
		theKit: "키트 구성",
		gettingStarted: "시작하는 방법",
		whoFor: "추천 대상",
		openChecklist: "체크리스트 열기",
		faq: "자주 묻는 질문",
		skipToContent: "본문으로 건너뛰기",
		pageSections: "페이지 섹션",
		features: "특징",
		kitFiles: "키트 파일",
		guide: "가이드",
		checklist: "체크리스트",
		readMe: "읽어 보기",
		license: "라이선스",
		backToTop: "맨 위로",
		titleSuffix: (domainLabel) => `${domainLabel} 키트`,
		footer: (domainLabel, subject) => `${subject}에 관한 ${domainLabel} 키트입니다.`,
	},
	heroAlt: (subject, description) => `${subject} 일러스트: ${MOTIFS[description] ?? "주제를 나타내는 그림"}`,
	guide: {
		planTitle: "처음 30일",
		tagline: (subject, audience) => `*${withJosa(audience, "을")} 위한 ${subject} 실전 가이드*`,
		howToUse: "이 가이드 활용법",
		theChapters: "이 가이드의 구성:",
		tryThis: "**이렇게 해 보세요:**",
		planIntro: (subject) =>
			`읽는 것은 시작일 뿐입니다. ${subject} 4주 계획을 \`checklist.md\`와 함께 활용해 각 장의 내용을 루틴으로 만드세요. 한 주에 목표는 하나, 나머지는 단순하게 유지하세요.`,
		keepGoing: "계속 이어 가기",
		week: (title, body) => `- **${title}:** ${body}`,
	},
	checklist: ({ title, intro, count, sections, groups, subject }) => `# ${title}: 체크리스트

${intro}

**${sections}개 섹션, 총 ${count}개 항목입니다.** 가운데 섹션들은 \`guide.md\`의 각 장을 실천으로 옮기고, 마지막 섹션은 첫 한 달을 마무리합니다.

${groups}

---

팁: 체크할 때마다 날짜를 적어 두세요. 날짜가 적힌 체크리스트는 그대로 ${subject} 발전 기록이 됩니다.
`,
	readme: (c) => `# ${c.title}

${c.description}

## 구성 파일

- \`index.html\`: 개요, 특징, 자주 묻는 질문을 담은 키트의 랜딩 페이지입니다. 어떤 브라우저에서든 열 수 있습니다.
- \`assets/styles.css\`: 랜딩 페이지의 스타일시트입니다.
- \`assets/hero.svg\`: 랜딩 페이지의 일러스트입니다.
- \`guide.md\`: ${c.subject}에 관한 ${c.chapterCount}개 장의 가이드로, 30일 계획으로 마무리됩니다.
- \`checklist.md\`: 단계별로 묶은 ${c.checklistCount}개 체크 항목입니다.
- \`README.md\`: 지금 읽고 계신 파일입니다.
- \`LICENSE.md\`: 키트로 할 수 있는 일과 할 수 없는 일을 정리한 라이선스입니다.

## 사용 방법

1. 키트의 압축을 폴더에 풀고 브라우저에서 \`index.html\`을 열어 개요를 확인하세요. 모든 파일은 인터넷 없이도 열립니다.
2. \`guide.md\`를 처음부터 읽으세요. 어떤 텍스트 편집기로도 열 수 있고, 마크다운 뷰어(메모 앱과 코드 편집기에 많이 들어 있습니다)로 열면 서식까지 보입니다.
3. \`checklist.md\`를 메모 앱에 옮기거나 인쇄한 뒤, 진행하면서 항목에 표시하세요.
4. 30일이 지나면 체크리스트의 돌아보기 섹션을 마치고 다음 목표를 고르세요.

## 키트 정보

- 주제: ${c.topic}
- 분야: ${c.domainLabel}
- 대상: ${c.audience} (${c.levelLabel})
- 핵심어: ${c.keywords}
- 판: 제${c.generation}판

이 키트의 내용은 일반적인 교육 자료입니다. 개인의 상황을 아는 전문가의 조언을 대신하지 않습니다.
`,
	license: (name) => `# "${name}" 라이선스

이 라이선스는 디지털 키트 "${name}"(이하 "키트")와 그에 포함된 가이드, 체크리스트, 랜딩 페이지, 스타일시트, 일러스트에 적용됩니다. 키트를 내려받거나 사용하면 아래 조건에 동의한 것으로 봅니다.

## 허용되는 사용

- 키트와 그 안의 모든 내용을 개인적인 목적으로 사용할 수 있습니다.
- 본인의 사업, 고객 프로젝트, 강의, 상품 등 본인의 상업적 작업에 내용을 활용할 수 있으며, 인용하거나 고쳐 쓰거나 이를 바탕으로 새로 만드는 것도 포함됩니다.
- 본인이 사용하거나 소속 조직 안에서 사용하기 위해 파일을 수정, 인쇄, 복사할 수 있습니다.
- 본인의 기기와 저장 공간에 키트를 백업해 둘 수 있습니다.

## 금지되는 사용

- 키트 또는 그 파일을 그대로, 혹은 사소하게만 바꿔서 재판매, 재라이선스, 무상 배포하거나 그 밖의 방법으로 재배포하는 행위.
- 공유 드라이브, 마켓플레이스, 파일 공유 사이트, 공개 저장소 등 다른 사람이 내려받을 수 있는 곳에 키트의 파일을 게시하는 행위.
- 키트 전체를 본인의 저작물인 것처럼 제시하는 행위.

## 권리의 귀속

이 라이선스에서 명시적으로 허용하지 않은 모든 권리는 "${name}"의 발행자에게 있습니다. 키트를 구매하면 사용할 수 있는 권리를 얻을 뿐, 소유권이 이전되지는 않습니다.

## 보증의 부인

키트는 일반적인 교육 목적으로 "있는 그대로" 제공됩니다. 전문적, 재무적, 의학적, 법률적 조언이 아닙니다. 발행자는 키트의 사용으로 발생한 어떠한 손실에도 책임을 지지 않습니다. 중요한 결정은 자격을 갖춘 전문가와 상의하세요.
`,
};

/** Korean: its own phrase banks, wording and packs (domains/ko). */
export const ko: KitLanguage = { bank: koBank, ui, angles: koAngles, domains: KO_DOMAINS, generic: KO_GENERIC };
