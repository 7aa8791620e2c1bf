import type { Viewer } from "../../accounts/viewer";
import { type CommentView, REPLY_CAP } from "../../community/comments";
import { useI18n } from "../../i18n/context";
import { CommunityScript } from "./community-script";
import { FormFields, signInHref } from "./sign-in-link";

/** Props of {@link CommentThread}: `nextPage` is the URL of the older comments, or null. */
export type CommentThreadProps = {
	viewer: Viewer | null | undefined;
	generationId: string;
	comments: CommentView[];
	/** The viewer may hide and unhide comments here (the image's owner or its style's artist). */
	canModerate: boolean;
	nextPage: string | null;
	/** The image's `comment_count`, for the heading. */
	count?: number;
};

const BODY_MAX = 1000;

/** One comment: author, time, the text (plain text: JSX escapes it, HTML is never rendered), and the forms the viewer may use. */
type ItemProps = { viewer: Viewer | null | undefined; generationId: string; comment: CommentView; canModerate: boolean };

function CommentItem({ viewer, generationId, comment, canModerate, isReply }: ItemProps & { isReply: boolean }) {
	const { t, dateTime } = useI18n();
	const user = viewer?.user;
	const mine = user?.id === comment.author.id;
	const deleted = comment.status === "deleted";
	const hidden = comment.status === "hidden";
	const returnTo = viewer?.path ?? "/";
	return (
		<article class={`comment comment-${comment.status}`} id={`comment-${comment.id}`} data-comment-id={comment.id}>
			<header class="comment-head small">
				{comment.author.avatar_url ? <img class="avatar avatar-sm" src={comment.author.avatar_url} alt="" width={24} height={24} loading="lazy" /> : null}
				<a href={`/users/${comment.author.id}`} class="comment-author">
					{comment.author.nickname}
				</a>{" "}
				<time class="muted" datetime={comment.created_at}>
					{dateTime(comment.created_at)}
				</time>
				{comment.edited_at && !deleted ? <span class="muted"> · {t("community:comments.edited")}</span> : null}
			</header>
			{deleted ? (
				<p class="comment-body muted">{t("community:comments.deleted")}</p>
			) : (
				<>
					{hidden ? <p class="comment-note small muted">{t("community:comments.hidden")}</p> : null}
					<p class="comment-body">{comment.body}</p>
				</>
			)}
			{user && !deleted ? (
				<div class="comment-actions small">
					{mine ? (
						<>
							<details class="comment-edit">
								<summary>{t("community:comments.edit")}</summary>
								<form method="post" action={`/community/comments/${comment.id}/edit`} data-community="comment-edit">
									<FormFields csrfToken={user.csrfToken} returnTo={returnTo} />
									<label class="visually-hidden" for={`edit-${comment.id}`}>
										{t("community:comments.label")}
									</label>
									<textarea id={`edit-${comment.id}`} name="body" required maxlength={BODY_MAX} rows={2}>
										{comment.body}
									</textarea>
									<button type="submit" class="button button-sm">
										{t("community:comments.save")}
									</button>
								</form>
							</details>
							<form
								method="post"
								action={`/community/comments/${comment.id}/delete`}
								data-community="comment-delete"
								data-confirm={t("community:comments.deleteConfirm")}
							>
								<FormFields csrfToken={user.csrfToken} returnTo={returnTo} />
								<button type="submit" class="button button-ghost button-sm">
									{t("community:comments.delete")}
								</button>
							</form>
						</>
					) : null}
					{canModerate ? (
						<form method="post" action={`/community/comments/${comment.id}/${hidden ? "unhide" : "hide"}`} data-community="comment-hide">
							<FormFields csrfToken={user.csrfToken} returnTo={returnTo} />
							<button type="submit" class="button button-ghost button-sm">
								{hidden ? t("community:comments.unhide") : t("community:comments.hide")}
							</button>
						</form>
					) : null}
				</div>
			) : null}
			{isReply ? null : <Replies viewer={viewer} generationId={generationId} comment={comment} canModerate={canModerate} />}
		</article>
	);
}

