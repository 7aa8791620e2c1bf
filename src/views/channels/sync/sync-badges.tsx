import { useI18n } from "../../../i18n/context";
import type { SyncOutcome } from "../../../shared/channels";
import { Badge } from "../../admin/status-badge";
import type { Tone } from "../../order-tones";

const OUTCOME_TONE: Record<SyncOutcome, Tone> = { succeeded: "success", failed: "danger", skipped: "neutral" };

/** A sync log row's outcome in the reader's words, coloured. */
export function OutcomeBadge({ outcome }: { outcome: SyncOutcome }) {
	const { t } = useI18n();
	return (
		<span data-outcome={outcome}>
			<Badge tone={OUTCOME_TONE[outcome]}>{t(`channels:sync.outcomes.${outcome}`)}</Badge>
		</span>
	);
}
