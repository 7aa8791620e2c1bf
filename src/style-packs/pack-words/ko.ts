import { styles } from "../../i18n/ko/styles";
import type { PackWords } from "./types";

/**
 * The words of a Korean style pack, in the formal style (합니다체). Names and titles are never
 * followed by a particle that depends on their last sound (이/가, 은/는, 을/를, (으)로), so any
 * name reads correctly.
 */
export const ko: PackWords = {
	licenseSummary: styles.packs.license,
	fallbackDescription: ({ count, style, artist }) => `작가 ${artist}의 스타일 "${style}"에서 생성한 이미지 ${count}장과 그 이용 허락서입니다.`,
	license: {
		heading: ({ license, title }) => `${license === "commercial" ? "상업용" : "개인용"} 이용 허락서 — "${title}"`,
		artist: ({ artist, artistId }) => `작가: ${artist} (작가 ID ${artistId})`,
		style: ({ style, styleId }) => `스타일: ${style} (스타일 ID ${styleId})`,
		intro: ({ artist, title, count, style }) => [
			`이 이용 허락은 스타일 팩 "${title}"(이하 "팩")의 구매자에게 부여되며, 허락하는 사람은 작가 ${artist}(이하 "작가")입니다.`,
			`이 허락은 작가의 라이선스 스타일 "${style}"에서 생성되어 아래에 나열된 이미지 ${count}장에 적용되며,`,
			"각 이미지는 SHA-256 체크섬으로 식별됩니다. 모든 이미지에는 작가의 서명과 출처 메타데이터가 들어 있습니다.",
		],
		mayHeading: "허용 사항",
		grants: {
			personal: [
				"개인적이고 비상업적인 목적으로 이미지를 사용할 수 있습니다. 예: 배경화면, 집에 둘 인쇄물, 개인 프로젝트, 선물.",
				"위 목적을 위해 이미지를 편집하고 자르고 변형할 수 있습니다.",
			],
			commercial: [
				"구매자 본인의 상업적 작업에 이미지를 사용할 수 있습니다. 예: 웹사이트, 마케팅, 고객 프로젝트, 상품, 도서, 게임, 영상.",
				"개인적·상업적 목적으로 이미지를 편집하고 자르고 변형할 수 있으며, 다른 작업물과 결합할 수 있습니다.",
				"이미지가 더 큰 디자인의 일부인 경우, 이미지를 넣은 실물 상품을 인쇄하여 판매할 수 있습니다.",
			],
		},
		mayNotHeading: "금지 사항",
		prohibitions: [
			"이미지를 있는 그대로, 단독으로든 모음으로든 재판매, 재라이선스, 공유 또는 무상 배포할 수 없습니다.\n경쟁 스타일 팩, 스톡 이미지 세트, 배경화면 팩, 템플릿, NFT로 내놓는 것도 여기에 포함됩니다.",
			"이미지의 출처를 숨기기 위해 작가의 서명이나 출처 메타데이터를 제거하거나 가리거나 변경할 수 없습니다.",
			"이미지를 AI 모델의 학습, 미세 조정 또는 평가에 사용하거나, 작가의 스타일을 모방하는 데 사용할 수 없습니다.",
			"이미지를 구매자 본인의 작품인 것처럼 내세우거나, 작가가 구매자 또는 구매자의 제품을 보증한다고 암시할 수 없습니다.",
		],
		personalProhibitions: ["판매하거나 광고하거나 수익을 얻는 데 쓰이는 어떤 것에도 이미지를 사용할 수 없습니다."],
		closing: [
			"이미지와 스타일의 저작권은 작가에게 있습니다. 이 이용 허락은 비독점적이며 양도할 수 없고,",
			"조건을 위반하면 자동으로 종료됩니다. 이미지는 어떠한 보증도 없이 있는 그대로 제공됩니다.",
		],
		imagesHeading: "적용 이미지 (경로, 크기, SHA-256)",
	},
	readme: {
		fallbackIntro: ({ count, style, artist }) => `작가 ${artist}의 스타일 "${style}"에서 생성한 이미지 ${count}장입니다.`,
		insideHeading: "구성",
		inside: ({ count, licenseSummary }) => [
			`\`images/\`: PNG 이미지 ${count}장입니다. 모든 이미지에 작가의 서명이 찍혀 있습니다.`,
			"`index.html`: 모든 이미지를 보여 주는 갤러리입니다. 브라우저에서 열어 보십시오.",
			"`images.json`: 각 이미지의 크기와 SHA-256, 출처(작가, 스타일, 생성 기록)가 들어 있습니다.",
			`\`LICENSE.txt\`: 이미지를 어디까지 사용할 수 있는지 정한 이용 허락서입니다(${licenseSummary}).`,
			"`manifest.json`: 패키지의 모든 파일과 각 파일의 크기, SHA-256이 들어 있습니다.",
		],
		imagesHeading: "이미지",
		untitled: "제목 없음",
		checkingHeading: "파일 확인 방법",
		checking: [
			"모든 이미지의 SHA-256은 `images.json`, `LICENSE.txt`, `manifest.json`에 나와 있으며, `sha256sum images/*.png`를 실행하면 같은 값이 출력됩니다.",
			"출처 정보는 각 PNG 파일의 EXIF 데이터(ImageDescription, Artist 항목)에 들어 있으며, `exiftool`로 읽을 수 있습니다.",
		],
	},
	gallery: {
		fallbackDescription: ({ count, style }) => `스타일 ${style}의 이미지 ${count}장입니다.`,
		imageAlt: (number) => `이미지 ${number}`,
		byline: ({ artist, style, licenseSummary }) => `작가 ${artist} · 스타일 ${style} · ${licenseSummary}`,
	},
};
