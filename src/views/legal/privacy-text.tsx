import type { Locale } from "../../shared/locale";

/** The privacy policy's prose in one language; the retention table comes from retention.ts. */
export function PrivacyText({ locale }: { locale: Locale }) {
	if (locale === "ko") {
		return (
			<>
				<h2>1. 수집하는 정보</h2>
				<p>
					Google 로그인으로 받은 이름과 이메일, 직접 입력한 닉네임과 소개, 프로필 사진, 만든 이미지와 프롬프트, 좋아요·팔로우·댓글, 결제와 크레딧 기록을
					보관합니다. 인물 이미지 서비스에서는 사진과 휴대폰 번호를 24시간 동안만 보관합니다.
				</p>
				<h2>2. 공개되는 정보</h2>
				<p>다른 사람에게는 닉네임, 소개, 프로필 사진, 공개 이미지, 좋아요 수, 댓글만 보입니다. 로그인 이름과 이메일은 어디에도 공개하지 않습니다.</p>
				<h2>3. 보호 조치</h2>
				<p>
					로그에는 토큰, 이메일, 휴대폰 번호, 댓글 내용, 전체 IP 주소를 남기지 않습니다. 휴대폰 번호는 암호화하여 보관하고, 업로드한 사진의 메타데이터(위치
					등)는 제거합니다.
				</p>
			</>
		);
	}
	return (
		<>
			<h2>1. What we keep</h2>
			<p>
				Your name and e-mail from Google sign-in, the nickname, bio and profile picture you choose, the images you make and their prompts, your likes, follows
				and comments, and your payment and credit records. The portrait service keeps a photo and a phone number for 24 hours only.
			</p>
			<h2>2. What others see</h2>
			<p>Other people see your nickname, bio, profile picture, public images, like counts and comments only. Your sign-in name and e-mail are never shown.</p>
			<h2>3. How it is protected</h2>
			<p>
				Logs never hold tokens, e-mail addresses, phone numbers, comment words or full IP addresses. Phone numbers are stored encrypted, and uploaded pictures
				lose their metadata (such as location).
			</p>
		</>
	);
}
