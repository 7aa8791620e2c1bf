import type { Catalogue } from "../catalogue";
import type { account as en } from "../en/account";

/** Korean messages of the account pages. */
export const account: Catalogue<typeof en> = {
	page: {
		title: "내 계정",
		applied: "신청이 접수되었습니다. 검토 결과는 이 페이지에서 확인할 수 있습니다.",
		profile: "프로필",
		name: "이름",
		email: "이메일",
		role: "역할",
		roleArtist: "아티스트",
		roleUser: "일반 사용자",
		credits: "크레딧",
		creditCount_one: "{{amount}} 크레딧",
		creditCount_other: "{{amount}} 크레딧",
		becomeArtist: "아티스트 신청",
		signOut: "로그아웃",
	},
	artist: {
		approved: "승인된 아티스트입니다. 화풍을 등록하고 학습시킨 뒤 스타일 팩을 판매할 수 있습니다.",
		goToMyPage: "마이페이지로 이동",
		yourApplication: "{{date}}에 제출한 신청:",
		statusPending: "검토 대기 중",
		statusApproved: "승인됨",
		statusRejected: "승인되지 않음",
		applyAgain: "내용을 보완해 다시 신청할 수 있습니다.",
		pitch:
			"아티스트가 자신의 화풍을 등록하면 플랫폼이 그 화풍의 모델을 학습시킵니다. 구매자는 크레딧으로 그 화풍의 이미지를 생성하며, 생성된 이미지에는 모두 서명이 들어갑니다.",
		reviewed: "관리자가 신청을 검토하며, 결과는 이 페이지에 표시됩니다.",
		statementLabel: "작품 소개",
		statementHint: "20~2000자로 화풍, 사용하는 매체, 작품을 볼 수 있는 곳을 알려 주세요.",
		apply: "아티스트 신청하기",
		statementInvalid: "작품 소개를 20~2000자로 작성해 주세요.",
	},
	signIn: {
		errorStatus: "오류 {{status}}",
		tooManyAttempts: "로그인 시도가 너무 많습니다",
		signOutFailed: "로그아웃하지 못했습니다",
		signInFailed: "로그인하지 못했습니다",
		signInAgain: "다시 로그인",
		browse: "스토어 둘러보기",
	},
	notifications: {
		title: "알림",
		markAllRead: "{{count}}개 모두 읽음으로 표시",
		allCaughtUp: "새 알림이 없습니다.",
		unreadCount_one: "읽지 않은 알림 {{count}}개",
		unreadCount_other: "읽지 않은 알림 {{count}}개",
		unreadPrefix: "읽지 않음: ",
		markRead: "읽음으로 표시",
		empty: "아직 알림이 없습니다. 이미지 생성이나 모델 학습이 끝나면 여기에서 알려 드립니다.",
	},
	notification: {
		training_completed: {
			title: "“{{style}}” 학습이 완료되었습니다",
			body: "스타일이 마켓플레이스에 공개되어 이제 구매자가 이 스타일로 이미지를 생성할 수 있습니다.",
		},
		training_failed: { title: "“{{style}}” 학습에 실패했습니다", body: "{{reason}}" },
		generation_completed: { title: "이미지가 준비되었습니다", body: "“{{prompt}}” 이미지 생성이 완료되었습니다." },
		generation_failed: { title: "이미지를 생성하지 못했습니다", body: "“{{prompt}}”: {{reason}}" },
		credits_refunded: {
			title_one: "{{count}} 크레딧이 환불되었습니다",
			title_other: "{{count}} 크레딧이 환불되었습니다",
			body: "실패한 이미지 생성에 예약되었던 크레딧이 잔액으로 돌아왔습니다.",
		},
		credits_reversed: {
			title_one: "{{count}} 크레딧이 회수되었습니다",
			title_other: "{{count}} 크레딧이 회수되었습니다",
			body_refunded: "{{credits}} 크레딧의 결제가 환불되어 해당 크레딧이 잔액에서 차감되었습니다.",
			body_disputed: "{{credits}} 크레딧의 결제에 이의가 제기되어 해당 크레딧이 잔액에서 차감되었습니다.",
			spent: "이 중 {{spent}} 크레딧은 이미 사용되었습니다.",
		},
		credits_reinstated: {
			title_one: "{{count}} 크레딧이 복구되었습니다",
			title_other: "{{count}} 크레딧이 복구되었습니다",
			body: "크레딧 구매에 대한 이의 제기가 회원님에게 유리하게 해결되었습니다.",
		},
	},
};