/** A top-level comment's replies (oldest first) and, for a signed-in reader, the reply form. */
function Replies({ viewer, generationId, comment, canModerate }: ItemProps) {
	const { t } = useI18n();
	const user = viewer?.user;
	const replies = comment.replies ?? [];
	const total = comment.reply_count ?? replies.length;
	return (
		<div class="comment-replies">
			{replies.length > 0 ? (
				<ol class="comment-list">
					{replies.map((reply) => (
						<li>
							<CommentItem viewer={viewer} generationId={generationId} comment={reply} canModerate={canModerate} isReply />
						</li>
					))}
				</ol>
			) : null}
			{total > replies.length ? <p class="small muted">{t("community:comments.moreReplies", { shown: REPLY_CAP })}</p> : null}
			{user && comment.status === "visible" ? (
				<details class="comment-reply">
					<summary class="small">{t("community:comments.reply")}</summary>
					<form method="post" action={`/community/generations/${generationId}/comments`} data-community="comment-create">
						<FormFields csrfToken={user.csrfToken} returnTo={viewer.path} />
						<input type="hidden" name="parent_id" value={comment.id} />
						<label class="visually-hidden" for={`reply-${comment.id}`}>
							{t("community:comments.replyLabel")}
						</label>
						<textarea id={`reply-${comment.id}`} name="body" required maxlength={BODY_MAX} rows={2} />
						<button type="submit" class="button button-sm">
							{t("community:comments.reply")}
						</button>
					</form>
				</details>
			) : null}
		</div>
	);
}

/**
 * An image's comment thread: the new-comment form (a sign-in link when signed out), the
 * comments newest first with their replies, each with the forms its reader may use (reply,
 * edit, delete, hide), and a plain "more" link. Plain forms to `/community/...`; with
 * JavaScript, /js/community.js posts them to the JSON API instead.
 */
export function CommentThread({ viewer, generationId, comments, canModerate, nextPage, count }: CommentThreadProps) {
	const { t } = useI18n();
	const user = viewer?.user;
	return (
		<section class="comment-thread" id="comments" data-generation-id={generationId} aria-labelledby={`comments-title-${generationId}`}>
			<h2 id={`comments-title-${generationId}`}>
				{t("community:comments.title")}
				{count === undefined ? null : (
					<span class="muted small comment-count" data-comment-count={count}>
						{" "}
						{t("community:comments.count", { count })}
					</span>
				)}
			</h2>
			{user ? (
				<form method="post" action={`/community/generations/${generationId}/comments`} class="comment-form" data-community="comment-create">
					<FormFields csrfToken={user.csrfToken} returnTo={viewer.path} />
					<label class="visually-hidden" for={`comment-new-${generationId}`}>
						{t("community:comments.label")}
					</label>
					<textarea id={`comment-new-${generationId}`} name="body" required maxlength={BODY_MAX} rows={3} placeholder={t("community:comments.placeholder")} />
					<button type="submit" class="button button-sm">
						{t("community:comments.post")}
					</button>
				</form>
			) : (
				<p>
					<a href={signInHref(viewer)}>{t("community:comments.signIn")}</a>
				</p>
			)}
			{comments.length > 0 ? (
				<ol class="comment-list">
					{comments.map((comment) => (
						<li>
							<CommentItem viewer={viewer} generationId={generationId} comment={comment} canModerate={canModerate} isReply={false} />
						</li>
					))}
				</ol>
			) : (
				<p class="muted">{t("community:comments.empty")}</p>
			)}
			{nextPage ? (
				<p>
					<a href={nextPage} rel="next" class="button button-secondary button-sm">
						{t("community:comments.more")}
					</a>
				</p>
			) : null}
			<CommunityScript />
		</section>
	);
}
