import type { Locale } from "../../shared/locale";

/** Words in both languages of the site. */
type Words = Record<Locale, string>;

/** One kind of personal data: what it is, why it is kept, and for how long. */
export type RetentionRow = { key: string; data: Words; purpose: Words; kept: Words };

/**
 * How long each kind of data is kept: the ONE list the privacy page renders and docs quote
 * (`retentionMarkdown`), so the page and the documentation cannot disagree. Facts from
 * docs/security.md, docs/portraits.md, docs/styles-and-credits.md and the community's rules.
 */
export const RETENTION: readonly RetentionRow[] = [
	{
		key: "profile",
		data: { en: "Profile: nickname, bio, profile picture", ko: "프로필: 닉네임, 소개, 프로필 사진" },
		purpose: { en: "Shown on your public profile, images and comments", ko: "공개 프로필, 이미지, 댓글에 표시" },
		kept: { en: "Until you delete your account; erased at once then", ko: "계정을 삭제할 때까지, 삭제 즉시 파기" },
	},
	{
		key: "sign-in",
		data: { en: "Sign-in name and e-mail address (from Google)", ko: "로그인 이름과 이메일 주소(Google 제공)" },
		purpose: { en: "Signing you in and writing to you; never shown publicly", ko: "로그인과 안내 메일 발송, 공개되지 않음" },
		kept: { en: "Until you delete your account; erased at once then", ko: "계정을 삭제할 때까지, 삭제 즉시 파기" },
	},
	{
		key: "sessions",
		data: { en: "Sign-in sessions", ko: "로그인 세션" },
		purpose: { en: "Keeping you signed in", ko: "로그인 상태 유지" },
		kept: { en: "7 days, or until you sign out", ko: "7일 또는 로그아웃할 때까지" },
	},
	{
		key: "images",
		data: { en: "Generated images and their prompts", ko: "생성한 이미지와 프롬프트" },
		purpose: { en: "Your gallery; public ones in the feed", ko: "내 갤러리, 공개 이미지는 피드에 표시" },
		kept: {
			en: "Until you delete your account (public ones leave the feed at once); you can make any image private at any time",
			ko: "계정을 삭제할 때까지(공개 이미지는 즉시 피드에서 내려감), 언제든 비공개로 전환 가능",
		},
	},
	{
		key: "social",
		data: { en: "Likes, follows and comments", ko: "좋아요, 팔로우, 댓글" },
		purpose: { en: "The community", ko: "커뮤니티 기능" },
		kept: {
			en: "Until you take them back or delete your account; a deleted comment's words are erased at once",
			ko: "취소하거나 계정을 삭제할 때까지, 삭제한 댓글의 내용은 즉시 파기",
		},
	},
	{
		key: "notifications",
		data: { en: "Notifications", ko: "알림" },
		purpose: { en: "Telling you about likes, comments, follows and your orders", ko: "좋아요, 댓글, 팔로우, 주문 소식 안내" },
		kept: { en: "Until you delete your account", ko: "계정을 삭제할 때까지" },
	},
	{
		key: "payments",
		data: {
			en: "Payment and credit records: purchases, the credit ledger, payout requests",
			ko: "결제와 크레딧 기록: 구매 내역, 크레딧 원장, 정산 요청",
		},
		purpose: { en: "Accounting and consumer protection", ko: "회계 처리와 소비자 보호" },
		kept: {
			en: "At least 5 years, as Korean e-commerce law (전자상거래법) requires; without your name or e-mail once the account is deleted",
			ko: "전자상거래법에 따라 최소 5년, 계정 삭제 후에는 이름과 이메일 없이 보관",
		},
	},
	{
		key: "videos",
		data: {
			en: "Short videos: projects (keywords, scripts, images, voice-overs, videos), brand profiles, templates and the asset library",
			ko: "숏폼 영상: 프로젝트(키워드, 대본, 이미지, 음성, 영상), 브랜드 프로필, 템플릿, 에셋 보관함",
		},
		purpose: { en: "Making your videos and keeping your work", ko: "영상 제작과 작업물 보관" },
		kept: {
			en: "Until you delete them or your account; erased at once then (reused scripts expire after 7 days)",
			ko: "직접 삭제하거나 계정을 삭제할 때까지, 삭제 즉시 파기(재사용용 대본은 7일 후 만료)",
		},
	},
	{
		key: "usage",
		data: { en: "Usage records and plan purchases (amounts only)", ko: "사용량 기록과 요금제 결제(금액만)" },
		purpose: { en: "Plan limits, billing and accounting", ko: "요금제 한도, 청구, 회계 처리" },
		kept: {
			en: "At least 5 years, as Korean e-commerce law requires; unlinked from your projects once the account is deleted",
			ko: "전자상거래법에 따라 최소 5년, 계정 삭제 후에는 프로젝트와의 연결 없이 보관",
		},
	},
	{
		key: "channels",
		data: {
			en: "Connected channels: the access tokens of your outside accounts (YouTube, Cafe24), schedules and their numbers",
			ko: "연결한 채널: 외부 계정(YouTube, 카페24)의 접근 토큰, 예약 게시와 통계",
		},
		purpose: { en: "Publishing your videos and products where you chose", ko: "선택한 곳에 영상과 상품 게시" },
		kept: {
			en: "Tokens encrypted, until you disconnect the channel or delete your account (revoked at the provider then); the sync log 180 days, statistics 400 days",
			ko: "토큰은 암호화하여 채널 연결을 해제하거나 계정을 삭제할 때까지(이때 제공자에게서도 철회), 동기화 기록 180일, 통계 400일",
		},
	},
	{
		key: "portraits",
		data: { en: "Portrait photos, phone numbers and portrait results", ko: "인물 사진, 휴대폰 번호, 인물 분석 결과" },
		purpose: { en: "Making and delivering your portraits", ko: "인물 이미지 생성과 결과 전달" },
		kept: { en: "24 hours", ko: "24시간" },
	},
];

/** The list as a Markdown table in one language, for docs/community.md. */
export function retentionMarkdown(locale: Locale): string {
	const head = locale === "ko" ? "| 데이터 | 목적 | 보관 기간 |" : "| Data | Purpose | Kept |";
	return [head, "| --- | --- | --- |", ...RETENTION.map((row) => `| ${row.data[locale]} | ${row.purpose[locale]} | ${row.kept[locale]} |`)].join("\n");
}
