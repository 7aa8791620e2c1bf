import type { Viewer } from "../../../accounts/viewer";
import type { SandboxItem, SandboxVideo } from "../../../channels/local/sandbox-store";
import { useI18n } from "../../../i18n/context";
import { Layout } from "../../layout";
import { useVisibilityLabel } from "./channel-page";
import { SandboxBanner, SandboxCsrf, SandboxNotice } from "./sandbox-parts";

/** `/sandbox/channels/:account/videos/:id`: one uploaded video, played from its stored bytes, with its counters and a like button. */
export function SandboxVideoPage({
	viewer,
	csrfToken,
	account,
	video,
	liked,
}: {
	viewer?: Viewer | null;
	csrfToken: string;
	account: string;
	video: SandboxItem<SandboxVideo>;
	liked: boolean;
}) {
	const { t, number, dateTime } = useI18n();
	const visibility = useVisibilityLabel();
	const base = `/sandbox/channels/${encodeURIComponent(account)}`;
	const videoPath = `${base}/videos/${encodeURIComponent(video.id)}`;
	return (
		<Layout title={video.data.title} viewer={viewer} noindex>
			<p>
				<a href={base}>← {t("channels:connect.sandbox.channel.back")}</a>
			</p>
			<h1>{video.data.title}</h1>
			<SandboxBanner />
			<SandboxNotice text={liked ? t("channels:connect.sandbox.channel.liked") : null} tone="success" />
			{/* biome-ignore lint/a11y/useMediaCaption: the sandbox receives a video's bytes only; outside platforms take captions separately. */}
			<video controls preload="metadata" src={`${videoPath}/file`} data-video-file>
				{t("channels:connect.sandbox.channel.noVideo")}
			</video>
			<p data-counters data-views={video.views} data-likes={video.likes}>
				{t("channels:connect.sandbox.channel.counters", { views: number(video.views), likes: number(video.likes), comments: number(video.comments) })}
			</p>
			<dl>
				<dt>{t("channels:connect.sandbox.channel.columns.visibility")}</dt>
				<dd>{visibility(video.data.visibility)}</dd>
				<dt>{t("channels:connect.sandbox.channel.columns.tags")}</dt>
				<dd>{video.data.tags.length > 0 ? video.data.tags.map((tag) => `#${tag}`).join(" ") : t("channels:connect.sandbox.channel.noTags")}</dd>
				<dt>{t("channels:connect.sandbox.channel.columns.uploaded")}</dt>
				<dd>{dateTime(video.createdAt)}</dd>
			</dl>
			<p class="prose">{video.data.description}</p>
			<form method="post" action={`${videoPath}/like`}>
				<SandboxCsrf token={csrfToken} />
				<button type="submit" class="button button-primary" data-like={video.id}>
					{t("channels:connect.sandbox.channel.like")}
				</button>
			</form>
		</Layout>
	);
}
