import type { Locale } from "../../shared/locale";

/** The figures the terms quote from the configuration (src/config/settings.ts `earnings`). */
export type TermsFigures = { artistSharePercent: number; payoutMinimumCredits: string; payoutValue: string };

/** The terms of service in one language: plain words, the same rules in both. */
export function TermsText({ locale, figures }: { locale: Locale; figures: TermsFigures }) {
	const { artistSharePercent: share, payoutMinimumCredits: minimum, payoutValue } = figures;
	if (locale === "ko") {
		return (
			<>
				<h2>1. 서비스</h2>
				<p>
					Edge Factory는 작가가 자신의 그림 스타일을 등록하고 이용을 허락하면, 이용자가 크레딧으로 그 스타일의 이미지를 만들 수 있는 서비스입니다. 디지털 상품
					판매와 인물 이미지 서비스도 함께 제공합니다.
				</p>
				<h2>2. 크레딧</h2>
				<p>
					크레딧은 결제하여 구매하며 현금이 아닙니다. 이미지 한 장의 가격은 스타일마다 작가가 정한 크레딧입니다. 요청할 때 크레딧을 잡아 두고, 이미지가 완성되면
					차감하며, 생성에 실패하면 전액 자동으로 돌려드립니다. 모든 크레딧 변동은 원장에 한 번씩만 기록됩니다.
				</p>
				<h2>3. 작가의 스타일, 이용 허락, 서명</h2>
				<p>
					작가는 자신이 권리를 가진 이미지로만 스타일을 학습시켜야 합니다. 스타일로 만든 모든 이미지에는 작가의 서명과 출처 정보(작가, 스타일, 작업, 시각)가
					들어가며, 서명을 지우거나 가리는 것은 허용되지 않습니다. 스타일 팩은 개인용 또는 상업용 이용 허락서(LICENSE.txt)와 함께 제공되며, 그 범위 안에서만
					이용할 수 있습니다.
				</p>
				<h2>4. 작가 수익</h2>
				<p>
					이미지 생성 요금이 차감될 때마다 그 가격의 {share}%가 스타일 작가에게 크레딧으로 적립됩니다. 생성이 환불되면 적립분도 회수됩니다. 작가는 적립한
					크레딧이 {minimum} 크레딧 이상이면 정산을 요청할 수 있으며, 1 크레딧의 가치는 {payoutValue}입니다. 정산 요청은 관리자가 검토하여 외부에서 지급합니다.
				</p>
				<h2>5. 공개 이미지</h2>
				<p>
					새로 만든 이미지는 기본적으로 공개되어 작가의 서명과 함께 피드에 표시됩니다. 이미지 주인은 언제든지 이미지를 비공개로 바꿀 수 있으며, 비공개 이미지는
					본인 외에는 볼 수 없습니다.
				</p>
				<h2>6. 커뮤니티 규칙</h2>
				<p>
					다른 사람을 존중해 주세요. 괴롭힘, 혐오 표현, 불법 콘텐츠, 다른 사람의 개인정보, 광고성 도배는 금지됩니다. 댓글은 일반 텍스트로만 표시됩니다. 작가와
					이미지 주인, 관리자는 자신의 작품에 달린 댓글을 숨길 수 있습니다. 도배를 막기 위해 요청 횟수를 제한합니다.
				</p>
				<h2>7. 계정 비활성화와 삭제</h2>
				<p>
					계정을 삭제하면 프로필, 로그인 정보, 이미지, 좋아요, 팔로우, 댓글이 삭제되고 공개 이미지는 즉시 피드에서 내려갑니다. 결제와 크레딧 기록은 법에 따라
					이름과 이메일 없이 보관합니다. 다른 이용자가 이미 사용한 스타일의 작가는 계정을 삭제할 수 없고 비활성화만 할 수 있습니다. 비활성화하면 스타일은 작가
					이름으로 계속 이용할 수 있지만 새로운 학습은 할 수 없습니다.
				</p>
				<h2>8. 변경</h2>
				<p>약관이 바뀌면 이 페이지에 게시합니다. 궁금한 점은 운영자에게 문의해 주세요.</p>
			</>
		);
	}
	return (
		<>
			<h2>1. The service</h2>
			<p>
				Edge Factory lets artists register their drawing style and license it, and lets people make images in that style with credits. It also sells digital
				products and offers portrait images.
			</p>
			<h2>2. Credits</h2>
			<p>
				Credits are bought with money and are not cash. One image costs the credits its style's artist set. They are held when you ask for an image, charged
				when it is finished, and given back in full automatically when it fails. Every movement of credits is recorded once in a ledger.
			</p>
			<h2>3. Artists' styles, licences and signatures</h2>
			<p>
				Artists train a style only on images they hold the rights to. Every image made in a style carries the artist's signature and its provenance (artist,
				style, job, time); removing or hiding the signature is not allowed. Style packs come with a personal or commercial licence (LICENSE.txt) and may be used
				within it only.
			</p>
			<h2>4. Artists' share</h2>
			<p>
				Each time an image is charged, {share} % of its price is credited to the style's artist in credits; it is taken back if the image is refunded. Artists
				can ask for a payout once they have earned at least {minimum} credits, each worth {payoutValue}. The admin reviews payout requests and pays them outside
				the site.
			</p>
			<h2>5. Public images</h2>
			<p>
				New images are public by default and appear in the feed with the artist's signature. Their owner can make any of them private at any time; a private
				image is seen by nobody else.
			</p>
			<h2>6. Community rules</h2>
			<p>
				Treat people with respect. No harassment, hate, illegal content, other people's personal data or spam. Comments are shown as plain text. Artists, image
				owners and admins can hide comments on their work. Requests are rate limited to stop floods.
			</p>
			<h2>7. Deactivating and deleting your account</h2>
			<p>
				Deleting your account removes your profile, sign-in data, images, likes, follows and comments, and your public images leave the feed at once. Payment
				and credit records are kept as the law requires, without your name or e-mail. An artist whose style has already been used cannot delete their account
				but can deactivate it: the style stays usable under their name, and nothing new is trained.
			</p>
			<h2>8. Changes</h2>
			<p>Changes to these terms are published on this page. Ask the operator if anything is unclear.</p>
		</>
	);
}
