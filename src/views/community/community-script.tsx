/**
 * The progressive enhancement of the community forms (public/js/community.js): put it once on a
 * page that shows a FollowButton, LikeButton or CommentThread (CommentThread includes it; the
 * script ignores a second copy). Without it every form still works as a plain post.
 */
export function CommunityScript() {
	return <script src="/js/community.js" defer />;
}
