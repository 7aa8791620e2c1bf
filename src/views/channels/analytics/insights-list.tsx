import type { Insight } from "../../../channels/analytics/insights";
import { useI18n } from "../../../i18n/context";

/** Monday of a week in the past: weekday `n` (0 = Monday) is this day plus `n`, named by Intl in the reader's language. */
const A_MONDAY = Date.UTC(2026, 0, 5);

/** One insight's sentence and where to act on it. */
function InsightItem({ insight }: { insight: Insight }) {
	const { t, locale, number, date } = useI18n();
	if (insight.kind === "best_hour") {
		const { channel, weekday, hour, share_percent, time_zone } = insight.params;
		const at = new Date(A_MONDAY + weekday * 86_400_000 + hour * 3_600_000);
		const text = t("channels:analytics.insights.best_hour", {
			channel,
			weekday: new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" }).format(at),
			hour: new Intl.DateTimeFormat(locale, { hour: "numeric", timeZone: "UTC" }).format(at),
			share: number(share_percent),
			zone: time_zone,
		});
		return <Line kind={insight.kind} text={text} link={insight.link} linkText={t("channels:analytics.insights.best_hourLink")} />;
	}
	if (insight.kind === "best_template") {
		const { template_id, template_name, views_per_video, videos } = insight.params;
		const template = template_name ?? t(`video:library.templates.builtInNames.${template_id}.name` as "video:library.templates.name");
		const text = t("channels:analytics.insights.best_template", { template, views: number(views_per_video), videos: number(videos) });
		return <Line kind={insight.kind} text={text} link={insight.link} linkText={t("channels:analytics.insights.best_templateLink")} />;
	}
	const { channel, expires_at } = insight.params;
	const text = expires_at
		? t("channels:analytics.insights.token_expiring", { channel, date: date(expires_at) })
		: t("channels:analytics.insights.token_needs_reauth", { channel });
	return <Line kind={insight.kind} text={text} link={insight.link} linkText={t("channels:analytics.insights.token_expiringLink")} />;
}

function Line({ kind, text, link, linkText }: { kind: Insight["kind"]; text: string; link: string; linkText: string }) {
	return (
		<li data-insight={kind}>
			<p>{text}</p>
			<a href={link}>{linkText}</a>
		</li>
	);
}

/** The insights list: best hour, best template, channels to connect again; a sentence when there is none yet. */
export function InsightsList({ insights }: { insights: Insight[] }) {
	const { t } = useI18n();
	if (insights.length === 0) return <p class="muted">{t("channels:analytics.noInsights")}</p>;
	return (
		<ul class="analytics-insights">
			{insights.map((insight) => (
				<InsightItem insight={insight} />
			))}
		</ul>
	);
}
