import { useI18n } from "../../../i18n/context";
import type { I18n } from "../../../i18n/i18n";
import type { VideoAspect } from "../../../shared/gpu-jobs";
import type { ProjectStatus } from "../../../shared/video";

/** The aspect's label key (`9:16` has a colon, which the catalogue's keys cannot). */
const ASPECT_KEYS: Record<VideoAspect, "portrait" | "landscape" | "square"> = { "9:16": "portrait", "16:9": "landscape", "1:1": "square" };
export const ASPECTS: readonly VideoAspect[] = ["9:16", "16:9", "1:1"];

export function aspectLabel(t: I18n["t"], aspect: VideoAspect): string {
	return t(`video:projects.aspects.${ASPECT_KEYS[aspect]}`);
}

/** The badge colour of each status. */
const STATUS_BADGES: Record<ProjectStatus, string> = {
	draft: "badge-neutral",
	processing: "badge-info",
	ready: "badge-success",
	published: "badge-success",
	failed: "badge-danger",
};

export function ProjectStatusBadge({ status }: { status: ProjectStatus }) {
	const { t } = useI18n();
	return (
		<span class={`badge ${STATUS_BADGES[status]}`} data-project-status={status}>
			{t(`video:projects.status.${status}`)}
		</span>
	);
}

/** The built-in templates' words in the reader's language; a user's template shows its own name. */
const BUILT_IN_KEYS: Record<string, "hookPointsCta" | "listicle" | "beforeAfter" | undefined> = {
	"builtin-hook-points-cta": "hookPointsCta",
	"builtin-listicle": "listicle",
	"builtin-before-after": "beforeAfter",
};

export function templateName(t: I18n["t"], template: { id: string; name: string }): string {
	const key = BUILT_IN_KEYS[template.id];
	return key ? t(`video:onboarding.template.names.${key}`) : template.name;
}

export function templateDescription(t: I18n["t"], template: { id: string; description: string }): string {
	const key = BUILT_IN_KEYS[template.id];
	return key ? t(`video:onboarding.template.descriptions.${key}`) : template.description;
}

/** The Debian packages the gateway's local backend speaks and composes with (docs/video.md). */
export const MEDIA_PACKAGES_INSTALL = "sudo apt-get install -y ffmpeg espeak-ng fonts-noto-cjk";

/** What the gateway's tools check said (src/gpu/media-tools.ts). */
export type MediaTools = { ready: boolean; missing: string[]; install: string };

/**
 * Says what to install when the gateway cannot make voice or video (ffmpeg, espeak-ng, the CJK
 * font), instead of letting a run fail on it.
 */
export function MediaToolsNotice({ tools }: { tools: MediaTools | null }) {
	const { t, list } = useI18n();
	if (!tools || tools.ready) return null;
	return (
		<section class="status-panel status-warning video-media-tools" role="status" data-media-tools="missing">
			<strong>{t("video:projects.mediaTools.heading")}</strong>
			<p>{t("video:projects.mediaTools.body", { missing: list(tools.missing) })}</p>
			<p class="small">{t("video:projects.mediaTools.install")}</p>
			<pre class="mono">
				<code>{tools.install.includes("apt-get") ? tools.install : `${MEDIA_PACKAGES_INSTALL}\n# ${tools.install}`}</code>
			</pre>
		</section>
	);
}

/** A notice after a form's redirect (`?notice=`), or the refusal of the form just posted. */
export function FormFeedback({ notice, error }: { notice?: ProjectNotice | null; error?: string | null }) {
	const { t } = useI18n();
	return (
		<>
			{notice ? (
				<p class="notice" role="status" data-notice={notice}>
					{t(`video:projects.notices.${notice}`)}
				</p>
			) : null}
			{error ? (
				<p class="alert alert-error" role="alert">
					{error}
				</p>
			) : null}
		</>
	);
}

/** The notices a redirect may name. */
export const PROJECT_NOTICES = ["created", "saved", "scriptSaved", "started", "sceneStarted", "deleted"] as const;
export type ProjectNotice = (typeof PROJECT_NOTICES)[number];
