import { useI18n } from "../../../i18n/context";
import type { ScheduleStatus } from "../../../shared/channels";

/** Each status's colour: waiting blue, in the queue grey, uploading amber, done green, failed red. */
const TONE: Record<ScheduleStatus, string> = { pending: "info", queued: "neutral", publishing: "warning", published: "success", failed: "danger" };

export function StatusBadge({ status }: { status: ScheduleStatus }) {
	const { t } = useI18n();
	return (
		<span class={`badge badge-${TONE[status]}`} data-status={status}>
			{t(`channels:schedules.status.${status}`)}
		</span>
	);
}
