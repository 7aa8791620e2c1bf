import type { Catalogue } from "../catalogue";
import type { community as en } from "../en/community";

/** Korean messages: 팔로우, 좋아요, 댓글과 그 알림. */
export const community: Catalogue<typeof en> = {
	follow: {
		follow: "팔로우",
		unfollow: "팔로우 취소",
		following: "팔로잉",
		followers_one: "팔로워 {{count}}명",
		followers_other: "팔로워 {{count}}명",
		signIn: "로그인하고 팔로우하기",
	},
	like: {
		like: "좋아요",
		unlike: "좋아요 취소",
		count_one: "좋아요 {{count}}개",
		count_other: "좋아요 {{count}}개",
		signIn: "로그인하고 좋아요 누르기",
	},
	comments: {
		title: "댓글",
		count_one: "댓글 {{count}}개",
		count_other: "댓글 {{count}}개",
		empty: "아직 댓글이 없습니다. 첫 댓글을 남겨 보세요.",
		signIn: "로그인하고 댓글 달기",
		label: "댓글",
		placeholder: "댓글 달기 (최대 1,000자)",
		post: "게시",
		reply: "답글",
		replyLabel: "답글",
		edit: "수정",
		save: "저장",
		delete: "삭제",
		deleteConfirm: "이 댓글을 삭제할까요?",
		hide: "숨기기",
		unhide: "다시 보이기",
		edited: "수정됨",
		deleted: "삭제된 댓글입니다",
		hidden: "숨김 처리된 댓글입니다. 작성자에게만 보입니다.",
		replies_one: "답글 {{count}}개",
		replies_other: "답글 {{count}}개",
		moreReplies: "답글은 처음 {{shown}}개까지만 표시됩니다.",
		more: "댓글 더 보기",
		by: "{{nickname}} 님",
	},
};
