import type { Catalogue } from "../catalogue";
import type { styles as en } from "../en/styles";

/** Korean messages of the styles pages. */
export const styles: Catalogue<typeof en> = {
	credits: {
		title: "크레딧",
		balance: "잔액:",
		creditsWord: "크레딧",
		buyTitle: "크레딧 구매",
		buy_one: "{{count}} 크레딧 구매",
		buy_other: "{{count}} 크레딧 구매",
		historyTitle: "사용 내역",
		historyLabel: "크레딧 사용 내역",
		noMovements: "아직 내역이 없습니다.",
		colWhen: "일시",
		colWhat: "내용",
		colMovement: "내역 ID",
		colAmount: "변동",
		colBalanceAfter: "변동 후 잔액",
		kind: {
			welcome: "가입 축하 크레딧",
			purchase: "구매",
			hold: "이미지 생성 예약",
			capture: "이미지 생성 결제",
			refund: "환불",
			reversal: "결제 환불 또는 이의 제기",
			reinstate: "이의 제기 해결(복구)",
		},
		checkoutCanceled: "결제가 취소되었습니다. 요금은 청구되지 않았습니다.",
		paid: "결제 완료",
		paidText_one: "{{count}} 크레딧이 잔액에 추가되었습니다. 감사합니다!",
		paidText_other: "{{count}} 크레딧이 잔액에 추가되었습니다. 감사합니다!",
		notCompleted: "구매가 완료되지 않았습니다. 요금은 청구되지 않았습니다.",
		reversed_one: "{{count}} 크레딧의 결제가 환불되었거나 이의 제기되어 크레딧이 회수되었습니다.",
		reversed_other: "{{count}} 크레딧의 결제가 환불되었거나 이의 제기되어 크레딧이 회수되었습니다.",
		pending: "처리 중",
		pendingText_one: "{{count}} 크레딧의 결제 확인을 기다리고 있습니다… 이 페이지는 자동으로 새로 고쳐집니다.",
		pendingText_other: "{{count}} 크레딧의 결제 확인을 기다리고 있습니다… 이 페이지는 자동으로 새로 고쳐집니다.",
	},
};
