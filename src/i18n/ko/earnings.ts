import type { Catalogue } from "../catalogue";
import type { earnings as en } from "../en/earnings";

/** Korean messages: 작가 수익과 정산 (작가와 관리자). */
export const earnings: Catalogue<typeof en> = {
	placeholder: "",
};
