import { useI18n } from "../../i18n/context";
import type { Locale } from "../../shared/locale";
import type { PortraitStatus } from "../../shared/portraits";

/** The badge tone of each status, as the storefront's order badges. */
const STATUS_TONE: Record<PortraitStatus, "neutral" | "info" | "warning" | "success" | "danger"> = {
	pending_payment: "warning",
	pending_phone: "info",
	pending_upload: "info",
	processing: "info",
	completed: "success",
	failed: "danger",
};

const INTL_LOCALE: Record<Locale, string> = { ko: "ko-KR", en: "en-US" };

/**
 * A time in Korea Standard Time to the second, whatever zone the reader chose: the portrait
 * line promises deletion at an exact KST time (issue 15), so its pages never convert it.
 */
export function kstDateTime(locale: Locale, utc: string): string {
	const format = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
		year: "numeric",
		month: "long",
		day: "numeric",
		hour: "numeric",
		minute: "2-digit",
		second: "2-digit",
		timeZone: "Asia/Seoul",
	});
	return `${format.format(new Date(utc))} KST`;
}

/** Props of {@link PortraitJobFacts}. */
export type PortraitJobFactsProps = {
	status: PortraitStatus;
	/** `expires_at` in UTC (storage); shown in KST. */
	expiresAt: string;
	/** The same instant as the API gives it (`…+09:00`), for the `<time>` element. */
	expiresAtKst: string;
};

/**
 * What every portrait page shows: the job's status by its exact name (`pending_phone`, …) next
 * to its words, and the exact deletion time in KST.
 */
export function PortraitJobFacts({ status, expiresAt, expiresAtKst }: PortraitJobFactsProps) {
	const { t, locale } = useI18n();
	return (
		<dl class="summary-list portrait-facts">
			<div>
				<dt>{t("portraits:steps.status")}</dt>
				<dd>
					<span class={`badge badge-${STATUS_TONE[status]}`} data-portrait-status={status}>
						{t(`portraits:status.${status}`)}
					</span>{" "}
					<code class="mono small" data-status-name>
						{status}
					</code>
				</dd>
			</div>
			<div>
				<dt>{t("portraits:steps.deletesAt")}</dt>
				<dd>
					<time datetime={expiresAtKst} data-deletes-at>
						{kstDateTime(locale, expiresAt)}
					</time>
					<span class="small muted"> · {t("portraits:steps.deletesAtNote")}</span>
				</dd>
			</div>
		</dl>
	);
}
