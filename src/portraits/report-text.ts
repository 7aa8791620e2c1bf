import type { Locale } from "../shared/locale";

/**
 * The words of the template report (src/portraits/report.ts), Korean first (합니다체) and English.
 * The report is content stored with the job, written once in the job's locale, so its wording
 * lives here with its writer rather than in the pages' catalogues.
 */
const ko = {
	areas: {
		photo: "사진 빛과 각도",
		skin: "피부",
		hair: "헤어와 눈썹",
		style: "스타일과 컬러",
		posture: "자세",
	},
	light: {
		dark: "사진이 어두운 편입니다(밝기 {{value}}/100)",
		bright: "사진이 밝게 날아간 편입니다(밝기 {{value}}/100)",
		balanced: "사진의 밝기는 적당합니다(밝기 {{value}}/100)",
	},
	contrast: {
		flat: "명암 대비가 약해 얼굴 윤곽이 흐릿하게 보입니다(대비 {{value}}/100)",
		harsh: "명암 대비가 강해 그림자가 짙습니다(대비 {{value}}/100)",
		good: "명암 대비는 균형이 잡혀 있습니다(대비 {{value}}/100)",
	},
	colour: {
		muted: "색감이 차분하고 채도가 낮습니다(채도 {{value}}/100)",
		vivid: "색감이 살아 있습니다(채도 {{value}}/100)",
	},
	focus: {
		soft: "초점이 부드러워 또렷함이 부족합니다",
		sharp: "초점은 또렷합니다",
	},
	summary:
		"{{light}}. {{contrast}}. {{colour}}, {{focus}}. 세 장의 포트레이트는 같은 사진에서 빛과 색을 다듬어 만든 결과이며, 아래 방법으로 실제 사진에서도 같은 인상을 낼 수 있습니다.",
	unmeasured: "사진의 측정값을 읽지 못해 일반적인 관리 방법을 추천합니다. 세 장의 포트레이트는 같은 사진에서 빛과 색을 다듬어 만든 결과입니다.",
	template: "이 리포트는 AI 작성기가 아니라 사진에서 측정한 값(밝기, 대비, 채도, 선명도)을 바탕으로 템플릿이 작성했습니다.",
	photo: {
		dark: "창가의 부드러운 자연광을 얼굴 정면에서 받으면 피부 톤이 밝고 고르게 보입니다. 카메라는 눈높이보다 조금 위에 둡니다.",
		bright: "직사광선을 피하고 그늘이나 흐린 날의 빛에서 찍으면 얼굴의 입체감이 살아납니다.",
		balanced: "지금의 빛을 유지하면서 카메라를 눈높이보다 조금 위에 두고, 눈까지 웃는 표정을 연습하면 인상이 더 좋아집니다.",
	},
	skin: {
		flat: "피부 결을 고르게 하면 대비가 약한 사진에서도 얼굴이 또렷해 보입니다. 보습과 자외선 차단을 매일 지킵니다.",
		harsh: "강한 그림자는 피부 결을 도드라지게 합니다. 보습과 주 1~2회 각질 관리로 결을 정돈합니다.",
		good: "지금 피부 상태를 유지하도록 아침·저녁 보습과 자외선 차단을 습관으로 만듭니다.",
	},
	hair: "얼굴형에 맞춘 커트와 정리된 눈썹은 사진 속 인상을 가장 빠르게 바꾸는 방법입니다.",
	style: {
		muted: "채도가 낮은 사진에서는 얼굴을 밝혀 주는 색이 특히 중요합니다. 퍼스널 컬러를 찾고 핏이 맞는 기본 아이템을 갖춥니다.",
		vivid: "얼굴을 밝혀 주는 색을 알면 옷과 소품을 고르기가 쉬워집니다.",
	},
	posture: "목과 어깨를 펴면 사진 속 자세와 자신감이 함께 달라집니다. 하루 10분 스트레칭으로 시작합니다.",
	timeline: "사진 찍는 방법과 헤어 정리는 1~2주 안에, 피부와 자세는 꾸준히 8주 정도 관리하면 변화가 보입니다.",
	cost: "약 {{min}}~{{max}}원 (추천 방법의 비용 범위 합계)",
	costFree: "추가 비용 없이 시작할 수 있습니다",
};

/** The same report in English; typed against the Korean, so no key is missing. */
const en: typeof ko = {
	areas: {
		photo: "Photo light and angle",
		skin: "Skin",
		hair: "Hair and eyebrows",
		style: "Style and colour",
		posture: "Posture",
	},
	light: {
		dark: "Your photo is on the dark side (brightness {{value}}/100)",
		bright: "Your photo is washed out by light (brightness {{value}}/100)",
		balanced: "Your photo is well exposed (brightness {{value}}/100)",
	},
	contrast: {
		flat: "Low contrast makes the outline of your face soft (contrast {{value}}/100)",
		harsh: "Strong contrast leaves deep shadows (contrast {{value}}/100)",
		good: "The contrast is balanced (contrast {{value}}/100)",
	},
	colour: {
		muted: "The colours are muted (saturation {{value}}/100)",
		vivid: "The colours are lively (saturation {{value}}/100)",
	},
	focus: {
		soft: "and the focus is soft",
		sharp: "and the focus is sharp",
	},
	summary:
		"{{light}}. {{contrast}}. {{colour}}, {{focus}}. The three portraits refine the light and colour of this very photo; the methods below bring the same look to your real photos.",
	unmeasured:
		"The photo's measurements were not available, so this report recommends general care. The three portraits refine the light and colour of this very photo.",
	template: "This report was written by a template from measurements of your photo (brightness, contrast, saturation, sharpness), not by an AI writer.",
	photo: {
		dark: "Soft daylight from a window, facing you, makes the skin tone bright and even. Hold the camera slightly above eye level.",
		bright: "Avoid direct sun: shade or an overcast sky brings back the shape of your face.",
		balanced: "Keep this light, hold the camera slightly above eye level and practise a smile that reaches the eyes.",
	},
	skin: {
		flat: "Even skin makes a face clear even in a low-contrast photo. Moisturise and wear sunscreen every day.",
		harsh: "Hard shadows show every bit of skin texture. Moisturise and exfoliate gently once or twice a week.",
		good: "Keep your skin as it is with a morning and evening moisturising routine and daily sunscreen.",
	},
	hair: "A cut for your face shape and groomed eyebrows are the quickest change to how you look in photos.",
	style: {
		muted: "In a muted photo the colours near your face matter most. Find your personal colours and a few well-fitting basics.",
		vivid: "Knowing the colours that brighten your face makes clothes and accessories easy to choose.",
	},
	posture: "Opening the neck and shoulders changes both posture and confidence in photos. Start with ten minutes of stretching a day.",
	timeline: "Photo technique and hair show results within one or two weeks; skin and posture after about eight weeks of steady care.",
	cost: "About {{min}}–{{max}} KRW (sum of the recommended methods' cost ranges)",
	costFree: "You can start without spending anything",
};

export type ReportText = typeof ko;

/** The template report's words in `locale`. */
export function reportText(locale: Locale): ReportText {
	return locale === "en" ? en : ko;
}

/** Fills `{{name}}` placeholders. */
export function fill(text: string, values: Record<string, string | number>): string {
	return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
