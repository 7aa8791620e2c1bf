import type { Catalogue } from "../catalogue";
import type { mail as en } from "../en/mail";

/** Korean messages of the buyer mails. */
export const mail: Catalogue<typeof en> = {
	order: {
		receiptSubject: "Edge Factory 주문 {{id}} 안내",
		reissueSubject: "주문 {{id}}의 다운로드 링크",
		receiptOpening: "주문해 주셔서 감사합니다.",
		reissueOpening: "새 다운로드 링크가 담긴 주문 페이지를 다시 보내 드립니다.",
		order: "주문 번호: {{id}}",
		orderLabel: "주문 번호:",
		total: "결제 금액: {{total}}",
		placed: "주문 일시: {{date}}",
		ready: "주문 페이지에서 바로 다운로드할 수 있습니다(링크는 다른 사람과 공유하지 마세요):",
		open: "내 주문 보기",
	},
};
