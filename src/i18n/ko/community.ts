import type { Catalogue } from "../catalogue";
import type { community as en } from "../en/community";

/** Korean messages: 팔로우, 좋아요, 댓글과 그 알림. */
export const community: Catalogue<typeof en> = {
	placeholder: "",
};
