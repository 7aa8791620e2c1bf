import type { Catalogue } from "../catalogue";
import type { video as en } from "../en/video";

/** Korean messages: 숏폼 영상 (프로젝트, 시작하기, 브랜드, 템플릿, 에셋, 사용량과 요금제). */
export const video: Catalogue<typeof en> = {
	placeholder: "숏폼 영상",
};
