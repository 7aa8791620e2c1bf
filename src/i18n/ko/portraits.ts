import type { Catalogue } from "../catalogue";
import type { portraits as en } from "../en/portraits";

/** Korean messages of the paid portrait line ("Find My Rizz"). */
export const portraits: Catalogue<typeof en> = {
	brand: "Find My Rizz",
	status: {
		pending_payment: "결제 대기",
		pending_phone: "휴대폰 번호 입력 대기",
		pending_upload: "사진 업로드 대기",
		processing: "사진 만드는 중",
		completed: "완성",
		failed: "실패",
	},
	reasons: {
		refunded: "결제가 환불되었습니다.",
		payment_failed: "결제가 완료되지 않았습니다.",
		upload_expired: "24시간 안에 사진이 올라오지 않아 결제를 환불했습니다.",
		generation_failed: "사진을 만들지 못해 결제를 환불했습니다.",
		report_failed: "리포트를 작성하지 못해 결제를 환불했습니다.",
	},
};
