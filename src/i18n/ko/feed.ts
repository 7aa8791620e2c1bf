import type { Catalogue } from "../catalogue";
import type { feed as en } from "../en/feed";

/** Korean messages: 피드, 상세 페이지와 모달, 검색, 그리고 푸터의 이용약관과 개인정보 처리방침. */
export const feed: Catalogue<typeof en> = {
	placeholder: "",
};
