import type { Catalogue } from "../catalogue";
import type { common as en } from "../en/common";

/** Korean messages shared by every page. */
export const common: Catalogue<typeof en> = {
	storeName: "Edge Factory",
	skipToContent: "본문으로 건너뛰기",
	nav: {
		main: "주 메뉴",
		browse: "상품 둘러보기",
		styles: "스타일",
		signIn: "로그인",
		myPage: "마이페이지",
		credits: "크레딧",
		creditsTitle: "보유 크레딧",
		notifications: "알림",
		notificationsUnread_one: "알림, 읽지 않음 {{count}}개",
		notificationsUnread_other: "알림, 읽지 않음 {{count}}개",
		signedInAs: "로그인 계정: {{name}}",
	},
	footer: {
		tagline: "디지털 상품을 바로 받아 보세요.",
		secureCheckout: "안전한 결제",
		instantDownload: "즉시 다운로드",
		expiringLinks: "파일을 지키는 만료형 링크",
	},
	preferences: {
		heading: "언어와 시간대",
		language: "언어",
		timeZone: "시간대",
		apply: "적용",
		switchTo: "View in English",
	},
	languages: {
		en: "영어",
		ko: "한국어",
	},
	languageList: "제공 언어: {{list}}",
	actions: {
		back: "뒤로",
		save: "저장",
		cancel: "취소",
		continue: "계속",
		retry: "다시 시도",
		next: "다음",
		previous: "이전",
	},
	pager: {
		label: "페이지",
		newer: "최신",
		older: "이전",
	},
	table: {
		empty: "아직 항목이 없습니다.",
	},
};
