import { useI18n } from "../../i18n/context";

/** The short-video line's sections, in the order the nav shows them. */
export const VIDEO_SECTIONS = [
	{ id: "projects", href: "/video" },
	{ id: "start", href: "/video/start" },
	{ id: "brands", href: "/video/brands" },
	{ id: "templates", href: "/video/templates" },
	{ id: "assets", href: "/video/assets" },
	{ id: "usage", href: "/video/usage" },
	// The channels line (issue 18): where videos are published, when, and how they did.
	{ id: "channels", href: "/video/channels" },
	{ id: "schedules", href: "/video/schedules" },
	{ id: "analytics", href: "/video/analytics" },
] as const;
export type VideoSection = (typeof VIDEO_SECTIONS)[number]["id"];

/**
 * The nav between the short-video pages (projects, guided start, brand profiles, templates,
 * assets, usage and plan), shared by every page of the line: `current` is marked for
 * assistive technology with `aria-current="page"`.
 */
export function VideoNav({ current }: { current?: VideoSection }) {
	const { t } = useI18n();
	return (
		<nav class="video-nav" aria-label={t("video:projects.nav.label")}>
			<ul>
				{VIDEO_SECTIONS.map((section) => (
					<li>
						<a href={section.href} aria-current={section.id === current ? "page" : undefined}>
							{t(`video:projects.nav.${section.id}`)}
						</a>
					</li>
				))}
			</ul>
		</nav>
	);
}
