import type { Catalogue } from "../catalogue";
import type { profile as en } from "../en/profile";

/** Korean messages: 프로필, 마이페이지, 프로필 편집, 계정 비활성화와 삭제. */
export const profile: Catalogue<typeof en> = {
	placeholder: "",
};
